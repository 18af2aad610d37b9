/* The beam search of search._decode_run_py, compiled: see _beam.c. */
#include "_beam.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    PyObject *low;   /* the state's last lower-case word (borrowed; None at the start) */
    Py_hash_t hash;
    Py_ssize_t id;   /* its word id (model_id) */
    double score;
    Py_ssize_t bi;   /* back pointer: the position before, */
    Py_ssize_t bj;   /* the index of the state there, */
    PyObject *bprev; /* its word, */
    long bk;         /* the fragments taken, */
    PyObject *bword; /* the word as written, */
    PyObject *bgone; /* and the lost word inserted before it (or NULL) */
} State;

typedef struct {
    State *st;
    Py_ssize_t n, cap; /* cap: the most states the position can hold, counted before the search */
    Py_ssize_t *table; /* open addressing: index into st, -1 when empty */
    Py_ssize_t tmask;
} Beam;

/* beam_find and beam_offer run for every candidate of every state: inlined, their arguments stay in
 * registers */
#define HOT static inline __attribute__((always_inline))

/* Index of the state ``low`` in ``b``, -1 when absent, -2 on error. Its table slot goes to *slot. */
HOT Py_ssize_t beam_find(Beam *b, PyObject *low, Py_hash_t hash, size_t *slot) {
    size_t h = (size_t)hash & (size_t)b->tmask;
    for (;;) {
        Py_ssize_t j = b->table[h];
        if (j < 0) {
            *slot = h;
            return -1;
        }
        State *s = &b->st[j];
        if (s->low == low) return j;
        if (s->hash == hash) {
            int eq = PyObject_RichCompareBool(s->low, low, Py_EQ);
            if (eq < 0) return -2;
            if (eq) return j;
        }
        h = (h + 1) & (size_t)b->tmask;
    }
}

/* Set the state ``j`` of ``b`` (its index, known) to ``score`` with its back pointer when the score is
 * higher than its current one. */
HOT void beam_raise(Beam *b, Py_ssize_t j, double score, Py_ssize_t bi, Py_ssize_t bj, PyObject *bprev, long bk,
                    PyObject *bword, PyObject *bgone) {
    State *s = &b->st[j];
    if (!(score > s->score)) return;
    s->score = score;
    s->bi = bi;
    s->bj = bj;
    s->bprev = bprev;
    s->bk = bk;
    s->bword = bword;
    s->bgone = bgone;
}

/* Set ``low`` to ``score`` with its back pointer when the score is higher than its current one: the index
 * of its state, -1 when it has none (a new word scoring -inf), -2 on error. */
HOT Py_ssize_t beam_offer(Beam *b, PyObject *low, Py_hash_t hash, Py_ssize_t id, double score, Py_ssize_t bi,
                          Py_ssize_t bj, PyObject *bprev, long bk, PyObject *bword, PyObject *bgone) {
    size_t slot;
    Py_ssize_t j = beam_find(b, low, hash, &slot);
    if (j == -2) return -2;
    if (j >= 0) {
        beam_raise(b, j, score, bi, bj, bprev, bk, bword, bgone);
        return j;
    }
    if (!(score > -INFINITY)) return -1;
    if (b->n >= b->cap) {
        PyErr_SetString(PyExc_RuntimeError, "decode_run: more states than counted");
        return -2;
    }
    j = b->n++;
    b->table[slot] = j;
    b->st[j].low = low;
    b->st[j].hash = hash;
    b->st[j].id = id;
    b->st[j].score = -INFINITY; /* raised below: score > -inf */
    beam_raise(b, j, score, bi, bj, bprev, bk, bword, bgone);
    return j;
}

/* beam_offer for a candidate word of the position whose state in ``b`` is ``*at`` once known (-1 before):
 * looked up once per position, not once per state. 0, or -1 on error. */
HOT int offer_at(Beam *b, Py_ssize_t *at, PyObject *low, Py_hash_t hash, Py_ssize_t id, double score,
                 Py_ssize_t bi, Py_ssize_t bj, PyObject *bprev, long bk, PyObject *bword, PyObject *bgone) {
    if (*at >= 0) {
        beam_raise(b, *at, score, bi, bj, bprev, bk, bword, bgone);
        return 0;
    }
    *at = beam_offer(b, low, hash, id, score, bi, bj, bprev, bk, bword, bgone);
    return *at == -2 ? -1 : 0;
}

