/* The syllable model's log-probabilities of word pairs for the compiled search (SyllableModel.logp and
 * _logp, compiled: see _beam.c): read from the model's memo rows (lm._rows), and a pair missing there
 * computed as the Python model computes it and written to the memo, as lm.logp does. */
#include "_beam.h"

#include <math.h>

/* Read the MODEL_ARGS model arguments (see _beam.h) into ``c``. */
int ctx_init(Ctx *c, PyObject *const *args) {
    c->m.rows = args[0];
    c->m.row_of = args[1];
    c->m.logp = args[2];
    c->inv_after = args[3];
    c->inv_before = args[4];
    c->ceiling = args[5];
    c->width = PyLong_AsSsize_t(args[6]);
    c->insert_logp = PyFloat_AsDouble(args[7]);
    c->margin = PyFloat_AsDouble(args[8]);
    c->m.unigrams = args[9];
    c->m.pairs = args[10];
    c->m.followers = args[11];
    c->m.total = PyFloat_AsDouble(args[12]) + 0.1 * 10000;
    if (PyErr_Occurred()) return -1;
    if (!PyDict_Check(c->m.rows) || !PyDict_Check(c->inv_after) || !PyDict_Check(c->inv_before)
        || !PyDict_Check(c->ceiling) || c->width < 1 || !PyDict_Check(c->m.unigrams)
        || !PyDict_Check(c->m.pairs) || !PyDict_Check(c->m.followers)) {
        PyErr_SetString(PyExc_TypeError, "decode_run: unexpected model argument types");
        return -1;
    }
    return 0;
}

/* A count of the model (0 when absent) as the float Python's arithmetic turns it into; -1 on error. */
static int count_of(PyObject *table, PyObject *key, double *out) {
    PyObject *v = PyDict_GetItemWithError(table, key);
    if (!v) {
        *out = 0.0;
        return PyErr_Occurred() ? -1 : 0;
    }
    *out = PyFloat_AsDouble(v);
    return *out == -1.0 && PyErr_Occurred() ? -1 : 0;
}

static int prev_init(Model *m, PyObject *prev, Prev *p) {
    p->ready = 1;
    p->seen = 0;
    p->cp = p->followers = 0;
    p->after = NULL;
    if (prev == Py_None) return 0;
    PyObject *cpo = PyDict_GetItemWithError(m->unigrams, prev);
    if (!cpo && PyErr_Occurred()) return -1;
    p->seen = cpo ? PyObject_IsTrue(cpo) : 0;
    if (p->seen <= 0) return p->seen;
    PyObject *fo = PyDict_GetItemWithError(m->followers, prev);
    if (!fo && PyErr_Occurred()) return -1;
    p->followers = (fo ? PyLong_AsLongLong(fo) : 0) + 1;
    p->cp = PyLong_AsLongLong(cpo);
    if (PyErr_Occurred()) return -1;
    p->after = PyDict_GetItemWithError(m->pairs, prev);
    if (!p->after && PyErr_Occurred()) return -1;
    if (p->after && !PyDict_Check(p->after)) {
        PyErr_SetString(PyExc_TypeError, "pair counts must be dicts");
        return -1;
    }
    return 0;
}

/* SyllableModel._logp(prev, word), its twin operation for operation (the same float operations in the
 * same order, the same libm log): the interpolated Witten-Bell estimate. */
static int prev_compute(Model *m, Prev *p, PyObject *word, double *out) {
    double cu, cb = 0.0;
    if (count_of(m->unigrams, word, &cu) < 0) return -1;
    double p_uni = (cu + 0.1) / m->total;
    if (!p->seen) { /* the start of a run, or a word never seen */
        *out = log(p_uni);
        return 0;
    }
    if (p->after && count_of(p->after, word, &cb) < 0) return -1;
    *out = log((cb + (double)p->followers * p_uni) / (double)(p->cp + p->followers));
    return 0;
}

static int model_compute(Model *m, PyObject *prev, PyObject *word, double *out) {
    Prev p;
    if (prev_init(m, prev, &p) < 0) return -1;
    return prev_compute(m, &p, word, out);
}

/* logp(prev, word) as lm.logp gives it: from the memo row ``row`` of ``prev`` (NULL: look it up, made
 * when missing), else computed (with ``pv``, what is known of ``prev``, when not NULL) and written to
 * the memo. Words are str and ``prev`` a str or None, as
 * the model's memo holds them; anything else is asked of the Python model. */
