/* Whole-text scans of the text preparation, compiled: each the exact twin of a regular expression pass of
 * graph/reading/text/ (graph/reading/text/scan.py holds the Python versions and switches between them).
 *
 * A regular expression that starts with a frequent character (a vowel, a space, a digit) is tried at
 * every such place of the text; these loops read each character once.
 *
 * - glue_starts(text, classes): glued.py's candidate starts (a vowel, consonants, a vowel: _VCV; a digit
 *   glued to letters: _DIGIT_GLUE), sorted, each once;
 * - lone_letters(text): spacing.py's lone letters (" X" before a space: _LONE_LETTER), their spaces;
 * - orphan_count(text, letters): damage.py's orphan consonants (" c" before a space or a comma), and the
 *   spaces and line breaks it counts words by;
 * - long_lines(text, limit): runon.py's lines long enough to be cut;
 * - find_in(text, table, start, end): the first character of a class (decode.py's _GARBLE, numbers.py's
 *   _SUSPECT): a search for a rare character, without the regular expression machinery per character;
 * - tone_pairs(text, classes): where graph.text.unify_tones changes a text (its _TONE_RE's matches: a vowel,
 *   then a toned vowel that ends the word);
 * - copy_pieces(source, pieces, start, end): the steps of textmap.MappedBuilder.insert_copies (a layout
 *   repair's lines and cells: a separator, then a span of the input), the parts and origins they write
 *   (in _scan_layout.c).
 * - split_lines(raw, ...): the lines of a text, each with its kind (layout_lines.split_lines; in
 *   _scan_layout.c).
 *
 * Letters are those of Python's re on str: [^\W\d_] is alphanumeric, not a decimal digit, not "_".
 * Built by setup.py as an optional extension: without a compiler the Python versions run.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <string.h>

#ifndef SCAN_SOURCE_HASH
#define SCAN_SOURCE_HASH ""
#endif

/* [^\W\d_] of Python's re on str */
static inline int is_letter(Py_UCS4 ch) {
    return ch != '_' && Py_UNICODE_ISALNUM(ch) && !Py_UNICODE_ISDECIMAL(ch);
}

typedef struct {
    Py_ssize_t *items;
    Py_ssize_t n, cap;
} Found;

static int found_add(Found *f, Py_ssize_t v) {
    if (f->n == f->cap) {
        Py_ssize_t cap = f->cap ? 2 * f->cap : 64;
        Py_ssize_t *items = PyMem_Realloc(f->items, (size_t)cap * sizeof(Py_ssize_t));
        if (!items) {
            PyErr_NoMemory();
            return -1;
        }
        f->items = items;
        f->cap = cap;
    }
    f->items[f->n++] = v;
    return 0;
}

static int cmp_ssize(const void *a, const void *b) {
    Py_ssize_t x = *(const Py_ssize_t *)a, y = *(const Py_ssize_t *)b;
    return (x > y) - (x < y);
}

/* A list of the found values, sorted and each once when ``unique`` */
static PyObject *found_list(Found *f, int unique) {
    Py_ssize_t n = f->n;
    if (unique && n > 1) {
        qsort(f->items, (size_t)n, sizeof(Py_ssize_t), cmp_ssize);
        Py_ssize_t w = 1;
        for (Py_ssize_t r = 1; r < n; r++)
            if (f->items[r] != f->items[w - 1]) f->items[w++] = f->items[r];
        n = w;
    }
    PyObject *out = PyList_New(n);
    if (!out) return NULL;
    for (Py_ssize_t k = 0; k < n; k++) {
        PyObject *v = PyLong_FromSsize_t(f->items[k]);
        if (!v) {
            Py_DECREF(out);
            return NULL;
        }
        PyList_SET_ITEM(out, k, v);
    }
    return out;
}

#define VOWEL 1
#define CONSONANT 2

