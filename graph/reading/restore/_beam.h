/* Shared declarations of the compiled restoration core (graph/reading/restore/_beam*.c). */
#ifndef LINEAGE_BEAM_H
#define LINEAGE_BEAM_H

#define PY_SSIZE_T_CLEAN
#include <Python.h>

extern PyObject *str_lower, *str_upper; /* interned method names */

/* The model's log-probabilities of word pairs, read by integer word ids from a dense table built once
 * per process (pairs.pair_table): a vocabulary word's id is its index in ``ids``; every other word (and
 * None, the start of a run) takes the last id, ``nids``, whose row and column hold what SyllableModel._logp
 * gives a word it has never seen. */
typedef struct {
    PyObject *key;        /* a word of ``ids`` (borrowed: the cache holds ``ids``), NULL: empty */
    Py_ssize_t id;
} IdSlot;

typedef struct {
    PyObject *ids;        /* word -> id (a dict of the vocabulary) */
    const IdSlot *slots;  /* the same words by address (open addressing by their hash; NULL: none) */
    size_t mask;
    const double *table;  /* logp(prev, word) at table[id(prev) * (nids + 1) + id(word)] */
    Py_ssize_t nids;      /* len(ids) */
} Model;

/* What SyllableModel._logp reads: unigrams, pair counts by first word (pairs.pair_counts), followers and
 * lm.total + 0.1 * 10000, the denominator of a unigram's probability. */
typedef struct {
    PyObject *unigrams, *pairs, *followers;
    double total;
} Counts;

/* The model arguments of the search: ids, table, invisible_after by id, invisible_before, ceiling by id,
 * beam, insert_logp, ceiling_margin (search._model_args). */
#define MODEL_ARGS 8
/* read_run's arguments: frags, follow, 11 of the candidates, anchors and pieces, the model's, lost */
#define READ_RUN_ARGS (14 + MODEL_ARGS)

typedef struct {
    Model m;
    PyObject *inv_after;    /* index.invisible_after by word id: a list of lists or None (pairs.by_id) */
    PyObject *inv_before;   /* index.invisible_before */
    const double *ceiling;  /* index.ceiling by word id, NaN for a word without one */
    Py_ssize_t width;
    double insert_logp, margin;
} Ctx;

/* _beam.c: helpers */
PyObject *untracked(PyObject *t);
PyObject *tuple_of(PyObject *items, Py_ssize_t a, Py_ssize_t b);
PyObject *lower_of(PyObject *u);
PyObject *pack_nn(Py_ssize_t a, Py_ssize_t b, PyObject *x, PyObject *y);

/* _beam_model.c: the model's log-probabilities of word pairs by word ids */
/* What the estimate after ``prev`` reads of it, looked up once per ``prev``. */
typedef struct {
    int seen;                   /* prev is a vocabulary word (a count above 0) */
    long long cp, followers;    /* its count; the number of words seen after it, plus one */
    PyObject *after;            /* the counts of the pairs "prev ..." (borrowed; NULL: none) */
} Prev;
int ctx_init(Ctx *c, PyObject *const *args);
Py_ssize_t model_id(const Model *m, PyObject *word);
/* logp(a, b) of two word ids */
#define MODEL_AT(m, a, b) ((m)->table[(a) * ((m)->nids + 1) + (b)])
PyObject *pair_logp(PyObject *self, PyObject *const *args, Py_ssize_t nargs);
PyObject *pair_table(PyObject *self, PyObject *const *args, Py_ssize_t nargs);

/* _beam_search.c: the beam search */
PyObject *run_beam(Ctx *c, PyObject *cands, Py_ssize_t start, Py_ssize_t n, PyObject *prev0, PyObject *follow);
PyObject *decode_run(PyObject *self, PyObject *const *args, Py_ssize_t nargs);

/* _beam_runs.c: the candidates of a run, its anchors, its reading piece by piece */
PyObject *candidates(PyObject *self, PyObject *const *args, Py_ssize_t nargs);
PyObject *anchors(PyObject *self, PyObject *const *args, Py_ssize_t nargs);
PyObject *candidates_ids(PyObject *const *args, Py_ssize_t nargs, Py_ssize_t **ids_out);
PyObject *anchors_ids(PyObject *frags, PyObject *sole, PyObject *cands, const Py_ssize_t *ids);
PyObject *decode_chunked(PyObject *self, PyObject *const *args, Py_ssize_t nargs);

/* _beam_frags.c: the candidates of the fragments the index knows, by fragment id */
int frag_table(PyObject *by_skeleton, PyObject *intact, PyObject *orphan_letters, PyObject *heads,
               double unknown_logp, Py_ssize_t max_fragments);
Py_ssize_t frag_id(PyObject *f);
PyObject *frag_candidates(const Py_ssize_t *ids, Py_ssize_t i, Py_ssize_t n, Py_ssize_t max_fragments);
const char *frag_sole_flags(PyObject *sole);

/* _beam_fragtext.c: the fragments of a run as the fragment table's own strs */
int frag_chars_build(PyObject *ids, Py_ssize_t n);
void frag_chars_free(void);
Py_ssize_t frag_chars_id(PyObject *f);
PyObject *split_run(PyObject *text, Py_ssize_t base, Py_ssize_t len, int table);
int run_frag_table(PyObject *const *rargs);

/* _beam_changes.c: the restored words of a reading */
PyObject *changes(PyObject *self, PyObject *const *args, Py_ssize_t nargs);

/* _beam.c: the changes of one run's reading */
PyObject *read_run(PyObject *self, PyObject *const *args, Py_ssize_t nargs);

/* _beam_text.c: the runs of words of a document's whole text and their edits */
PyObject *text_runs(PyObject *self, PyObject *const *args, Py_ssize_t nargs);
PyObject *run_edits(PyObject *self, PyObject *const *args, Py_ssize_t nargs);

/* _beam_apply.c: the edits applied to a document's text */
PyObject *apply_edits(PyObject *self, PyObject *const *args, Py_ssize_t nargs);

#endif
