/* The restored words of a run's reading (edits._changes, edits._case), compiled: see _beam.c. */
#include "_beam.h"

#include <string.h>

/* The characters of the BMP in the last frozenset ``lost`` (a strong reference), one bit each; lost_bits_ok:
 * whether it holds only strs (else every look-up asks the set) */
static PyObject *lost_from;
static int lost_bits_ok;
static unsigned char lost_bits[0x10000 / 8];

static int lost_bits_make(PyObject *lost) {
    memset(lost_bits, 0, sizeof(lost_bits));
    lost_bits_ok = 1;
    PyObject *it = PyObject_GetIter(lost), *x;
    if (!it) return -1;
    while ((x = PyIter_Next(it))) {
        if (!PyUnicode_CheckExact(x)) lost_bits_ok = 0;
        else if (PyUnicode_GET_LENGTH(x) == 1) { /* a longer str is no character */
            Py_UCS4 c = PyUnicode_READ_CHAR(x, 0);
            if (c < 0x10000) lost_bits[c >> 3] |= (unsigned char)(1u << (c & 7));
        }
        Py_DECREF(x);
    }
    Py_DECREF(it);
    if (PyErr_Occurred()) return -1;
    Py_INCREF(lost);
    Py_XSETREF(lost_from, lost);
    return 0;
}

/* Whether ``ch`` (one character) is in the set ``lost``; -1 on error. A character of the BMP is looked up
 * in the bits of a frozenset of strs, made once per set. */
static int char_in(PyObject *lost, Py_UCS4 ch) {
    if (PyFrozenSet_CheckExact(lost) && ch < 0x10000) {
        if (lost != lost_from && lost_bits_make(lost) < 0) return -1;
        if (lost_bits_ok) return (lost_bits[ch >> 3] >> (ch & 7)) & 1;
    }
    PyObject *c = PyUnicode_FromOrdinal((int)ch);
    if (!c) return -1;
    int in = PySet_Contains(lost, c);
    Py_DECREF(c);
    return in;
}

/* word == frag for a str ``frag``: exact strs compared as str.__eq__ does (equal strs have the same kind
 * and length), anything else by ==; -1 on error */
