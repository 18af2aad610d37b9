/* The syllable model's log-probabilities of word pairs for the compiled search (SyllableModel._logp,
 * compiled: see _beam.c): a dense table of every pair of vocabulary words, built once per process
 * (pair_table, called by pairs.pair_table), read by integer word ids (model_id). */
#include "_beam.h"

#include <math.h>
#include <stdint.h>

/* The words of the last ``ids`` dict by address (the search's words are the model's own str objects):
 * found without a dict look-up; a word found nowhere here is looked up in the dict. */
static struct {
    PyObject *ids; /* a strong reference: it keeps the words alive */
    IdSlot *slots;
    size_t mask;
} by_address;

/* Strs found in no vocabulary ``ids`` (the last one) by address, held (strong references): a fragment left
 * as it stands is looked up in the dict once, not at every piece it is read in. Emptied when full. */
#define ABSENT_SLOTS 8192
static struct {
    PyObject *ids;
    PyObject *keys[ABSENT_SLOTS];
    Py_ssize_t count;
} absent;

static size_t absent_slot(PyObject *word) {
    size_t h = (size_t)(uintptr_t)word >> 4;
    return (h ^ (h >> 13)) & (ABSENT_SLOTS - 1);
}

static void absent_clear(void) {
    for (Py_ssize_t q = 0; q < ABSENT_SLOTS; q++) Py_CLEAR(absent.keys[q]);
    absent.count = 0;
}

/* Whether ``word`` (an exact str) was found in no vocabulary ``ids`` before */
static int absent_has(PyObject *ids, PyObject *word) {
    if (absent.ids != ids) return 0;
    for (size_t q = absent_slot(word); absent.keys[q]; q = (q + 1) & (ABSENT_SLOTS - 1))
        if (absent.keys[q] == word) return 1;
    return 0;
}

static void absent_add(PyObject *ids, PyObject *word) {
    if (absent.ids != ids || absent.count >= ABSENT_SLOTS / 2) {
        absent_clear();
        absent.ids = ids; /* the dict of by_address, held there: emptied when that one changes */
    }
    size_t q = absent_slot(word);
    while (absent.keys[q]) q = (q + 1) & (ABSENT_SLOTS - 1);
    Py_INCREF(word);
    absent.keys[q] = word;
    absent.count++;
}

static int by_address_build(PyObject *ids) {
    size_t size = 8;
    while (size < 2 * (size_t)PyDict_GET_SIZE(ids)) size *= 2;
    IdSlot *slots = PyMem_Calloc(size, sizeof(IdSlot));
    if (!slots) {
        PyErr_NoMemory();
        return -1;
    }
    Py_ssize_t pos = 0;
    PyObject *key, *value;
    while (PyDict_Next(ids, &pos, &key, &value)) {
        Py_hash_t h = PyObject_Hash(key);
        Py_ssize_t id = PyLong_AsSsize_t(value);
        if (h == -1 || (id == -1 && PyErr_Occurred())) {
            PyMem_Free(slots);
            return -1;
        }
        size_t q = (size_t)h & (size - 1);
        while (slots[q].key) q = (q + 1) & (size - 1);
        slots[q].key = key;
        slots[q].id = id;
    }
    PyMem_Free(by_address.slots);
    Py_XDECREF(by_address.ids);
    absent_clear(); /* its words were looked up in the dict let go */
    absent.ids = NULL;
    Py_INCREF(ids);
    by_address.ids = ids;
    by_address.slots = slots;
    by_address.mask = size - 1;
    return 0;
}

