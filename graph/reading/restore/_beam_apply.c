/* Restoration edits applied to a document's text, with the map of where each character came from
 * (apply._apply_py), compiled: see _beam.c. One call per document instead of one Python loop step per
 * restored word. */
#include "_beam.h"

#include <string.h>

/* Append origin[a:b] (a <= b) to the growing buffer *buf of *len, *cap items. */
static int put(long **buf, Py_ssize_t *len, Py_ssize_t *cap, const long *origin, Py_ssize_t a, Py_ssize_t b,
               long fill, Py_ssize_t times) {
    Py_ssize_t more = origin ? (b > a ? b - a : 0) : times;
    if (*len + more > *cap) {
        Py_ssize_t want = (*cap * 2 > *len + more) ? *cap * 2 : *len + more + 16;
        long *grown = PyMem_Realloc(*buf, sizeof(long) * (size_t)want);
        if (!grown) {
            PyErr_NoMemory();
            return -1;
        }
        *buf = grown;
        *cap = want;
    }
    if (origin) {
        if (more) memcpy(*buf + *len, origin + a, sizeof(long) * (size_t)more);
    } else {
        for (Py_ssize_t q = 0; q < more; q++) (*buf)[*len + q] = fill;
    }
    *len += more;
    return 0;
}

/* origin[q] as Python indexes it (from the end when negative) into *out; -1 and IndexError outside */
static int origin_at(const long *origin, Py_ssize_t olen, Py_ssize_t q, long *out) {
    if (q < 0) q += olen;
    if (q < 0 || q >= olen) {
        PyErr_SetString(PyExc_IndexError, "array index out of range");
        return -1;
    }
    *out = origin[q];
    return 0;
}

/* Write src[from:from + n] at out[at:] (out: characters of ``kind`` bytes, at least src's kind). */
static void put_chars(void *out, int kind, Py_ssize_t at, PyObject *src, Py_ssize_t from, Py_ssize_t n) {
    int skind = PyUnicode_KIND(src);
    const void *sdata = PyUnicode_DATA(src);
    if (skind == kind) {
        memcpy((char *)out + at * kind, (const char *)sdata + from * kind, (size_t)(n * kind));
        return;
    }
    for (Py_ssize_t q = 0; q < n; q++) PyUnicode_WRITE(kind, out, at + q, PyUnicode_READ(skind, sdata, from + q));
}

/* The width of the new text's characters (the widest of the text's and of the edits' words, 1, 2 or 4)
 * and its length into *len, the edits checked (sorted, apart, in the text: what is written fits); -1 on a
 * malformed edit. */
static int new_kind(PyObject *text, PyObject *edits, Py_ssize_t *len) {
    int kind = PyUnicode_KIND(text);
    Py_ssize_t tlen = PyUnicode_GET_LENGTH(text), n = tlen, pos = 0;
    for (Py_ssize_t e = 0; e < PyList_GET_SIZE(edits); e++) {
        PyObject *ed = PyList_GET_ITEM(edits, e);
        if (!PyTuple_Check(ed) || PyTuple_GET_SIZE(ed) < 4) {
            PyErr_SetString(PyExc_TypeError, "an edit must be (start, end, new, words)");
            return -1;
        }
        Py_ssize_t start = PyLong_AsSsize_t(PyTuple_GET_ITEM(ed, 0));
        Py_ssize_t end = PyLong_AsSsize_t(PyTuple_GET_ITEM(ed, 1));
        PyObject *new = PyTuple_GET_ITEM(ed, 2);
        if (PyErr_Occurred()) return -1;
        if (!PyUnicode_Check(new) || !PyTuple_Check(PyTuple_GET_ITEM(ed, 3)) || start < pos || end < start
            || end > tlen) {
            PyErr_SetString(PyExc_ValueError, "apply_edits: edits must be sorted, apart and in the text");
            return -1;
        }
        if (PyUnicode_KIND(new) > kind) kind = PyUnicode_KIND(new);
        n += PyUnicode_GET_LENGTH(new) - (end - start);
        pos = end;
    }
    *len = n;
    return kind;
}

/* apply_edits(text, origin, edits) -> (text, origin as bytes of C longs, restored spans):
 * apply._apply_py, the origin given as a buffer of C longs (array("l")). The new text is written into one
 * buffer (no string per piece) and made a str once, in its narrowest kind. */