/* One pass of glue_starts over characters of type T (the str's kind): see below. */
#define GLUE_PASS(T)                                                                                  \
    do {                                                                                              \
        const T *s = (const T *)data;                                                                 \
        Py_ssize_t i = 0;                                                                             \
        while (i < n) {                                                                               \
            Py_UCS4 c = s[i];                                                                         \
            if (c >= '0' && c <= '9') { /* _DIGIT_GLUE: a digit, two letters after or before it */    \
                if ((i + 2 < n && is_letter(s[i + 1]) && is_letter(s[i + 2]))                         \
                    || (i >= 2 && is_letter(s[i - 2]) && is_letter(s[i - 1]))) {                      \
                    Py_ssize_t at = (i + 1 < n && Py_UNICODE_ISALPHA(s[i + 1])) ? i + 1 : i - 1;     \
                    if (found_add(&f, at) < 0) goto fail;                                             \
                }                                                                                     \
            } else if (c < ncls && cls[c] == VOWEL) { /* _VCV: a vowel, consonants, a vowel */        \
                Py_ssize_t j = i + 1;                                                                 \
                while (j < n && s[j] < ncls && cls[s[j]] == CONSONANT) j++;                           \
                if (j > i + 1 && j < n && s[j] < ncls && cls[s[j]] == VOWEL) {                        \
                    if (found_add(&f, i) < 0) goto fail;                                              \
                    i = j + 1; /* the search goes on after the match (letters only: no digit) */      \
                    continue;                                                                         \
                }                                                                                     \
            }                                                                                         \
            i++;                                                                                      \
        }                                                                                             \
    } while (0)


#define CH(i) PyUnicode_READ(kind, data, (i))

/* lone_letters(text) -> list of ints: where " [^\W\d_](?= )" matches (the index of the space) */
static PyObject *lone_letters(PyObject *self, PyObject *const *args, Py_ssize_t nargs) {
    if (nargs != 1 || !PyUnicode_Check(args[0])) {
        PyErr_SetString(PyExc_TypeError, "lone_letters(text: str)");
        return NULL;
    }
    PyObject *text = args[0];
    if (PyUnicode_READY(text) < 0) return NULL;
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    Py_ssize_t n = PyUnicode_GET_LENGTH(text);
    Found f = {NULL, 0, 0};
    for (Py_ssize_t i = 0; i + 2 < n; i++) {
        if (CH(i) == ' ' && CH(i + 2) == ' ' && is_letter(CH(i + 1))) {
            if (found_add(&f, i) < 0) {
                PyMem_Free(f.items);
                return NULL;
            }
        }
    }
    PyObject *out = found_list(&f, 0);
    PyMem_Free(f.items);
    return out;
}

/* orphan_count(text, letters) -> (int, int): how many times " [letters](?=[ ,])" matches, and how many
 * spaces and line breaks ("\n") the text has; ``letters``: a str of the letters (both cases), ASCII */
static PyObject *orphan_count(PyObject *self, PyObject *const *args, Py_ssize_t nargs) {
    if (nargs != 2 || !PyUnicode_Check(args[0]) || !PyUnicode_Check(args[1])) {
        PyErr_SetString(PyExc_TypeError, "orphan_count(text: str, letters: str)");
        return NULL;
    }
    PyObject *text = args[0], *letters = args[1];
    if (PyUnicode_READY(text) < 0 || PyUnicode_READY(letters) < 0) return NULL;
    unsigned char ascii[128] = {0};
    Py_ssize_t nl = PyUnicode_GET_LENGTH(letters);
    for (Py_ssize_t k = 0; k < nl; k++) {
        Py_UCS4 c = PyUnicode_READ_CHAR(letters, k);
        if (c >= 128) {
            PyErr_SetString(PyExc_ValueError, "orphan_count: the letters must be ASCII");
            return NULL;
        }
        ascii[c] = 1;
    }
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    Py_ssize_t n = PyUnicode_GET_LENGTH(text), count = 0, blanks = 0;
    for (Py_ssize_t i = 0; i < n; i++) {
        Py_UCS4 c = CH(i);
        if (c == '\n') {
            blanks++;
            continue;
        }
        if (c != ' ') continue;
        blanks++;
        if (i + 2 >= n) continue;
        Py_UCS4 l = CH(i + 1), after = CH(i + 2);
        if (l < 128 && ascii[l] && (after == ' ' || after == ',')) count++;
    }
    return Py_BuildValue("(nn)", count, blanks);
}

