/* Shared declarations of the compiled restoration core (graph/reading/restore/_beam*.c). */
#ifndef LINEAGE_BEAM_H
#define LINEAGE_BEAM_H

#define PY_SSIZE_T_CLEAN
#include <Python.h>

extern PyObject *str_lower, *str_upper; /* interned method names */

typedef struct {
    PyObject *rows;    /* lm._rows: prev -> {word: logp} */
    PyObject *row_of;  /* lm.row */
    PyObject *logp;    /* lm.logp */
    PyObject *unigrams, *pairs, *followers; /* lm.unigrams, search.pair_counts(lm), lm.followers */
    double total;      /* lm.total + 0.1 * 10000, the denominator of a unigram's probability */
} Model;

/* The model arguments of the search: rows, row_of, logp, invisible_after, invisible_before, ceiling, beam,
 * insert_logp, ceiling_margin, unigrams, pair_counts, followers, total (search._model_args). */
#define MODEL_ARGS 13
/* read_run's arguments: frags, follow, 11 of the candidates, anchors and pieces, the model's, lost */
#define READ_RUN_ARGS (14 + MODEL_ARGS)

typedef struct {
    Model m;
    PyObject *inv_after, *inv_before, *ceiling;
    Py_ssize_t width;
    double insert_logp, margin;
} Ctx;

/* _beam.c: helpers */
PyObject *untracked(PyObject *t);
PyObject *tuple_of(PyObject *items, Py_ssize_t a, Py_ssize_t b);
PyObject *lower_of(PyObject *u);
PyObject *pack_nn(Py_ssize_t a, Py_ssize_t b, PyObject *x, PyObject *y);

/* _beam_model.c: the model's log-probabilities of word pairs, memoised as the Python model does */
/* What the estimate after ``prev`` reads of it, looked up once per state of the search (ready: done). */
typedef struct {
    int ready, seen;            /* seen: prev is a vocabulary word (a count above 0) */
    long long cp, followers;    /* its count; the number of words seen after it, plus one */
    PyObject *after;            /* the counts of the pairs "prev ..." (borrowed; NULL: none) */
} Prev;
int ctx_init(Ctx *c, PyObject *const *args);
int model_logp(Model *m, PyObject *row, PyObject *prev, PyObject *word, double *out, Prev *pv);
int model_logp2(Model *m, PyObject *prev, PyObject *word, double *out);
PyObject *model_row(Model *m, PyObject *prev);
PyObject *pair_logp(PyObject *self, PyObject *const *args, Py_ssize_t nargs);

/* _beam_search.c: the beam search */
PyObject *run_beam(Ctx *c, PyObject *cands, Py_ssize_t start, Py_ssize_t n, PyObject *prev0, PyObject *follow);
PyObject *decode_run(PyObject *self, PyObject *const *args, Py_ssize_t nargs);

/* _beam_runs.c: the candidates of a run, its anchors, its reading piece by piece */
PyObject *candidates(PyObject *self, PyObject *const *args, Py_ssize_t nargs);
PyObject *anchors(PyObject *self, PyObject *const *args, Py_ssize_t nargs);
PyObject *decode_chunked(PyObject *self, PyObject *const *args, Py_ssize_t nargs);

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