PyObject *apply_edits(PyObject *self, PyObject *const *args, Py_ssize_t nargs) {
    if (nargs != 3 || !PyUnicode_Check(args[0]) || !PyList_Check(args[2])) {
        PyErr_SetString(PyExc_TypeError, "apply_edits(text: str, origin: array('l'), edits: list)");
        return NULL;
    }
    PyObject *text = args[0], *edits = args[2];
    Py_buffer view;
    if (PyObject_GetBuffer(args[1], &view, PyBUF_FORMAT | PyBUF_C_CONTIGUOUS) < 0) return NULL;
    if (view.itemsize != sizeof(long) || !view.format || strcmp(view.format, "l") != 0) {
        PyBuffer_Release(&view);
        PyErr_SetString(PyExc_TypeError, "apply_edits: the origin must be an array('l')");
        return NULL;
    }
    const long *origin = view.buf;
    Py_ssize_t olen = view.len / (Py_ssize_t)sizeof(long), tlen = PyUnicode_GET_LENGTH(text);
    Py_ssize_t ne = PyList_GET_SIZE(edits), cap = olen + 64, len = 0, out_len = 0;
    long *buf = PyMem_Malloc(sizeof(long) * (size_t)cap);
    PyObject *restored = PyList_New(0), *result = NULL;
    int kind = 0;
    void *out = NULL;
    if (!buf || !restored) {
        if (!buf) PyErr_NoMemory();
        goto done;
    }
    if ((kind = new_kind(text, edits, &out_len)) < 0) goto done;
    if (!(out = PyMem_Malloc((size_t)(out_len > 0 ? out_len : 1) * (size_t)kind))) {
        PyErr_NoMemory();
        goto done;
    }
    Py_ssize_t pos = 0, src = 0, length = 0;
    long at;
#define COPY_TO(b) put(&buf, &len, &cap, origin, src, (b) < olen ? (b) : olen, 0, 0)
    for (Py_ssize_t e = 0; e < ne; e++) {
        PyObject *ed = PyList_GET_ITEM(edits, e);
        if (!PyTuple_Check(ed) || PyTuple_GET_SIZE(ed) < 4) {
            PyErr_SetString(PyExc_TypeError, "an edit must be (start, end, new, words)");
            goto done;
        }
        Py_ssize_t start = PyLong_AsSsize_t(PyTuple_GET_ITEM(ed, 0));
        Py_ssize_t end = PyLong_AsSsize_t(PyTuple_GET_ITEM(ed, 1));
        PyObject *new = PyTuple_GET_ITEM(ed, 2), *words = PyTuple_GET_ITEM(ed, 3);
        if (PyErr_Occurred()) goto done;
        if (!PyUnicode_Check(new) || !PyTuple_Check(words) || start < pos || end < start || end > tlen) {
            PyErr_SetString(PyExc_ValueError, "apply_edits: edits must be sorted, apart and in the text");
            goto done;
        }
        Py_ssize_t nn = PyUnicode_GET_LENGTH(new);
        if (start > pos) {
            put_chars(out, kind, length, text, pos, start - pos);
            length += start - pos;
        }
        put_chars(out, kind, length, new, 0, nn);
        Py_ssize_t nw = PyTuple_GET_SIZE(words);
        if (nw) { /* several restored words: each onto its own damaged word, the spaces onto theirs */
            Py_ssize_t b = 0;
            for (Py_ssize_t q = 0; q < nw; q++) {
                PyObject *t = PyTuple_GET_ITEM(words, q);
                if (!PyTuple_Check(t) || PyTuple_GET_SIZE(t) != 3
                    || !PyUnicode_Check(PyTuple_GET_ITEM(t, 2))) {
                    PyErr_SetString(PyExc_TypeError, "a restored word must be (start, end, word)");
                    goto done;
                }
                Py_ssize_t a = PyLong_AsSsize_t(PyTuple_GET_ITEM(t, 0));
                b = PyLong_AsSsize_t(PyTuple_GET_ITEM(t, 1));
                if (PyErr_Occurred()) goto done;
                Py_ssize_t grown = PyUnicode_GET_LENGTH(PyTuple_GET_ITEM(t, 2)) - b + a;
                if (grown > 0) { /* the damaged word, then the letters added */
                    if (COPY_TO(start + b) < 0) goto done;
                    if (origin_at(origin, olen, start + b - 1, &at) < 0
                        || put(&buf, &len, &cap, NULL, 0, 0, at, grown) < 0) goto done;
                    src = start + b;
                } else if (grown < 0) { /* the damaged word's first characters */
                    if (COPY_TO(start + b + grown) < 0) goto done;
                    src = start + b;
                }
            }
            if (start + b != end) { /* damaged text after the last word maps to nothing */
                if (COPY_TO(start + b) < 0) goto done;
                src = end;
            }
        } else {
            Py_ssize_t grown = nn - end + start;
            if (grown > 0) {
                if (COPY_TO(end) < 0) goto done;
                if (origin_at(origin, olen, end - 1, &at) < 0
                    || put(&buf, &len, &cap, NULL, 0, 0, at, grown) < 0) goto done;
                src = end;
            } else if (grown < 0) {
                if (COPY_TO(start + nn) < 0) goto done;
                src = end;
            }
        }
        PyObject *span = pack_nn(length, length + nn, NULL, NULL);
        if (!span || PyList_Append(restored, span) < 0) {
            Py_XDECREF(span);
            goto done;
        }
        Py_DECREF(span);
        length += nn;
        pos = end;
    }
    put_chars(out, kind, length, text, pos, tlen - pos);
    if (COPY_TO(olen) < 0) goto done;
#undef COPY_TO
    PyObject *joined = PyUnicode_FromKindAndData(kind, out, out_len);
    Py_ssize_t bytes = (Py_ssize_t)sizeof(long) * len;
    PyObject *raw = joined ? PyBytes_FromStringAndSize((const char *)buf, bytes) : NULL;
    result = raw ? PyTuple_Pack(3, joined, raw, restored) : NULL;
    Py_XDECREF(joined);
    Py_XDECREF(raw);
done:
    PyBuffer_Release(&view);
    PyMem_Free(buf);
    PyMem_Free(out);
    Py_XDECREF(restored);
    return result;
}
