/* The steps of a layout repair, compiled: the twin of graph/reading/text/textmap.py's
 * MappedBuilder.insert_copies (a separator, then a span of the input, for each line or cell), and of
 * layout_lines.split_lines (the lines of a text, each with its kind), part of the extension
 * graph.reading.text._scan (its method table is in _scan.c). See textmap.py for the builder.
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

/* The kinds of layout_lines.py (BLANK, NBSP, SEP, TEXT, TAB, PIPE, DROP) */
enum { K_BLANK, K_NBSP, K_SEP, K_TEXT, K_TAB, K_PIPE, K_DROP };

typedef struct {
    int kind;
    const void *data;
    const Py_UCS4 *ws; /* the characters stripped around lines and cells (layout_lines.WS) */
    Py_ssize_t n_ws;
} Chars;

static inline int is_ws(const Chars *t, Py_UCS4 c) {
    for (Py_ssize_t k = 0; k < t->n_ws; k++)
        if (t->ws[k] == c) return 1;
    return 0;
}

/* How many of the parts of [s, e) between ``sep`` characters hold a character outside WS */
static Py_ssize_t filled_parts(const Chars *t, Py_ssize_t s, Py_ssize_t e, Py_UCS4 sep) {
    Py_ssize_t count = 0;
    int filled = 0;
    for (Py_ssize_t i = s; i < e; i++) {
        Py_UCS4 c = PyUnicode_READ(t->kind, t->data, i);
        if (c == sep) {
            count += filled;
            filled = 0;
        } else if (!filled && !is_ws(t, c)) {
            filled = 1;
        }
    }
    return count + filled;
}

static int contains(const Chars *t, Py_ssize_t s, Py_ssize_t e, Py_UCS4 ch) {
    for (Py_ssize_t i = s; i < e; i++)
        if (PyUnicode_READ(t->kind, t->data, i) == ch) return 1;
    return 0;
}

/* Whether ``match(text)`` is true; -1 on an error */
static int matches(PyObject *match, PyObject *text) {
    PyObject *m = PyObject_CallOneArg(match, text);
    if (!m) return -1;
    int yes = PyObject_IsTrue(m);
    Py_DECREF(m);
    return yes;
}

#define N_FIELDS 6

/* One line_type(start, end, kind, text, line_start, line_end) appended to ``lines`` */
static int add_line(PyObject *lines, PyObject *line_type, Py_ssize_t s, Py_ssize_t e, int kind,
                    PyObject *text, Py_ssize_t ls, Py_ssize_t le) {
    PyObject *args[N_FIELDS] = {PyLong_FromSsize_t(s), PyLong_FromSsize_t(e), PyLong_FromLong(kind), text,
                                PyLong_FromSsize_t(ls), PyLong_FromSsize_t(le)};
    int err = -1;
    if (args[0] && args[1] && args[2] && args[4] && args[5]) {
        PyObject *line = PyObject_Vectorcall(line_type, args, N_FIELDS, NULL);
        if (line) {
            err = PyList_Append(lines, line);
            Py_DECREF(line);
        }
    }
    for (int k = 0; k < N_FIELDS; k++)
        if (k != 3) Py_XDECREF(args[k]);
    return err;
}

/* split_lines(raw, line_type, ws, boiler_match, boiler_max, sep_match, sep_first, starts) -> lines: the
 * lines of layout_lines.split_lines, its Python twin (broken at "\n", U+2028 and U+2029), each a
 * ``line_type`` with its kind; ``starts`` (a list, or None) gets where each line starts. */