static int same_str(PyObject *word, PyObject *frag) {
    if (word == frag) return 1;
    if (!PyUnicode_CheckExact(word) || !PyUnicode_CheckExact(frag))
        return PyObject_RichCompareBool(word, frag, Py_EQ);
    Py_ssize_t len = PyUnicode_GET_LENGTH(word);
    if (len != PyUnicode_GET_LENGTH(frag) || PyUnicode_KIND(word) != PyUnicode_KIND(frag)) return 0;
    return !memcmp(PyUnicode_DATA(word), PyUnicode_DATA(frag), (size_t)len * PyUnicode_KIND(word));
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

/* str.islower() of the fragments frags[0:k] joined by spaces (a space is no cased character) */
static int frags_are_lower(PyObject *const *frags, Py_ssize_t k) {
    int cased = 0;
    for (Py_ssize_t f = 0; f < k; f++) {
        PyObject *u = frags[f];
        Py_ssize_t len = PyUnicode_GET_LENGTH(u);
        int kind = PyUnicode_KIND(u);
        const void *data = PyUnicode_DATA(u);
        for (Py_ssize_t q = 0; q < len; q++) {
            Py_UCS4 ch = PyUnicode_READ(kind, data, q);
            if (Py_UNICODE_ISUPPER(ch) || Py_UNICODE_ISTITLE(ch)) return 0;
            if (!cased && Py_UNICODE_ISLOWER(ch)) cased = 1;
        }
    }
    return cased;
}

/* edits._case: the case of a restored word, capitals among capitals ("BAN HÀNH K HO CH"), its damaged
 * text being the fragments frags[0:k] joined by spaces; a new reference. */
static PyObject *case_of(PyObject *word, PyObject *const *frags, Py_ssize_t k, PyObject *reading, Py_ssize_t w) {
    Py_ssize_t letters = 0;
    int all_upper = 1;
    for (Py_ssize_t f = 0; f < k; f++) {
        PyObject *u = frags[f];
        Py_ssize_t len = PyUnicode_GET_LENGTH(u);
        int kind = PyUnicode_KIND(u);
        const void *data = PyUnicode_DATA(u);
        for (Py_ssize_t q = 0; q < len; q++) {
            Py_UCS4 ch = PyUnicode_READ(kind, data, q);
            if (!Py_UNICODE_ISALPHA(ch)) continue;
            letters++;
            if (!Py_UNICODE_ISUPPER(ch)) all_upper = 0;
        }
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

/* Whether the str ``word`` is the fragments frags[0:k] joined by spaces, their joined width ``width`` */
static int is_damaged_text(PyObject *word, PyObject *const *frags, Py_ssize_t k, Py_ssize_t width) {
    if (PyUnicode_GET_LENGTH(word) != width) return 0;
    int wkind = PyUnicode_KIND(word);
    const void *wdata = PyUnicode_DATA(word);
    Py_ssize_t at = 0;
    for (Py_ssize_t f = 0; f < k; f++) {
        if (f && PyUnicode_READ(wkind, wdata, at++) != ' ') return 0;
        int kind = PyUnicode_KIND(frags[f]);
        const void *data = PyUnicode_DATA(frags[f]);
        for (Py_ssize_t q = 0; q < PyUnicode_GET_LENGTH(frags[f]); q++, at++)
            if (PyUnicode_READ(wkind, wdata, at) != PyUnicode_READ(kind, data, q)) return 0;
    }
    return 1;
}

/* A restored word: word (a strong reference) at [start, end) of the run */
typedef struct {
    Py_ssize_t start, end;
    PyObject *word;
} Part;

/* Neighbouring restored words, one edit: parts[first:first + count] */
typedef struct {
    Py_ssize_t start, end, first, count;
    int cap;
} Group;

/* " ".join of the words of parts[0:n] (str, by the caller's check) */
static PyObject *join_parts(const Part *parts, Py_ssize_t n) {
    if (n == 1) {
        Py_INCREF(parts[0].word);
        return parts[0].word;
    }
    Py_ssize_t len = n - 1;
    Py_UCS4 most = ' ';
    for (Py_ssize_t q = 0; q < n; q++) {
        len += PyUnicode_GET_LENGTH(parts[q].word);
        Py_UCS4 m = PyUnicode_MAX_CHAR_VALUE(parts[q].word);
        if (m > most) most = m;
    }
    PyObject *out = PyUnicode_New(len, most);
    if (!out) return NULL;
    Py_ssize_t at = 0;
    for (Py_ssize_t q = 0; q < n; q++) {
        if (q) PyUnicode_WRITE(PyUnicode_KIND(out), PyUnicode_DATA(out), at++, ' ');
        Py_ssize_t wl = PyUnicode_GET_LENGTH(parts[q].word);
        if (PyUnicode_CopyCharacters(out, at, parts[q].word, 0, wl) < 0) {
            Py_DECREF(out);
            return NULL;
        }
        at += wl;
    }
    return out;
}

/* The edit of one group: (start, end, words, cap, lost_last, (start, end, word) of each word when there
 * are several), as edits._changes_py gives it. */
static PyObject *group_change(const Group *g, const Part *parts, PyObject *lost) {
    const Part *p = parts + g->first;
    PyObject *wd = join_parts(p, g->count);
    if (!wd) return NULL;
    Py_ssize_t len = PyUnicode_GET_LENGTH(wd);
    int last_lost = len ? char_in(lost, PyUnicode_READ_CHAR(wd, len - 1)) : 0;
    Py_ssize_t np = g->count > 1 ? g->count : 0;
    PyObject *rel = last_lost < 0 ? NULL : PyTuple_New(np);
    for (Py_ssize_t q = 0; rel && q < np; q++) {
        PyObject *r = pack_nn(p[q].start - g->start, p[q].end - g->start, p[q].word, NULL);
        if (!r) {
            Py_CLEAR(rel);
            break;
        }
        PyTuple_SET_ITEM(rel, q, r);
    }
    PyObject *t = rel ? PyTuple_New(6) : NULL;
    PyObject *s0 = t ? PyLong_FromSsize_t(g->start) : NULL, *e0 = s0 ? PyLong_FromSsize_t(g->end) : NULL;
    if (!e0) {
        Py_XDECREF(s0);
        Py_XDECREF(t);
        Py_XDECREF(rel);
        Py_DECREF(wd);
        return NULL;
    }
    PyObject *cap = g->cap ? Py_True : Py_False, *ll = last_lost ? Py_True : Py_False;
    Py_INCREF(cap);
    Py_INCREF(ll);
    PyTuple_SET_ITEM(t, 0, s0);
    PyTuple_SET_ITEM(t, 1, e0);
    PyTuple_SET_ITEM(t, 2, wd);
    PyTuple_SET_ITEM(t, 3, cap);
    PyTuple_SET_ITEM(t, 4, ll);
    PyTuple_SET_ITEM(t, 5, untracked(rel));
    return untracked(t);
}

/* changes(frags, reading, lost) -> the restored words of a run's reading: edits._changes. The restored
 * words and their groups are kept in C arrays; only the edits are made Python objects. */
PyObject *changes(PyObject *self, PyObject *const *args, Py_ssize_t nargs) {
    if (nargs != 3 || !PyList_Check(args[0]) || !PyList_Check(args[1]) || !PyAnySet_Check(args[2])) {
        PyErr_SetString(PyExc_TypeError, "changes(frags: list, reading: list, lost: frozenset)");
        return NULL;
    }
    PyObject *frags = args[0], *reading = args[1], *lost = args[2];
    Py_ssize_t nf = PyList_GET_SIZE(frags), nr = PyList_GET_SIZE(reading);
    for (Py_ssize_t f = 0; f < nf; f++) {
        if (!PyUnicode_Check(PyList_GET_ITEM(frags, f))) {
            PyErr_SetString(PyExc_TypeError, "fragments must be str");
            return NULL;
        }
    }
    PyObject *const *fr = &PyList_GET_ITEM(frags, 0);
    Part *parts = PyMem_Malloc(sizeof(Part) * (size_t)(nr ? nr : 1));
    Group *groups = PyMem_Malloc(sizeof(Group) * (size_t)(nr ? nr : 1));
    PyObject *result = NULL;
    Py_ssize_t nparts = 0, ngroups = 0;
    if (!parts || !groups) {
        PyErr_NoMemory();
        goto done;
    }
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
        PyObject *word = PyTuple_GET_ITEM(item, 1);
        Py_ssize_t width = k - 1;
        for (Py_ssize_t f = j; f < j + k; f++) width += PyUnicode_GET_LENGTH(fr[f]);
        int same;
        if (k == 1) {
            same = same_str(word, fr[j]);
        } else {
            same = PyUnicode_Check(word) ? is_damaged_text(word, fr + j, k, width) : 0;
        }
        if (same < 0) goto done;
        if (!same) {
            if (!PyUnicode_Check(word)) {
                PyErr_SetString(PyExc_TypeError, "a reading's words must be str");
                goto done;
            }
            if (!frags_are_lower(fr + j, k)) { /* a lower-case fragment keeps the word's own case */
                word = case_of(word, fr + j, k, reading, w);
                if (!word) goto done;
            } else {
                Py_INCREF(word);
            }
            Py_ssize_t start = at, end = at + width;
            parts[nparts++] = (Part){.start = start, .end = end, .word = word};
            if (ngroups && last_end == start - 1) { /* next to the previous restored word: one edit */
                groups[ngroups - 1].end = end;
                groups[ngroups - 1].count++;
            } else {
                int cap = 0;
                if (PyUnicode_GET_LENGTH(word)) {
                    Py_UCS4 ch = PyUnicode_READ_CHAR(word, 0);
                    if (Py_UNICODE_ISLOWER(ch)) {
                        cap = char_in(lost, ch);
                        if (cap < 0) goto done;
                    }
                }
                groups[ngroups++] =
                    (Group){.start = start, .end = end, .first = nparts - 1, .count = 1, .cap = cap};
            }
            last_end = end;
        }
        at += width + 1;
        j += k;
    }
    PyObject *out = PyList_New(ngroups);
    if (!out) goto done;
    for (Py_ssize_t g = 0; g < ngroups; g++) {
        PyObject *t = group_change(&groups[g], parts, lost);
        if (!t) {
            Py_DECREF(out);
            goto done;
        }
        PyList_SET_ITEM(out, g, t);
    }
    result = untracked(out); /* cached, never changed */
done:
    for (Py_ssize_t q = 0; q < nparts; q++) Py_DECREF(parts[q].word);
    PyMem_Free(parts);
    PyMem_Free(groups);
    return result;
}