/* Read the MODEL_ARGS model arguments (see _beam.h) into ``c``. */
int ctx_init(Ctx *c, PyObject *const *args) {
    c->m.ids = args[0];
    c->inv_after = args[2];
    c->inv_before = args[3];
    c->width = PyLong_AsSsize_t(args[5]);
    c->insert_logp = PyFloat_AsDouble(args[6]);
    c->margin = PyFloat_AsDouble(args[7]);
    if (PyErr_Occurred()) return -1;
    if (!PyDict_Check(c->m.ids) || !PyBytes_CheckExact(args[1]) || !PyList_CheckExact(c->inv_after)
        || !PyDict_Check(c->inv_before) || !PyBytes_CheckExact(args[4]) || c->width < 1) {
        PyErr_SetString(PyExc_TypeError, "decode_run: unexpected model argument types");
        return -1;
    }
    c->m.nids = PyDict_GET_SIZE(c->m.ids);
    if (by_address.ids != c->m.ids && by_address_build(c->m.ids) < 0) return -1;
    c->m.slots = by_address.slots;
    c->m.mask = by_address.mask;
    Py_ssize_t side = c->m.nids + 1;
    const char *data = PyBytes_AS_STRING(args[1]), *ceiling = PyBytes_AS_STRING(args[4]);
    if (PyBytes_GET_SIZE(args[1]) != (Py_ssize_t)sizeof(double) * side * side
        || PyBytes_GET_SIZE(args[4]) != (Py_ssize_t)sizeof(double) * side
        || PyList_GET_SIZE(c->inv_after) != side || (uintptr_t)data % sizeof(double)
        || (uintptr_t)ceiling % sizeof(double)) {
        PyErr_SetString(PyExc_ValueError, "decode_run: the tables by word id do not fit the word ids");
        return -1;
    }
    c->m.table = (const double *)data;
    c->ceiling = (const double *)ceiling;
    return 0;
}