PyObject *scan_split_lines(PyObject *self, PyObject *const *args, Py_ssize_t nargs) {
    if (nargs != 8 || !PyUnicode_Check(args[0]) || !PyUnicode_Check(args[2]) || !PyUnicode_Check(args[6])
        || (args[7] != Py_None && !PyList_Check(args[7]))) {
        PyErr_SetString(PyExc_TypeError, "split_lines(raw: str, line_type, ws: str, boiler_match, boiler_max: int, "
                                         "sep_match, sep_first: str, starts: list | None)");
        return NULL;
    }
    PyObject *raw = args[0], *line_type = args[1], *boiler = args[3], *sep = args[5], *sep_first = args[6];
    PyObject *starts = args[7] == Py_None ? NULL : args[7];
    Py_ssize_t boiler_max = PyLong_AsSsize_t(args[4]);
    if (boiler_max == -1 && PyErr_Occurred()) return NULL;
    Py_UCS4 *ws = PyUnicode_AsUCS4Copy(args[2]);
    if (!ws) return NULL;
    Chars t = {PyUnicode_KIND(raw), PyUnicode_DATA(raw), ws, PyUnicode_GET_LENGTH(args[2])};
    PyObject *empty = PyUnicode_New(0, 0);
    PyObject *lines = PyList_New(0);
    if (!empty || !lines) goto fail;
    Py_ssize_t n = PyUnicode_GET_LENGTH(raw), pos = 0;
    int tab = 0, pipe = 0; /* whether the line holds a tab, a '|' */
    for (Py_ssize_t nl = 0; nl <= n; nl++) {
        if (nl < n) {
            Py_UCS4 c = PyUnicode_READ(t.kind, t.data, nl);
            if (c == '\t') tab = 1;
            else if (c == '|') pipe = 1;
            if (c != '\n' && c != 0x2028 && c != 0x2029) continue;
        }
        int line_tab = tab, line_pipe = pipe;
        tab = pipe = 0;
        if (starts) {
            PyObject *at = PyLong_FromSsize_t(pos);
            int err = at ? PyList_Append(starts, at) : -1;
            Py_XDECREF(at);
            if (err < 0) goto fail;
        }
        Py_ssize_t s = pos, e = nl;
        while (s < e && is_ws(&t, PyUnicode_READ(t.kind, t.data, s))) s++;
        while (e > s && is_ws(&t, PyUnicode_READ(t.kind, t.data, e - 1))) e--;
        if (s == e) { /* empty, or blanks only: NBSP when a no-break space is all but " \t\r" */
            Py_ssize_t a = pos, b = nl;
            int kind = K_BLANK;
            while (a < b) {
                Py_UCS4 c = PyUnicode_READ(t.kind, t.data, a);
                if (c != ' ' && c != '\t' && c != '\r') break;
                a++;
            }
            while (b > a) {
                Py_UCS4 c = PyUnicode_READ(t.kind, t.data, b - 1);
                if (c != ' ' && c != '\t' && c != '\r') break;
                b--;
            }
            if (b - a == 1 && PyUnicode_READ(t.kind, t.data, a) == 0xa0) kind = K_NBSP;
            if (add_line(lines, line_type, pos, pos, kind, empty, 0, 0) < 0) goto fail;
            pos = nl + 1;
            continue;
        }
        PyObject *text = PyUnicode_Substring(raw, s, e);
        if (!text) goto fail;
        int kind = K_TEXT, yes = 0; /* yes: a pattern's answer, -1 on an error */
        if (e - s <= boiler_max && (yes = matches(boiler, text)) != 0) {
            kind = K_DROP;
        } else if (line_tab && contains(&t, s, e, '\t') && filled_parts(&t, s, e, '\t') >= 2) {
            kind = K_TAB;
        } else if (line_pipe) { /* '|' is not stripped */
            if ((yes = matches(sep, text)) != 0) kind = K_SEP;
            else if (filled_parts(&t, s, e, '|') >= 2) kind = K_PIPE;
        } else if (PyUnicode_FindChar(sep_first, PyUnicode_READ(t.kind, t.data, s), 0,
                                      PyUnicode_GET_LENGTH(sep_first), 1) >= 0
                   && (yes = matches(sep, text)) != 0) {
            kind = K_SEP;
        }
        int err = yes < 0 ? -1 : add_line(lines, line_type, s, e, kind, text, pos, nl);
        Py_DECREF(text);
        if (err < 0) goto fail;
        pos = nl + 1;
    }
    PyMem_Free(ws);
    Py_DECREF(empty);
    return lines;
fail:
    PyMem_Free(ws);
    Py_XDECREF(empty);
    Py_XDECREF(lines);
    return NULL;
}
