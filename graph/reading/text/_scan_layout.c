/* The steps of a layout repair, compiled: the twin of graph/reading/text/textmap.py's
 * MappedBuilder.insert_copies (a separator, then a span of the input, for each line or cell), part of the
 * extension graph.reading.text._scan (its method table is in _scan.c). See textmap.py for the builder.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

/* A growing buffer of C longs: the items of an array("l") */
typedef struct {
    long *items;
    Py_ssize_t n, cap;
} Longs;

static int longs_reserve(Longs *o, Py_ssize_t more) {
    if (o->n + more <= o->cap) return 0;
    Py_ssize_t cap = o->cap ? 2 * o->cap : 1024;
    while (cap < o->n + more) cap *= 2;
    long *items = PyMem_Realloc(o->items, (size_t)cap * sizeof(long));
    if (!items) {
        PyErr_NoMemory();
        return -1;
    }
    o->items = items;
    o->cap = cap;
    return 0;
}

/* The pending copy source[ps:pe] written out: its part, and its origins ps, ps + 1 ... */
static int flush_copy(PyObject *source, PyObject *parts, Longs *o, Py_ssize_t ps, Py_ssize_t pe) {
    if (!(pe > ps && ps >= 0)) return 0;
    PyObject *part = PyUnicode_Substring(source, ps, pe);
    if (!part) return -1;
    int err = PyList_Append(parts, part);
    Py_DECREF(part);
    if (err < 0 || longs_reserve(o, pe - ps) < 0) return -1;
    for (Py_ssize_t i = ps; i < pe; i++) o->items[o->n++] = (long)i;
    return 0;
}

/* copy_pieces(source, pieces, ps, pe) -> (parts, origins, ps, pe, length): the steps of
 * textmap.MappedBuilder.insert_copies, its Python twin. ``pieces``: a list of (text, at, start, end),
 * each "insert text (its characters map to input index at), then copy source[start:end]"; ``ps``, ``pe``:
 * the copy pending before them (-1, -1 for none). Returns the parts written (a list of str), their
 * origins (the bytes of an array("l")), the copy left pending and how many characters the steps add. An
 * inserted text that the input holds right where the pending copy ends extends the copy. */
PyObject *scan_copy_pieces(PyObject *self, PyObject *const *args, Py_ssize_t nargs) {
    if (nargs != 4 || !PyUnicode_Check(args[0]) || !PyList_Check(args[1])) {
        PyErr_SetString(PyExc_TypeError, "copy_pieces(source: str, pieces: list, ps: int, pe: int)");
        return NULL;
    }
    PyObject *source = args[0], *pieces = args[1];
    if (PyUnicode_READY(source) < 0) return NULL;
    Py_ssize_t ps = PyLong_AsSsize_t(args[2]), pe = PyLong_AsSsize_t(args[3]);
    if (PyErr_Occurred()) return NULL;
    PyObject *parts = PyList_New(0);
    if (!parts) return NULL;
    Longs o = {NULL, 0, 0};
    Py_ssize_t length = 0;
    for (Py_ssize_t k = 0; k < PyList_GET_SIZE(pieces); k++) {
        PyObject *piece = PyList_GET_ITEM(pieces, k);
        if (!PyTuple_Check(piece) || PyTuple_GET_SIZE(piece) != 4
            || !PyUnicode_Check(PyTuple_GET_ITEM(piece, 0))) {
            PyErr_SetString(PyExc_TypeError, "copy_pieces: each piece is (text: str, at, start, end)");
            goto fail;
        }
        PyObject *text = PyTuple_GET_ITEM(piece, 0);
        Py_ssize_t at = PyLong_AsSsize_t(PyTuple_GET_ITEM(piece, 1));
        Py_ssize_t start = PyLong_AsSsize_t(PyTuple_GET_ITEM(piece, 2));
        Py_ssize_t end = PyLong_AsSsize_t(PyTuple_GET_ITEM(piece, 3));
        if (PyErr_Occurred() || PyUnicode_READY(text) < 0) goto fail;
        Py_ssize_t n = PyUnicode_GET_LENGTH(text);
        if (n) {
            length += n;
            int same = 0;
            if (pe >= 0 && at == pe + n) {
                same = (int)PyUnicode_Tailmatch(source, text, pe, PY_SSIZE_T_MAX, -1);
                if (same < 0) goto fail;
            }
            if (same) {
                pe = at; /* the input has these very characters here: the copy goes on */
            } else {
                if (flush_copy(source, parts, &o, ps, pe) < 0) goto fail;
                ps = pe = -1;
                if (PyList_Append(parts, text) < 0 || longs_reserve(&o, n) < 0) goto fail;
                for (Py_ssize_t i = 0; i < n; i++) o.items[o.n++] = (long)at;
            }
        }
        if (end <= start) continue;
        if (start != pe) {
            if (flush_copy(source, parts, &o, ps, pe) < 0) goto fail;
            ps = start;
        }
        pe = end;
        length += end - start;
    }
    PyObject *origins = PyBytes_FromStringAndSize((const char *)o.items, (Py_ssize_t)(o.n * sizeof(long)));
    PyMem_Free(o.items);
    if (!origins) {
        Py_DECREF(parts);
        return NULL;
    }
    return Py_BuildValue("(NNnnn)", parts, origins, ps, pe, length);
fail:
    PyMem_Free(o.items);
    Py_DECREF(parts);
    return NULL;
}