/* long_lines(text, limit) -> list of (start, end): the lines ("\n" ends a line) longer than ``limit`` */
static PyObject *long_lines(PyObject *self, PyObject *const *args, Py_ssize_t nargs) {
    if (nargs != 2 || !PyUnicode_Check(args[0])) {
        PyErr_SetString(PyExc_TypeError, "long_lines(text: str, limit: int)");
        return NULL;
    }
    PyObject *text = args[0];
    if (PyUnicode_READY(text) < 0) return NULL;
    Py_ssize_t limit = PyLong_AsSsize_t(args[1]);
    if (limit == -1 && PyErr_Occurred()) return NULL;
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    Py_ssize_t n = PyUnicode_GET_LENGTH(text), start = 0;
    PyObject *out = PyList_New(0);
    if (!out) return NULL;
    for (Py_ssize_t i = 0; i <= n; i++) {
        if (i < n && PyUnicode_READ(kind, data, i) != '\n') continue;
        if (i - start > limit) {
            PyObject *span = Py_BuildValue("(nn)", start, i);
            if (!span || PyList_Append(out, span) < 0) {
                Py_XDECREF(span);
                Py_DECREF(out);
                return NULL;
            }
            Py_DECREF(span);
        }
        start = i + 1;
    }
    return out;
}

/* One pass of find_in over characters of type T: the first index in [start, end) whose character is
 * marked in the table, or -1 */
#define FIND_PASS(T)                                                                                  \
    do {                                                                                              \
        const T *s = (const T *)data;                                                                 \
        for (Py_ssize_t i = start; i < end; i++) {                                                    \
            Py_UCS4 c = s[i];                                                                         \
            if (c < ntable && table[c]) return PyLong_FromSsize_t(i);                                 \
        }                                                                                             \
    } while (0)

/* find_in(text, table, start, end) -> int: the first index in text[start:end] (clipped to the text) of
 * a character whose code point is below len(table) and marked there (non-zero), else -1: the start of
 * the first match of a pattern that is one character class */
static PyObject *find_in(PyObject *self, PyObject *const *args, Py_ssize_t nargs) {
    if (nargs != 4 || !PyUnicode_Check(args[0]) || !PyBytes_Check(args[1])) {
        PyErr_SetString(PyExc_TypeError, "find_in(text: str, table: bytes, start: int, end: int)");
        return NULL;
    }
    PyObject *text = args[0];
    if (PyUnicode_READY(text) < 0) return NULL;
    Py_ssize_t start = PyLong_AsSsize_t(args[2]), end = PyLong_AsSsize_t(args[3]);
    if ((start == -1 || end == -1) && PyErr_Occurred()) return NULL;
    Py_ssize_t n = PyUnicode_GET_LENGTH(text);
    if (start < 0) start = 0;
    if (end > n) end = n;
    const unsigned char *table = (const unsigned char *)PyBytes_AS_STRING(args[1]);
    Py_UCS4 ntable = (Py_UCS4)PyBytes_GET_SIZE(args[1]);
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    if (kind == PyUnicode_1BYTE_KIND)
        FIND_PASS(Py_UCS1);
    else if (kind == PyUnicode_2BYTE_KIND)
        FIND_PASS(Py_UCS2);
    else
        FIND_PASS(Py_UCS4);
    return PyLong_FromSsize_t(-1);
}
#undef FIND_PASS

/* One pass of tone_pairs over characters of type T (the str's kind): see below. */
#define TONE_PASS(T)                                                                                  \
    do {                                                                                              \
        const T *s = (const T *)data;                                                                 \
        Py_ssize_t i = 0;                                                                             \
        while (i + 1 < n) {                                                                           \
            Py_UCS4 c = s[i], d = s[i + 1];                                                           \
            if (c < ncls && cls[c] == TONE_FIRST && d < ncls && cls[d] == TONE_SECOND                 \
                && (i + 2 == n || !is_letter(s[i + 2]))) {                                            \
                if (found_add(&f, i) < 0) goto fail;                                                  \
                i += 2; /* the search goes on after the match */                                      \
                continue;                                                                             \
            }                                                                                         \
            i++;                                                                                      \
        }                                                                                             \
    } while (0)

#define TONE_FIRST 1
#define TONE_SECOND 2

enum { CLASS_GLUE, CLASS_TONE };

/* One pass of a scan by character classes (GLUE_PASS or TONE_PASS) over ``text`` (args: text, classes);
 * its starts, sorted and each once for glue_starts. ``usage`` names the call when the arguments are wrong. */
