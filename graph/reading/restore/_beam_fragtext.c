/* The fragments of a run read from the text through the index's table of fragments (_beam_frags.c): each
 * fragment the table holds is taken as the table's own str, found by its characters (no new str made and
 * hashed for every fragment of every run), and its id is found again by the str's address (no dict look-up
 * in frag_id). The fragments are the same strs by value as run.split(" ") gives. */
#include "_beam.h"

#include <stdint.h>
#include <string.h>

/* The fragments of the table by their characters: the ids in open addressing by a hash of the code points,
 * so that a fragment of a run is found from the run's own characters and the table's str of it taken, not
 * a new str made and hashed for every fragment of every run (frag_str) */
typedef struct {
    size_t hash;
    Py_ssize_t id; /* -1: empty */
} CharSlot;

static struct {
    CharSlot *slots;
    PyObject **keys; /* the str of each id (borrowed: the table's dict of ids holds them) */
    Py_ssize_t *by_address; /* the same ids by the address of their str (-1: empty): frag_id of a str of the
                               table without a dict look-up */
    size_t mask;
} fc;

static size_t address_hash(PyObject *key) {
    size_t h = (size_t)(uintptr_t)key >> 4;
    return h ^ (h >> 15);
}

/* FNV-1a over the code points of data[start:start + len] (characters of ``kind`` bytes) */
#define FNV_LOOP(T)                                                                                      \
    for (const T *c = (const T *)data + start, *e = c + len; c < e; c++) h = (h ^ *c) * 1099511628211ull
static size_t chars_hash(int kind, const void *data, Py_ssize_t start, Py_ssize_t len) {
    unsigned long long h = 1469598103934665603ull;
    if (kind == PyUnicode_2BYTE_KIND) FNV_LOOP(Py_UCS2);
    else if (kind == PyUnicode_1BYTE_KIND) FNV_LOOP(Py_UCS1);
    else FNV_LOOP(Py_UCS4);
    return (size_t)(h ^ (h >> 32));
}
#undef FNV_LOOP

void frag_chars_free(void) {
    PyMem_Free(fc.slots);
    PyMem_Free(fc.keys);
    PyMem_Free(fc.by_address);
    fc.slots = NULL;
    fc.keys = NULL;
    fc.by_address = NULL;
    fc.mask = 0;
}

/* Build the tables of the fragments of ``ids`` (fragment -> id, the ids 0 to n - 1), after freeing any
 * earlier ones; -1 on error */
int frag_chars_build(PyObject *ids, Py_ssize_t n) {
    frag_chars_free();
    size_t size = 8;
    while (size < 2 * (size_t)n) size *= 2;
    fc.slots = PyMem_Malloc(size * sizeof(CharSlot));
    fc.keys = PyMem_Calloc((size_t)(n ? n : 1), sizeof(PyObject *));
    fc.by_address = PyMem_Malloc(size * sizeof(Py_ssize_t));
    if (!fc.slots || !fc.keys || !fc.by_address) {
        PyErr_NoMemory();
        return -1;
    }
    for (size_t q = 0; q < size; q++) fc.slots[q].id = fc.by_address[q] = -1;
    fc.mask = size - 1;
    Py_ssize_t pos = 0;
    PyObject *key, *value;
    while (PyDict_Next(ids, &pos, &key, &value)) {
        Py_ssize_t id = PyLong_AsSsize_t(value);
        if (id < 0 || id >= n) {
            if (!PyErr_Occurred()) PyErr_SetString(PyExc_ValueError, "a fragment id out of range");
            return -1;
        }
        size_t h = chars_hash(PyUnicode_KIND(key), PyUnicode_DATA(key), 0, PyUnicode_GET_LENGTH(key));
        size_t q = h & fc.mask;
        while (fc.slots[q].id >= 0) q = (q + 1) & fc.mask;
        fc.slots[q] = (CharSlot){.hash = h, .id = id};
        fc.keys[id] = key;
        for (q = address_hash(key) & fc.mask; fc.by_address[q] >= 0; q = (q + 1) & fc.mask) {}
        fc.by_address[q] = id;
    }
    return 0;
}