/* PyObject_Hash(x), read from a str that has computed it already without a call */
static inline Py_hash_t str_hash(PyObject *x) {
    if (PyUnicode_CheckExact(x) && ((PyASCIIObject *)x)->hash != -1) return ((PyASCIIObject *)x)->hash;
    return PyObject_Hash(x);
}

typedef struct {
    Py_ssize_t idx;
    double score;
} Ranked;

static int ranked_cmp(const void *a, const void *b) {
    const Ranked *x = a, *y = b;
    if (x->score > y->score) return -1;
    if (x->score < y->score) return 1;
    return x->idx < y->idx ? -1 : (x->idx > y->idx);
}

/* Sort by score, then insertion order (a total order: any sort gives the same result); a beam holds a few
 * dozen states, where an insertion sort beats qsort's set-up. */
static void sort_ranked(Ranked *r, Py_ssize_t n) {
    if (n > 32) {
        qsort(r, (size_t)n, sizeof(Ranked), ranked_cmp);
        return;
    }
    for (Py_ssize_t i = 1; i < n; i++) {
        Ranked x = r[i];
        Py_ssize_t j = i;
        while (j > 0 && ranked_cmp(&x, &r[j - 1]) < 0) {
            r[j] = r[j - 1];
            j--;
        }
        r[j] = x;
    }
}

static int check_words(PyObject *words) {
    if (!PyList_Check(words)) {
        PyErr_SetString(PyExc_TypeError, "candidate words must be a list");
        return -1;
    }
    for (Py_ssize_t w = 0; w < PyList_GET_SIZE(words); w++) {
        PyObject *pair = PyList_GET_ITEM(words, w);
        if (!PyTuple_Check(pair) || PyTuple_GET_SIZE(pair) != 2) {
            PyErr_SetString(PyExc_TypeError, "a candidate must be a (word, lower-case) tuple");
            return -1;
        }
    }
    return 0;
}