int model_logp(Model *m, PyObject *row, PyObject *prev, PyObject *word, double *out, Prev *pv) {
    if (!row) {
        row = PyDict_GetItemWithError(m->rows, prev);
        if (!row) {
            if (PyErr_Occurred()) return -1;
            if (!PyUnicode_CheckExact(word) || (prev != Py_None && !PyUnicode_CheckExact(prev))) goto python;
            row = PyDict_New();
            if (!row) return -1;
            int bad = PyDict_SetItem(m->rows, prev, row);
            Py_DECREF(row); /* the memo holds it */
            if (bad < 0) return -1;
        }
        if (!PyDict_Check(row)) goto python;
    }
    PyObject *v = PyDict_GetItemWithError(row, word);
    if (v) {
        double d = PyFloat_CheckExact(v) ? PyFloat_AS_DOUBLE(v) : PyFloat_AsDouble(v);
        if (d == -1.0 && PyErr_Occurred()) return -1;
        *out = d;
        return 0;
    }
    if (PyErr_Occurred()) return -1;
    if (!PyUnicode_CheckExact(word) || (prev != Py_None && !PyUnicode_CheckExact(prev))) goto python;
    double d;
    Prev local = {0};
    if (!pv) pv = &local;
    if ((!pv->ready && prev_init(m, prev, pv) < 0) || prev_compute(m, pv, word, &d) < 0) return -1;
    PyObject *f = PyFloat_FromDouble(d);
    if (!f) return -1;
    int bad = PyDict_SetItem(row, word, f);
    Py_DECREF(f);
    if (bad < 0) return -1;
    *out = d;
    return 0;
python:;
    PyObject *args[2] = {prev, word};
    PyObject *r = PyObject_Vectorcall(m->logp, args, 2, NULL);
    if (!r) return -1;
    double d2 = PyFloat_AsDouble(r);
    Py_DECREF(r);
    if (d2 == -1.0 && PyErr_Occurred()) return -1;
    *out = d2;
    return 0;
}

/* The memo row of ``prev`` (a new reference), as lm.row gives it: made empty when missing. */
PyObject *model_row(Model *m, PyObject *prev) {
    PyObject *row = PyDict_GetItemWithError(m->rows, prev);
    if (row && PyDict_Check(row)) {
        Py_INCREF(row);
        return row;
    }
    if (PyErr_Occurred()) return NULL;
    if (!row && (prev == Py_None || PyUnicode_CheckExact(prev))) { /* lm.row: a new memo row */
        row = PyDict_New();
        if (row && PyDict_SetItem(m->rows, prev, row) < 0) Py_CLEAR(row);
        return row;
    }
    row = PyObject_CallOneArg(m->row_of, prev);
    if (row && !PyDict_Check(row)) {
        Py_DECREF(row);
        PyErr_SetString(PyExc_TypeError, "a model row must be a dict");
        return NULL;
    }
    return row;
}

/* The logp of a memo row's absent word, when the row itself is not at hand. */
int model_logp2(Model *m, PyObject *prev, PyObject *word, double *out) {
    return model_logp(m, NULL, prev, word, out, NULL);
}

/* pair_logp(prev, word, unigrams, pair_counts, followers, total) -> SyllableModel._logp(prev, word), as
 * the search computes it (no memo; pair_counts: search.pair_counts): its test compares it with the
 * Python model's. */
PyObject *pair_logp(PyObject *self, PyObject *const *args, Py_ssize_t nargs) {
    if (nargs != 6 || !PyDict_Check(args[2]) || !PyDict_Check(args[3]) || !PyDict_Check(args[4])
        || !PyUnicode_Check(args[1]) || (args[0] != Py_None && !PyUnicode_Check(args[0]))) {
        PyErr_SetString(PyExc_TypeError, "pair_logp(prev, word, unigrams, pair_counts, followers, total)");
        return NULL;
    }
    Model m = {.unigrams = args[2], .pairs = args[3], .followers = args[4]};
    m.total = PyFloat_AsDouble(args[5]) + 0.1 * 10000;
    double d;
    if (PyErr_Occurred() || model_compute(&m, args[0], args[1], &d) < 0) return NULL;
    return PyFloat_FromDouble(d);
}