/* The table's own str of the fragment text[start:start + len] (a new reference: the same characters), or
 * NULL, without an error, when the table holds no such fragment */
static PyObject *frag_str(PyObject *text, Py_ssize_t start, Py_ssize_t len) {
    if (!fc.slots) return NULL;
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    size_t h = chars_hash(kind, data, start, len);
    for (size_t q = h & fc.mask; fc.slots[q].id >= 0; q = (q + 1) & fc.mask) {
        if (fc.slots[q].hash != h) continue;
        PyObject *key = fc.keys[fc.slots[q].id];
        if (PyUnicode_GET_LENGTH(key) != len) continue;
        int kk = PyUnicode_KIND(key);
        const void *kd = PyUnicode_DATA(key);
        Py_ssize_t c = 0;
        if (kk == kind) { /* the same width: compared as bytes */
            c = memcmp(kd, (const char *)data + start * kind, (size_t)(len * kind)) ? -1 : len;
        } else {
            while (c < len && PyUnicode_READ(kk, kd, c) == PyUnicode_READ(kind, data, start + c)) c++;
        }
        if (c == len) {
            Py_INCREF(key);
            return key;
        }
    }
    return NULL;
}

/* The id of ``f`` when it is the table's own str of a fragment (frag_str's), found by its address; else -1 */
Py_ssize_t frag_chars_id(PyObject *f) {
    if (!fc.by_address) return -1;
    for (size_t q = address_hash(f) & fc.mask; fc.by_address[q] >= 0; q = (q + 1) & fc.mask)
        if (fc.keys[fc.by_address[q]] == f) return fc.by_address[q];
    return -1;
}

/* run.split(" ") of the run text[base:base + len], each fragment the index's table holds (``table``: built for
 * this index, _beam_frags.c) being the table's own str of it: found by its characters, its hash known, where
 * a new str would be made and hashed to be looked up */
PyObject *split_run(PyObject *text, Py_ssize_t base, Py_ssize_t len, int table) {
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    Py_ssize_t nf = 1, end = base + len;
    if (kind == PyUnicode_2BYTE_KIND) { /* Vietnamese text: counted without a switch per character */
        for (const Py_UCS2 *c = (const Py_UCS2 *)data + base, *e = c + len; c < e; c++) nf += *c == ' ';
    } else {
        for (Py_ssize_t i = base; i < end; i++) nf += PyUnicode_READ(kind, data, i) == ' ';
    }
    PyObject *out = PyList_New(nf);
    if (!out) return NULL;
    for (Py_ssize_t i = base, a = base, f = 0; f < nf; i++) {
        if (i < end && PyUnicode_READ(kind, data, i) != ' ') continue;
        PyObject *frag = table ? frag_str(text, a, i - a) : NULL;
        if (!frag && !(frag = PyUnicode_Substring(text, a, i))) {
            Py_DECREF(out);
            return NULL;
        }
        PyList_SET_ITEM(out, f++, frag);
        a = i + 1;
    }
    return out;
}

/* Whether the fragment table of read_run's index arguments ``rargs`` is built for them (building it):
 * 1 yes, 0 no (the arguments are left to read_run to check), -1 on error */
int run_frag_table(PyObject *const *rargs) {
    double unknown_logp = PyFloat_AsDouble(rargs[7]);
    Py_ssize_t maxf = PyLong_AsSsize_t(rargs[8]);
    if (PyErr_Occurred()) {
        PyErr_Clear();
        return 0;
    }
    if (!PyDict_Check(rargs[3]) || !PyAnySet_Check(rargs[4]) || !PyAnySet_Check(rargs[5])
        || !PyAnySet_Check(rargs[6]) || maxf < 1)
        return 0;
    return frag_table(rargs[3], rargs[4], rargs[5], rargs[6], unknown_logp, maxf);
}