static PyObject *class_scan(PyObject *const *args, Py_ssize_t nargs, const char *usage, int which) {
    if (nargs != 2 || !PyUnicode_Check(args[0]) || !PyBytes_Check(args[1])) {
        PyErr_SetString(PyExc_TypeError, usage);
        return NULL;
    }
    PyObject *text = args[0];
    if (PyUnicode_READY(text) < 0) return NULL;
    const unsigned char *cls = (const unsigned char *)PyBytes_AS_STRING(args[1]);
    Py_UCS4 ncls = (Py_UCS4)PyBytes_GET_SIZE(args[1]);
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    Py_ssize_t n = PyUnicode_GET_LENGTH(text);
    Found f = {NULL, 0, 0};
#define CLASS_PASS(T)                                                                                 \
    do {                                                                                              \
        if (which == CLASS_GLUE)                                                                      \
            GLUE_PASS(T);                                                                             \
        else                                                                                          \
            TONE_PASS(T);                                                                             \
    } while (0)
    if (kind == PyUnicode_1BYTE_KIND)
        CLASS_PASS(Py_UCS1);
    else if (kind == PyUnicode_2BYTE_KIND)
        CLASS_PASS(Py_UCS2);
    else
        CLASS_PASS(Py_UCS4);
#undef CLASS_PASS
    PyObject *out = found_list(&f, which == CLASS_GLUE);
    PyMem_Free(f.items);
    return out;
fail:
    PyMem_Free(f.items);
    return NULL;
}

/* glue_starts(text, classes) -> sorted list of ints. ``classes``: bytes, the class of each code point
 * below its length (1 a vowel, 2 a consonant letter, 0 neither; above it: neither). The starts of
 * _VCV's matches (finditer: after a match the search goes on at its end) and, for each match of
 * _DIGIT_GLUE (one digit), the index after it when a letter (str.isalpha) stands there, else the one
 * before it; each once. Vowels and consonants are letters, so a match of _VCV holds no digit and one
 * pass finds both. */
static PyObject *glue_starts(PyObject *self, PyObject *const *args, Py_ssize_t nargs) {
    return class_scan(args, nargs, "glue_starts(text: str, classes: bytes)", CLASS_GLUE);
}

/* tone_pairs(text, classes) -> list of ints: the starts of the matches of "[F][S](?![^\W\d_])" (finditer:
 * after a match the search goes on at its end), where ``classes`` (bytes, the class of each code point below
 * its length; above it: neither) marks F with 1 and S with 2: graph.text._TONE_RE */
static PyObject *tone_pairs(PyObject *self, PyObject *const *args, Py_ssize_t nargs) {
    return class_scan(args, nargs, "tone_pairs(text: str, classes: bytes)", CLASS_TONE);
}
#undef GLUE_PASS
#undef TONE_PASS
#undef TONE_FIRST
#undef TONE_SECOND

/* copy_pieces, split_lines: in _scan_layout.c */
PyObject *scan_copy_pieces(PyObject *self, PyObject *const *args, Py_ssize_t nargs);
PyObject *scan_split_lines(PyObject *self, PyObject *const *args, Py_ssize_t nargs);

static PyMethodDef methods[] = {
    {"find_in", (PyCFunction)(void (*)(void))find_in, METH_FASTCALL,
     "The first index of text[start:end] whose character the table marks, else -1."},
    {"glue_starts", (PyCFunction)(void (*)(void))glue_starts, METH_FASTCALL,
     "Candidate starts of glued words (glued._VCV, glued._DIGIT_GLUE), sorted."},
    {"lone_letters", (PyCFunction)(void (*)(void))lone_letters, METH_FASTCALL,
     "Indexes of a space, one letter and a space (spacing._LONE_LETTER)."},
    {"orphan_count", (PyCFunction)(void (*)(void))orphan_count, METH_FASTCALL,
     "How many times a space, one of the letters and a space or a comma follow each other; the blanks."},
    {"long_lines", (PyCFunction)(void (*)(void))long_lines, METH_FASTCALL,
     "The (start, end) of each line longer than the limit."},
    {"tone_pairs", (PyCFunction)(void (*)(void))tone_pairs, METH_FASTCALL,
     "Starts of the vowel pairs whose tone mark graph.text.unify_tones moves."},
    {"copy_pieces", (PyCFunction)(void (*)(void))scan_copy_pieces, METH_FASTCALL,
     "The parts and origins that MappedBuilder.insert_copies writes for its pieces."},
    {"split_lines", (PyCFunction)(void (*)(void))scan_split_lines, METH_FASTCALL,
     "The lines of layout_lines.split_lines, each with its kind."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "_scan", "Whole-text scans of the text preparation (see scan.py).", -1, methods,
};

#undef CH

PyMODINIT_FUNC PyInit__scan(void) {
    PyObject *m = PyModule_Create(&module);
    if (m && PyModule_AddStringConstant(m, "SOURCE_HASH", SCAN_SOURCE_HASH) < 0) {
        Py_DECREF(m);
        return NULL;
    }
    return m;
}