/* The best reading of cands[start:start + n] after ``prev0``: a new list of (k, word). */
PyObject *run_beam(Ctx *c, PyObject *cands, Py_ssize_t start, Py_ssize_t n, PyObject *prev0,
                          PyObject *follow) {
    const Model *m = &c->m;
    PyObject *inv_after = c->inv_after, *inv_before = c->inv_before;
    const double *ceiling = c->ceiling;
    Py_ssize_t width = c->width;
    double insert_logp = c->insert_logp, margin = c->margin;
    PyObject *result = NULL;
    /* most pieces are short: their beams and states fit on the stack (no allocation per piece) */
    Beam beams_here[16];
    _Alignas(16) char block_here[8192];
    Beam *beams = (size_t)n + 1 <= sizeof(beams_here) / sizeof(Beam) ? beams_here
        : PyMem_Malloc(((size_t)n + 1) * sizeof(Beam));
    char *block = NULL;
    Ranked *ranked = NULL;
    Py_ssize_t mostw = 1, mostg = 1; /* the most candidate words, and groups, at a position */
    if (!beams) return PyErr_NoMemory();
    memset(beams, 0, ((size_t)n + 1) * sizeof(Beam));
    /* check the candidates; count the states each position can hold: one per candidate ending there */
    beams[0].cap = 1;
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *cand = PyList_GET_ITEM(cands, start + i);
        if (!PyTuple_Check(cand) || PyTuple_GET_SIZE(cand) != 2 || !PyList_Check(PyTuple_GET_ITEM(cand, 0))) {
            PyErr_SetString(PyExc_TypeError, "a position's candidates must be (groups, unknown)");
            goto done;
        }
        PyObject *groups = PyTuple_GET_ITEM(cand, 0);
        PyObject *unknown = PyTuple_GET_ITEM(cand, 1);
        Py_ssize_t nwords = 0;
        for (Py_ssize_t g = 0; g < PyList_GET_SIZE(groups); g++) {
            PyObject *grp = PyList_GET_ITEM(groups, g);
            if (!PyTuple_Check(grp) || PyTuple_GET_SIZE(grp) != 2) {
                PyErr_SetString(PyExc_TypeError, "a candidate group must be (k, words)");
                goto done;
            }
            long k = PyLong_AsLong(PyTuple_GET_ITEM(grp, 0));
            if (k == -1 && PyErr_Occurred()) goto done;
            if (k < 1 || i + k > n) {
                PyErr_SetString(PyExc_ValueError, "a candidate group reaches past the run");
                goto done;
            }
            if (check_words(PyTuple_GET_ITEM(grp, 1)) < 0) goto done;
            beams[i + k].cap += PyList_GET_SIZE(PyTuple_GET_ITEM(grp, 1));
            nwords += PyList_GET_SIZE(PyTuple_GET_ITEM(grp, 1));
        }
        if (nwords > mostw) mostw = nwords;
        if (PyList_GET_SIZE(groups) > mostg) mostg = PyList_GET_SIZE(groups);
        if (unknown != Py_None) {
            if (!PyTuple_Check(unknown) || PyTuple_GET_SIZE(unknown) != 3) {
                PyErr_SetString(PyExc_TypeError, "the unknown fragment must be (word, low, score)");
                goto done;
            }
            beams[i + 1].cap += 1;
        }
    }
    Py_ssize_t nst = 0, ntab = 0, most = 1;
    for (Py_ssize_t j = 0; j <= n; j++) {
        Py_ssize_t t = 2;
        while (t < 2 * beams[j].cap) t *= 2;
        beams[j].tmask = t - 1;
        nst += beams[j].cap;
        ntab += t;
        if (beams[j].cap > most) most = beams[j].cap;
    }
    size_t bytes = sizeof(State) * nst + sizeof(Ranked) * most + sizeof(Py_ssize_t) * (ntab + 2 * mostw)
                   + sizeof(Py_hash_t) * mostw + sizeof(PyObject *) * 2 * mostw + sizeof(long) * mostg;
    block = bytes <= sizeof(block_here) ? block_here : PyMem_Malloc(bytes);
    if (!block) {
        PyErr_NoMemory();
        goto done;
    }
    State *pool = (State *)block;
    ranked = (Ranked *)(pool + nst);
    Py_ssize_t *tab = (Py_ssize_t *)(ranked + most);
    memset(tab, 0xff, sizeof(Py_ssize_t) * ntab); /* -1 everywhere */
    /* the current position's candidate words, in order: their ids, hashes, states in the beam they reach
     * (-1 until found: looked up once per position, not once per state), words and lower-case words */
    Py_ssize_t *cid = tab + ntab;
    Py_ssize_t *cat = cid + mostw;
    Py_hash_t *chash = (Py_hash_t *)(cat + mostw);
    PyObject **cword = (PyObject **)(chash + mostw);
    PyObject **clow = cword + mostw;
    long *gk = (long *)(clow + mostw); /* and the fragments each of its groups takes (checked above) */
    for (Py_ssize_t j = 0; j <= n; j++) {
        beams[j].st = pool;
        beams[j].table = tab;
        pool += beams[j].cap;
        tab += beams[j].tmask + 1;
    }
    Py_hash_t h0 = PyObject_Hash(prev0);
    Py_ssize_t id0 = h0 == -1 ? -1 : model_id(m, prev0);
    if (id0 < 0 || beam_offer(&beams[0], prev0, h0, id0, 0.0, 0, 0, NULL, 0, NULL, NULL) < 0) goto done;

    for (Py_ssize_t i = 0; i < n; i++) {
        Beam *beam = &beams[i];
        if (!beam->n) continue;
        PyObject *cand = PyList_GET_ITEM(cands, start + i);
        PyObject *groups = PyTuple_GET_ITEM(cand, 0);
        PyObject *unknown = PyTuple_GET_ITEM(cand, 1);
        Py_ssize_t ngroups = PyList_GET_SIZE(groups);
        Py_ssize_t nw = 0;
        for (Py_ssize_t g = 0; g < ngroups; g++) {
            gk[g] = PyLong_AsLong(PyTuple_GET_ITEM(PyList_GET_ITEM(groups, g), 0));
            PyObject *words = PyTuple_GET_ITEM(PyList_GET_ITEM(groups, g), 1);
            for (Py_ssize_t w = 0; w < PyList_GET_SIZE(words); w++, nw++) {
                PyObject *pair = PyList_GET_ITEM(words, w), *low = PyTuple_GET_ITEM(pair, 1);
                cword[nw] = PyTuple_GET_ITEM(pair, 0);
                clow[nw] = low;
                cat[nw] = -1;
                chash[nw] = str_hash(low);
                cid[nw] = chash[nw] == -1 ? -1 : model_id(m, low);
                if (cid[nw] < 0) goto done;
            }
        }
        /* the states in order of score, the first inserted first among equals; the best BEAM */
        Py_ssize_t nstates = beam->n;
        for (Py_ssize_t j = 0; j < nstates; j++) {
            ranked[j].idx = j;
            ranked[j].score = beam->st[j].score;
        }
        if (nstates > 1) {
            sort_ranked(ranked, nstates);
            if (nstates > width) nstates = width;
        }
        int have_floor = 0;
        double floor = 0.0;
        for (Py_ssize_t r = 0; r < nstates; r++) {
            Py_ssize_t here = ranked[r].idx;
            State *cur = &beam->st[here];
            double score = cur->score;
            PyObject *prev = cur->low;
            PyObject *invisible = PyList_GET_ITEM(inv_after, cur->id);
            int inv = 0;
            if (invisible != Py_None) {
                inv = PyObject_IsTrue(invisible);
                if (inv < 0) goto done;
                if (inv && !PyList_Check(invisible)) {
                    PyErr_SetString(PyExc_TypeError, "invisible_after values must be lists");
                    goto done;
                }
            }
            if (have_floor && score < floor && !inv) continue;
            const double *row = &MODEL_AT(m, cur->id, 0);
            Py_ssize_t q0 = 0; /* the index of the group's first word in cid, cat, chash ... */
            for (Py_ssize_t g = 0; g < ngroups; g++) {
                PyObject *grp = PyList_GET_ITEM(groups, g);
                long k = gk[g];
                PyObject *words = PyTuple_GET_ITEM(grp, 1);
                Beam *nxt = &beams[i + k];
                Py_ssize_t nwg = PyList_GET_SIZE(words);
                if (!inv) { /* most states: no word lost after them */
                    for (Py_ssize_t q = q0; q < q0 + nwg; q++)
                        if (offer_at(nxt, &cat[q], clow[q], chash[q], cid[q], score + row[cid[q]], i, here, prev, k,
                                     cword[q], NULL) < 0)
                            goto done;
                    q0 += nwg;
                    continue;
                }
                for (Py_ssize_t q = q0; q < q0 + nwg; q++) {
                    PyObject *word = cword[q], *low = clow[q];
                    Py_ssize_t id = cid[q];
                    if (offer_at(nxt, &cat[q], low, chash[q], id, score + row[id], i, here, prev, k, word, NULL) < 0)
                        goto done;
                    /* a word lost entirely ("đề" in "Xét đề nghị") between two attested pairs */
                    PyObject *before = PyDict_GetItemWithError(inv_before, low);
                    if (!before) {
                        if (PyErr_Occurred()) goto done;
                        continue;
                    }
                    int truth = PyObject_IsTrue(before);
                    if (truth < 0) goto done;
                    if (!truth) continue;
                    for (Py_ssize_t v = 0; v < PyList_GET_SIZE(invisible); v++) {
                        PyObject *gone = PyList_GET_ITEM(invisible, v);
                        int in = PySequence_Contains(before, gone);
                        if (in < 0) goto done;
                        if (!in) continue;
                        Py_ssize_t gid = model_id(m, gone);
                        if (gid < 0) goto done;
                        double s2 = score + row[gid] + MODEL_AT(m, gid, id) + insert_logp;
                        if (offer_at(nxt, &cat[q], low, chash[q], id, s2, i, here, prev, k, word, gone) < 0) goto done;
                    }
                }
                q0 += nwg;
            }
            if (unknown != Py_None) {
                /* the fragment as it stands scores the same after every state: only the best writes it */
                PyObject *word = PyTuple_GET_ITEM(unknown, 0), *low = PyTuple_GET_ITEM(unknown, 1);
                double base = PyFloat_AsDouble(PyTuple_GET_ITEM(unknown, 2));
                if (base == -1.0 && PyErr_Occurred()) goto done;
                unknown = Py_None;
                Py_hash_t hash = PyObject_Hash(low);
                Py_ssize_t id = hash == -1 ? -1 : model_id(m, low);
                if (id < 0
                    || beam_offer(&beams[i + 1], low, hash, id, score + base, i, here, prev, 1, word, NULL) == -2)
                    goto done;
            }
            if (!have_floor && beam->n > 1) {
                /* later states score less: one below every candidate's score minus the most that
                 * candidate can gain after any word cannot change a thing */
                floor = INFINITY;
                q0 = 0;
                for (Py_ssize_t g = 0; g < ngroups; g++) {
                    PyObject *grp = PyList_GET_ITEM(groups, g);
                    long k = gk[g];
                    PyObject *words = PyTuple_GET_ITEM(grp, 1);
                    Beam *nxt = &beams[i + k];
                    for (Py_ssize_t w = 0; w < PyList_GET_SIZE(words); w++, q0++) {
                        PyObject *low = clow[q0];
                        size_t slot;
                        Py_ssize_t j = cat[q0] >= 0 ? cat[q0] : beam_find(nxt, low, chash[q0], &slot);
                        if (j == -2) goto done;
                        double cv = ceiling[cid[q0]];
                        if (j < 0 || isnan(cv)) { /* a word without a ceiling: index.ceiling[low] fails */
                            PyErr_SetObject(PyExc_KeyError, low);
                            goto done;
                        }
                        double v = nxt->st[j].score - cv;
                        if (v < floor) floor = v;
                    }
                }
                floor -= margin;
                have_floor = 1;
            }
        }
    }
    /* back-track from the best end, counting what follows the run ("số" before a number) */
    Beam *last = &beams[n];
    if (!last->n) {
        PyErr_SetString(PyExc_ValueError, "max() arg is an empty sequence");
        goto done;
    }
    int use_follow = PyObject_IsTrue(follow);
    if (use_follow < 0) goto done;
    Py_ssize_t best = 0, fid = 0;
    double best_v = 0.0;
    if (use_follow && (fid = model_id(m, follow)) < 0) goto done;
    for (Py_ssize_t j = 0; j < last->n; j++) {
        double v = last->st[j].score;
        if (use_follow) v = v + MODEL_AT(m, last->st[j].id, fid);
        if (j == 0 || v > best_v) {
            best = j;
            best_v = v;
        }
    }
    Py_ssize_t steps = 0; /* the words of the reading: its list is filled from the end */
    for (Py_ssize_t pos = n, j = best; pos > 0; steps++) {
        const State *s = &beams[pos].st[j];
        pos = s->bi;
        j = s->bj;
    }
    PyObject *out = PyList_New(steps);
    if (!out) goto done;
    Py_ssize_t pos = n;
    State *st = &last->st[best];
    while (pos > 0) {
        PyObject *word;
        if (st->bgone) {
            word = PyUnicode_FromFormat("%U %U", st->bgone, st->bword);
        } else {
            word = st->bword;
            Py_INCREF(word);
        }
        PyObject *item = word ? PyTuple_New(2) : NULL, *k = item ? PyLong_FromLong(st->bk) : NULL;
        if (!k) {
            Py_XDECREF(item);
            Py_XDECREF(word);
            Py_DECREF(out);
            goto done;
        }
        PyTuple_SET_ITEM(item, 0, k);
        PyTuple_SET_ITEM(item, 1, word);
        PyList_SET_ITEM(out, --steps, untracked(item));
        pos = st->bi;
        st = &beams[pos].st[st->bj];
    }
    result = untracked(out); /* cached, never changed */
done:
    if (beams != beams_here) PyMem_Free(beams);
    if (block != block_here) PyMem_Free(block);
    return result;
}

/* decode_run(cands, prev, follow, <the model arguments>) -> [(k, word)] */
PyObject *decode_run(PyObject *self, PyObject *const *args, Py_ssize_t nargs) {
    Ctx c;
    if (nargs != 3 + MODEL_ARGS) {
        PyErr_SetString(PyExc_TypeError, "decode_run: wrong number of arguments");
        return NULL;
    }
    if (!PyList_Check(args[0])) {
        PyErr_SetString(PyExc_TypeError, "decode_run: cands must be a list");
        return NULL;
    }
    if (ctx_init(&c, args + 3) < 0) return NULL;
    return run_beam(&c, args[0], 0, PyList_GET_SIZE(args[0]), args[1], args[2]);
}

