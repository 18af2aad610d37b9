/* The restored words of a run's reading (edits._changes, edits._case), compiled: see _beam.c. */
#include "_beam.h"

/* Whether ``ch`` (one character) is in the set ``lost``; -1 on error. */
static int char_in(PyObject *lost, Py_UCS4 ch) {
    PyObject *c = PyUnicode_FromOrdinal((int)ch);
    if (!c) return -1;
    int in = PySet_Contains(lost, c);
    Py_DECREF(c);
    return in;
}

/* " ".join of the words of parts[(start, end, word)] */
static PyObject *join_parts(PyObject *parts) {
    Py_ssize_t np = PyList_GET_SIZE(parts);
    if (np == 1) {
        PyObject *w = PyTuple_GET_ITEM(PyList_GET_ITEM(parts, 0), 2);
        Py_INCREF(w);
        return w;
    }
    PyObject *words = PyList_New(np);
    if (!words) return NULL;
    for (Py_ssize_t q = 0; q < np; q++) {
        PyObject *w = PyTuple_GET_ITEM(PyList_GET_ITEM(parts, q), 2);
        Py_INCREF(w);
        PyList_SET_ITEM(words, q, w);
    }
    PyObject *sep = PyUnicode_FromOrdinal(' ');
    PyObject *joined = sep ? PyUnicode_Join(sep, words) : NULL;
    Py_XDECREF(sep);
    Py_DECREF(words);
    return joined;
}

/* str.islower() (``upper`` 0) or str.isupper() (``upper`` 1) of a str, as CPython computes them */
static int str_is_case(PyObject *u, int upper) {
    Py_ssize_t len = PyUnicode_GET_LENGTH(u);
    int kind = PyUnicode_KIND(u);
    const void *data = PyUnicode_DATA(u);
    int cased = 0;
    for (Py_ssize_t q = 0; q < len; q++) {
        Py_UCS4 ch = PyUnicode_READ(kind, data, q);
        if ((upper ? Py_UNICODE_ISLOWER(ch) : Py_UNICODE_ISUPPER(ch)) || Py_UNICODE_ISTITLE(ch)) return 0;
        if (!cased && (upper ? Py_UNICODE_ISUPPER(ch) : Py_UNICODE_ISLOWER(ch))) cased = 1;
    }
    return cased;
}

/* edits._case: the case of a restored word, capitals among capitals ("BAN HÀNH K HO CH"); a new
 * reference. */
static PyObject *case_of(PyObject *word, PyObject *damaged, PyObject *reading, Py_ssize_t w) {
    Py_ssize_t len = PyUnicode_GET_LENGTH(damaged), letters = 0;
    int kind = PyUnicode_KIND(damaged), all_upper = 1;
    const void *data = PyUnicode_DATA(damaged);
    for (Py_ssize_t q = 0; q < len; q++) {
        Py_UCS4 ch = PyUnicode_READ(kind, data, q);
        if (!Py_UNICODE_ISALPHA(ch)) continue;
        letters++;
        if (!Py_UNICODE_ISUPPER(ch)) all_upper = 0;
    }
    int upper = 0;
    if (letters && all_upper) {
        if (letters > 1) {
            upper = 1;
        } else {
            Py_ssize_t nr = PyList_GET_SIZE(reading), neighbours = 0;
            upper = 1;
            for (Py_ssize_t x = w - 1; x <= w + 1; x += 2) {
                if (x < 0 || x >= nr) continue;
                neighbours++;
                PyObject *n = PyTuple_GET_ITEM(PyList_GET_ITEM(reading, x), 1);
                if (!PyUnicode_Check(n)) {
                    PyErr_SetString(PyExc_TypeError, "a reading's words must be str");
                    return NULL;
                }
                if (!(PyUnicode_GET_LENGTH(n) > 1 && str_is_case(n, 1))) upper = 0;
            }
            if (!neighbours) upper = 0;
        }
    }
    if (upper) return PyObject_CallMethodNoArgs(word, str_upper);
    Py_INCREF(word);
    return word;
}