/* The id of ``word`` (a str, or None): its index in the vocabulary, else nids; -1 on error. */
Py_ssize_t model_id(const Model *m, PyObject *word) {
    int exact = PyUnicode_CheckExact(word);
    if (m->slots && exact) {
        Py_hash_t h = ((PyASCIIObject *)word)->hash; /* computed already, or -1 */
        for (size_t q = (size_t)h & m->mask; h != -1 && m->slots[q].key; q = (q + 1) & m->mask)
            if (m->slots[q].key == word) return m->slots[q].id;
        if (absent_has(m->ids, word)) return m->nids;
    }
    PyObject *v = PyDict_GetItemWithError(m->ids, word);
    if (!v) {
        if (PyErr_Occurred()) return -1;
        if (m->slots && exact) absent_add(m->ids, word);
        return m->nids;
    }
    Py_ssize_t id = PyLong_AsSsize_t(v);
    if (id == -1 && PyErr_Occurred()) return -1;
    if (id < 0 || id >= m->nids) {
        PyErr_SetString(PyExc_ValueError, "a word id out of range");
        return -1;
    }
    return id;
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

static int prev_init(const Counts *m, PyObject *prev, Prev *p) {
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

/* The Witten-Bell estimate of SyllableModel._logp after a seen word, its float operations in its order. */
static inline double witten_bell(double cb, const Prev *p, double p_uni) {
    return log((cb + (double)p->followers * p_uni) / (double)(p->cp + p->followers));
}

/* SyllableModel._logp(prev, word), its twin operation for operation (the same float operations in the
 * same order, the same libm log): the interpolated Witten-Bell estimate. */
static int prev_compute(const Counts *m, const Prev *p, PyObject *word, double *out) {
    double cu, cb = 0.0;
    if (count_of(m->unigrams, word, &cu) < 0) return -1;
    double p_uni = (cu + 0.1) / m->total;
    if (!p->seen) { /* the start of a run, or a word never seen */
        *out = log(p_uni);
        return 0;
    }
    if (p->after && count_of(p->after, word, &cb) < 0) return -1;
    *out = witten_bell(cb, p, p_uni);
    return 0;
}

/* Counts from the arguments unigrams, pair_counts, followers, total; -1 on error. */
static int counts_init(Counts *m, PyObject *const *args) {
    if (!PyDict_Check(args[0]) || !PyDict_Check(args[1]) || !PyDict_Check(args[2])) {
        PyErr_SetString(PyExc_TypeError, "unigrams, pair_counts and followers must be dicts");
        return -1;
    }
    *m = (Counts){.unigrams = args[0], .pairs = args[1], .followers = args[2]};
    m->total = PyFloat_AsDouble(args[3]) + 0.1 * 10000;
    return PyErr_Occurred() ? -1 : 0;
}

/* pair_logp(prev, word, unigrams, pair_counts, followers, total) -> SyllableModel._logp(prev, word), as
 * the table's builder computes it (pair_counts: pairs.pair_counts): its test compares it with the Python
 * model's. */
PyObject *pair_logp(PyObject *self, PyObject *const *args, Py_ssize_t nargs) {
    if (nargs != 6 || !PyUnicode_Check(args[1]) || (args[0] != Py_None && !PyUnicode_Check(args[0]))) {
        PyErr_SetString(PyExc_TypeError, "pair_logp(prev, word, unigrams, pair_counts, followers, total)");
        return NULL;
    }
    Counts m;
    Prev p;
    double d;
    if (counts_init(&m, args + 2) < 0 || prev_init(&m, args[0], &p) < 0
        || prev_compute(&m, &p, args[1], &d) < 0)
        return NULL;
    return PyFloat_FromDouble(d);
}

/* pair_table(ids, absent, unigrams, pair_counts, followers, total) -> bytes: the doubles
 * SyllableModel._logp(prev, word) for prev in [*ids, None] and word in [*ids, absent], row by row, where
 * ``ids`` maps every word of the model (unigrams and pairs) to 0, 1, ... in order and ``absent`` is a
 * word the model does not hold. Each row computes as prev_compute does, its pair counts read once. */
PyObject *pair_table(PyObject *self, PyObject *const *args, Py_ssize_t nargs) {
    Counts m;
    if (nargs != 6 || !PyDict_Check(args[0]) || !PyUnicode_Check(args[1])) {
        PyErr_SetString(PyExc_TypeError, "pair_table(ids, absent, unigrams, pair_counts, followers, total)");
        return NULL;
    }
    if (counts_init(&m, args + 2) < 0) return NULL;
    PyObject *ids = args[0], *absent = args[1];
    Py_ssize_t n = PyDict_GET_SIZE(ids), side = n + 1;
    int held = PyDict_Contains(ids, absent);
    if (held) {
        if (held > 0) PyErr_SetString(PyExc_ValueError, "pair_table: the absent word is in the vocabulary");
        return NULL;
    }
    PyObject **words = PyMem_Malloc(sizeof(PyObject *) * side);
    double *p_uni = PyMem_Malloc(sizeof(double) * 2 * side);
    PyObject *out = PyBytes_FromStringAndSize(NULL, (Py_ssize_t)sizeof(double) * side * side);
    if (!out) goto fail;
    if (!words || !p_uni) {
        PyErr_NoMemory();
        goto fail;
    }
    double *cb = p_uni + side, *table = (double *)PyBytes_AS_STRING(out);
    Py_ssize_t pos = 0, q = 0;
    PyObject *key, *value;
    while (PyDict_Next(ids, &pos, &key, &value)) {
        if (PyLong_AsSsize_t(value) != q) {
            if (!PyErr_Occurred()) PyErr_SetString(PyExc_ValueError, "pair_table: ids must be 0, 1, ...");
            goto fail;
        }
        words[q++] = key;
    }
    words[n] = absent;
    for (Py_ssize_t c = 0; c < side; c++) {
        double cu;
        if (count_of(m.unigrams, words[c], &cu) < 0) goto fail;
        p_uni[c] = (cu + 0.1) / m.total;
    }
    for (Py_ssize_t r = 0; r < side; r++) {
        Prev p;
        double *row = table + r * side;
        if (prev_init(&m, r < n ? words[r] : Py_None, &p) < 0) goto fail;
        if (!p.seen) { /* the start of a run, or a word never seen */
            for (Py_ssize_t c = 0; c < side; c++) row[c] = log(p_uni[c]);
            continue;
        }
        for (Py_ssize_t c = 0; c < side; c++) cb[c] = 0.0;
        Py_ssize_t apos = 0;
        while (p.after && PyDict_Next(p.after, &apos, &key, &value)) {
            Py_ssize_t c = model_id(&(Model){.ids = ids, .nids = n, .slots = NULL}, key);
            if (c < 0) goto fail;
            if (c == n) { /* it would read as the absent word's column */
                PyErr_SetString(PyExc_ValueError, "pair_table: a word of a pair is not in the ids");
                goto fail;
            }
            cb[c] = PyFloat_AsDouble(value);
            if (cb[c] == -1.0 && PyErr_Occurred()) goto fail;
        }
        for (Py_ssize_t c = 0; c < side; c++) row[c] = witten_bell(cb[c], &p, p_uni[c]);
    }
    PyMem_Free(words);
    PyMem_Free(p_uni);
    return out;
fail:
    PyMem_Free(words);
    PyMem_Free(p_uni);
    Py_XDECREF(out);
    return NULL;
}