/* changes(frags, reading, lost) -> the restored words of a run's reading: edits._changes. */
PyObject *changes(PyObject *self, PyObject *const *args, Py_ssize_t nargs) {
    if (nargs != 3 || !PyList_Check(args[0]) || !PyList_Check(args[1]) || !PyAnySet_Check(args[2])) {
        PyErr_SetString(PyExc_TypeError, "changes(frags: list, reading: list, lost: frozenset)");
        return NULL;
    }
    PyObject *frags = args[0], *reading = args[1], *lost = args[2];
    Py_ssize_t nf = PyList_GET_SIZE(frags), nr = PyList_GET_SIZE(reading);
    /* groups of neighbouring restored words: [start, end, cap, parts] */
    PyObject *groups = PyList_New(0), *result = NULL, *sep = NULL;
    if (!groups) return NULL;
    Py_ssize_t j = 0, at = 0, last_end = -1;
    for (Py_ssize_t w = 0; w < nr; w++) {
        PyObject *item = PyList_GET_ITEM(reading, w);
        if (!PyTuple_Check(item) || PyTuple_GET_SIZE(item) != 2) {
            PyErr_SetString(PyExc_TypeError, "a reading is a list of (k, word)");
            goto done;
        }
        Py_ssize_t k = PyLong_AsSsize_t(PyTuple_GET_ITEM(item, 0));
        if (k == -1 && PyErr_Occurred()) goto done;
        if (k < 1 || j + k > nf) {
            PyErr_SetString(PyExc_ValueError, "a reading reaches past its fragments");
            goto done;
        }
        PyObject *word = PyTuple_GET_ITEM(item, 1), *damaged;
        if (k == 1) {
            damaged = PyList_GET_ITEM(frags, j);
            Py_INCREF(damaged);
        } else {
            PyObject *slice = PyList_GetSlice(frags, j, j + k);
            if (!sep) sep = PyUnicode_FromOrdinal(' ');
            damaged = slice && sep ? PyUnicode_Join(sep, slice) : NULL;
            Py_XDECREF(slice);
            if (!damaged) goto done;
        }
        Py_ssize_t width = PyUnicode_GET_LENGTH(damaged);
        int same = PyObject_RichCompareBool(word, damaged, Py_EQ);
        if (same < 0) {
            Py_DECREF(damaged);
            goto done;
        }
        if (!same) {
            if (!PyUnicode_Check(word)) {
                Py_DECREF(damaged);
                PyErr_SetString(PyExc_TypeError, "a reading's words must be str");
                goto done;
            }
            if (!str_is_case(damaged, 0)) {  /* a lower-case fragment keeps the word's own case */
                word = case_of(word, damaged, reading, w);
                if (!word) {
                    Py_DECREF(damaged);
                    goto done;
                }
            } else {
                Py_INCREF(word);
            }
            Py_ssize_t start = at, end = at + width;
            PyObject *part = pack_nn(start, end, word, NULL);
            Py_DECREF(word);
            if (!part) {
                Py_DECREF(damaged);
                goto done;
            }
            Py_ssize_t ng = PyList_GET_SIZE(groups);
            if (ng && last_end == start - 1) { /* next to the previous restored word: one edit */
                PyObject *grp = PyList_GET_ITEM(groups, ng - 1);
                PyObject *e = PyLong_FromSsize_t(end);
                int bad = !e || PyList_SetItem(grp, 1, e) < 0 || PyList_Append(PyList_GET_ITEM(grp, 3), part) < 0;
                Py_DECREF(part);
                if (bad) {
                    Py_DECREF(damaged);
                    goto done;
                }
            } else {
                int cap = 0;
                PyObject *wd = PyTuple_GET_ITEM(part, 2);
                if (PyUnicode_GET_LENGTH(wd)) {
                    Py_UCS4 ch = PyUnicode_READ_CHAR(wd, 0);
                    if (Py_UNICODE_ISLOWER(ch)) {
                        cap = char_in(lost, ch);
                        if (cap < 0) {
                            Py_DECREF(part);
                            Py_DECREF(damaged);
                            goto done;
                        }
                    }
                }
                PyObject *grp = PyList_New(4), *inner = PyList_New(1);
                PyObject *s0 = PyLong_FromSsize_t(start), *e0 = PyLong_FromSsize_t(end);
                if (!grp || !inner || !s0 || !e0) {
                    Py_XDECREF(grp);
                    Py_XDECREF(inner);
                    Py_XDECREF(s0);
                    Py_XDECREF(e0);
                    Py_DECREF(part);
                    Py_DECREF(damaged);
                    goto done;
                }
                PyList_SET_ITEM(inner, 0, part);
                PyList_SET_ITEM(grp, 0, s0);
                PyList_SET_ITEM(grp, 1, e0);
                Py_INCREF(cap ? Py_True : Py_False);
                PyList_SET_ITEM(grp, 2, cap ? Py_True : Py_False);
                PyList_SET_ITEM(grp, 3, inner);
                if (PyList_Append(groups, grp) < 0) {
                    Py_XDECREF(grp);
                    Py_DECREF(damaged);
                    goto done;
                }
                Py_DECREF(grp);
            }
            last_end = end;
        }
        Py_DECREF(damaged);
        at += width + 1;
        j += k;
    }
    Py_ssize_t ng = PyList_GET_SIZE(groups);
    PyObject *out = PyList_New(ng);
    if (!out) goto done;
    for (Py_ssize_t g = 0; g < ng; g++) {
        PyObject *grp = PyList_GET_ITEM(groups, g);
        Py_ssize_t s0 = PyLong_AsSsize_t(PyList_GET_ITEM(grp, 0));
        PyObject *parts = PyList_GET_ITEM(grp, 3);
        PyObject *wd = join_parts(parts);
        if (!wd) {
            Py_DECREF(out);
            goto done;
        }
        Py_ssize_t len = PyUnicode_GET_LENGTH(wd);
        int last_lost = len ? char_in(lost, PyUnicode_READ_CHAR(wd, len - 1)) : 0;
        Py_ssize_t np = PyList_GET_SIZE(parts);
        PyObject *rel = PyTuple_New(np > 1 ? np : 0);
        for (Py_ssize_t q = 0; rel && np > 1 && q < np; q++) {
            PyObject *p = PyList_GET_ITEM(parts, q);
            Py_ssize_t a = PyLong_AsSsize_t(PyTuple_GET_ITEM(p, 0));
            Py_ssize_t b = PyLong_AsSsize_t(PyTuple_GET_ITEM(p, 1));
            PyObject *r = pack_nn(a - s0, b - s0, PyTuple_GET_ITEM(p, 2), NULL);
            if (!r) {
                Py_CLEAR(rel);
                break;
            }
            PyTuple_SET_ITEM(rel, q, r);
        }
        PyObject *t = last_lost < 0 || !rel ? NULL
            : untracked(PyTuple_Pack(6, PyList_GET_ITEM(grp, 0), PyList_GET_ITEM(grp, 1), wd,
                                     PyList_GET_ITEM(grp, 2), last_lost ? Py_True : Py_False, untracked(rel)));
        Py_XDECREF(rel);
        Py_DECREF(wd);
        if (!t) {
            Py_DECREF(out);
            goto done;
        }
        PyList_SET_ITEM(out, g, t);
    }
    result = untracked(out); /* cached, never changed */
done:
    Py_XDECREF(sep);
    Py_DECREF(groups);
    return result;
}
