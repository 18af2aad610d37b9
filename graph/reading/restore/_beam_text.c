/* The runs of words of a damaged document's whole text and their edits (edits._run_edits_py with
 * edits._runs), compiled: see _beam.c. One call per document instead of one Python loop step per run. */
#include "_beam.h"

/* Whether ``ch`` is in the str ``chars`` */
static int in_chars(PyObject *chars, Py_UCS4 ch) {
    return PyUnicode_FindChar(chars, ch, 0, PyUnicode_GET_LENGTH(chars), 1) >= 0;
}

/* [^\W\d_] of Python's re on str: a word character that is neither a decimal digit nor "_" */
static int letter_of(Py_UCS4 ch) {
    if (ch < 128) return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z');
    return ch != '_' && Py_UNICODE_ISALNUM(ch) && !Py_UNICODE_ISDECIMAL(ch);
}

/* letter_of of every character of the BMP, one bit each, worked out once */
static unsigned char letter_bits[0x10000 / 8];
static int letter_bits_made;

static inline int is_letter(Py_UCS4 ch) {
    if (ch >= 0x10000) return letter_of(ch);
    if (!letter_bits_made) {
        for (Py_UCS4 c = 0; c < 0x10000; c++)
            if (letter_of(c)) letter_bits[c >> 3] |= (unsigned char)(1u << (c & 7));
        letter_bits_made = 1;
    }
    return (letter_bits[ch >> 3] >> (ch & 7)) & 1;
}

/* The rules of the text passes, from edits.py: _OPENERS, _CLOSING, _ROMAN_LETTERS, _ROMAN_MAX, _CLOSERS,
 * _BEFORE_SENTENCE, _SENTENCE_ENDS. */
typedef struct {
    PyObject *openers, *closing, *roman, *closers, *before_sentence, *sentence_ends;
    Py_ssize_t roman_max;
} Rules;

static int rules_init(Rules *r, PyObject *t) {
    if (!PyTuple_Check(t) || PyTuple_GET_SIZE(t) != 7) {
        PyErr_SetString(PyExc_TypeError, "the text rules must be a tuple of 7");
        return -1;
    }
    PyObject **slots[6] = {&r->openers, &r->closing, &r->roman, &r->closers, &r->before_sentence,
                           &r->sentence_ends};
    for (int q = 0, s = 0; q < 7; q++) {
        if (q == 3) continue;
        PyObject *v = PyTuple_GET_ITEM(t, q);
        if (!PyUnicode_Check(v)) {
            PyErr_SetString(PyExc_TypeError, "the text rules must be strings and a number");
            return -1;
        }
        *slots[s++] = v;
    }
    r->roman_max = PyLong_AsSsize_t(PyTuple_GET_ITEM(t, 3));
    return r->roman_max == -1 && PyErr_Occurred() ? -1 : 0;
}

/* One run of word fragments: text[start:start + len] */
typedef struct {
    Py_ssize_t start, len;
} Run;

/* edits._runs: the runs of word fragments of ``text`` into *out (PyMem), their number in *count. */
static int find_runs(PyObject *text, Rules *r, Run **out, Py_ssize_t *count) {
    Py_ssize_t n = PyUnicode_GET_LENGTH(text), have = 0, cap = 64;
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    Run *runs = PyMem_Malloc(sizeof(Run) * (size_t)cap);
    if (!runs) {
        PyErr_NoMemory();
        return -1;
    }
#define CH(q) PyUnicode_READ(kind, data, (q))
    Py_ssize_t p = 0;
    while (p < n) {
        Py_UCS4 c0 = CH(p);
        if (!is_letter(c0) || (p > 0 && !Py_UNICODE_ISSPACE(CH(p - 1)) && !in_chars(r->openers, CH(p - 1)))) {
            p++;
            continue;
        }
        /* letters, then (" " letters)* as long as they come */
        Py_ssize_t start = p, end = p + 1, last = p; /* last: where the last word starts */
        while (end < n && is_letter(CH(end))) end++;
        while (end + 1 < n && CH(end) == ' ' && is_letter(CH(end + 1))) {
            last = end + 1;
            end += 2;
            while (end < n && is_letter(CH(end))) end++;
        }
        p = end;
        Py_ssize_t keep = end; /* the run kept: text[start:keep] */
        Py_ssize_t i = end;
        while (i < n && in_chars(r->closing, CH(i))) i++;
        if (i < n && !Py_UNICODE_ISSPACE(CH(i))) {
            /* the last word is glued to something else: not a word */
            keep = last > start ? last - 1 : start;
        } else if (end < n && (CH(end) == '.' || CH(end) == ')')) {
            /* "II." / "c)" head a section or an item: not a damaged word */
            Py_ssize_t wl = end - last;
            int roman = wl >= 1 && wl <= r->roman_max;
            for (Py_ssize_t q = last; roman && q < end; q++) roman = in_chars(r->roman, CH(q));
            if (roman || (wl == 1 && CH(end) == ')')) keep = last > start ? last - 1 : start;
        }
        if (keep > start) {
            if (have == cap) {
                cap *= 2;
                Run *grown = PyMem_Realloc(runs, sizeof(Run) * (size_t)cap);
                if (!grown) {
                    PyMem_Free(runs);
                    PyErr_NoMemory();
                    return -1;
                }
                runs = grown;
            }
            runs[have].start = start;
            runs[have].len = keep - start;
            have++;
        }
    }
#undef CH
    *out = runs;
    *count = have;
    return 0;
}

/* text_runs(text, rules) -> [(start, run)]: edits._runs (the runs run_edits reads). */
PyObject *text_runs(PyObject *self, PyObject *const *args, Py_ssize_t nargs) {
    Rules r;
    if (nargs != 2 || !PyUnicode_Check(args[0])) {
        PyErr_SetString(PyExc_TypeError, "text_runs(text: str, rules: tuple)");
        return NULL;
    }
    if (rules_init(&r, args[1]) < 0) return NULL;
    Run *runs = NULL;
    Py_ssize_t nruns = 0;
    if (find_runs(args[0], &r, &runs, &nruns) < 0) return NULL;
    PyObject *out = PyList_New(nruns);
    for (Py_ssize_t x = 0; out && x < nruns; x++) {
        PyObject *run = PyUnicode_Substring(args[0], runs[x].start, runs[x].start + runs[x].len);
        PyObject *start = run ? PyLong_FromSsize_t(runs[x].start) : NULL;
        PyObject *item = start ? PyTuple_Pack(2, start, run) : NULL;
        Py_XDECREF(run);
        Py_XDECREF(start);
        if (!item) {
            Py_CLEAR(out);
            break;
        }
        PyList_SET_ITEM(out, x, item);
    }
    PyMem_Free(runs);
    return out;
}

/* _NUMBER_NEXT.match(text, pos): " ?:? ?\d" */
static int number_next(int kind, const void *data, Py_ssize_t n, Py_ssize_t pos) {
    if (pos < n && PyUnicode_READ(kind, data, pos) == ' ') pos++;
    if (pos < n && PyUnicode_READ(kind, data, pos) == ':') pos++;
    if (pos < n && PyUnicode_READ(kind, data, pos) == ' ') pos++;
    return pos < n && Py_UNICODE_ISDECIMAL(PyUnicode_READ(kind, data, pos));
}

/* edits._sentence_start */
static int sentence_start(Rules *r, int kind, const void *data, Py_ssize_t pos) {
    Py_ssize_t i = pos - 1;
    while (i >= 0 && in_chars(r->before_sentence, PyUnicode_READ(kind, data, i))) i--;
    return i < 0 || in_chars(r->sentence_ends, PyUnicode_READ(kind, data, i));
}

/* A restored word that starts a sentence: its first letter in capitals, ``words`` to match; sets *word,
 * *words (new references) and *lost_last. */
static int capitalise(PyObject *lost, PyObject **word, PyObject **words, int *lost_last) {
    PyObject *w = *word, *ws = *words;
    Py_ssize_t len = PyUnicode_GET_LENGTH(w);
    PyObject *head = PyUnicode_Substring(w, 0, 1), *rest = PyUnicode_Substring(w, 1, len);
    PyObject *up = head ? PyObject_CallMethodNoArgs(head, str_upper) : NULL;
    PyObject *neww = up && rest ? PyUnicode_Concat(up, rest) : NULL;
    Py_XDECREF(head);
    Py_XDECREF(rest);
    Py_XDECREF(up);
    if (!neww) return -1;
    Py_ssize_t nl = PyUnicode_GET_LENGTH(neww);
    PyObject *last = PyUnicode_Substring(neww, nl - 1, nl);
    int in = last ? PySet_Contains(lost, last) : -1;
    Py_XDECREF(last);
    if (in < 0) {
        Py_DECREF(neww);
        return -1;
    }
    *lost_last = in;
    Py_INCREF(ws);
    if (PyTuple_Check(ws) && PyTuple_GET_SIZE(ws)) {
        /* words[0][2] + word[len(words[0][2]):] must be word, else the first word takes word's head */
        PyObject *first = PyTuple_GET_ITEM(ws, 0);
        PyObject *fw = PyTuple_GET_ITEM(first, 2);
        Py_ssize_t fl = PyUnicode_GET_LENGTH(fw);
        PyObject *tail = PyUnicode_Substring(neww, fl < nl ? fl : nl, nl);
        PyObject *glued = tail ? PyUnicode_Concat(fw, tail) : NULL;
        Py_XDECREF(tail);
        int same = glued ? PyUnicode_Compare(glued, neww) == 0 : -1;
        Py_XDECREF(glued);
        if (same < 0 || (!same && PyErr_Occurred())) goto fail;
        if (!same) {
            PyObject *fixed = PyTuple_New(PyTuple_GET_SIZE(ws));
            PyObject *headw = PyUnicode_Substring(neww, 0, fl < nl ? fl : nl);
            PyObject *f0 = fixed && headw
                ? PyTuple_Pack(3, PyTuple_GET_ITEM(first, 0), PyTuple_GET_ITEM(first, 1), headw) : NULL;
            Py_XDECREF(headw);
            if (!f0) {
                Py_XDECREF(fixed);
                goto fail;
            }
            PyTuple_SET_ITEM(fixed, 0, untracked(f0));
            for (Py_ssize_t q = 1; q < PyTuple_GET_SIZE(ws); q++) {
                PyObject *x = PyTuple_GET_ITEM(ws, q);
                Py_INCREF(x);
                PyTuple_SET_ITEM(fixed, q, x);
            }
            Py_SETREF(ws, untracked(fixed));
        }
    }
    *word = neww;
    *words = ws;
    return 0;
fail:
    Py_DECREF(neww);
    Py_DECREF(ws);
    return -1;
}

/* The positions of ``taken`` as flags over the text's n positions (a PyMem block; NULL with no error set
 * when ``taken`` holds something else than ints, which is_taken then asks; NULL with an error on error) */
static char *taken_flags(PyObject *taken, Py_ssize_t n) {
    char *flags = PyMem_Calloc((size_t)n + 1, 1);
    if (!flags) {
        PyErr_NoMemory();
        return NULL;
    }
    PyObject *it = PyObject_GetIter(taken), *key;
    if (!it) {
        PyMem_Free(flags);
        return NULL;
    }
    while ((key = PyIter_Next(it))) {
        int overflow = 0, exact = PyLong_CheckExact(key);
        long long v = exact ? PyLong_AsLongLongAndOverflow(key, &overflow) : -1;
        Py_DECREF(key);
        if (!exact) { /* is_taken asks the set */
            Py_DECREF(it);
            PyMem_Free(flags);
            return NULL;
        }
        if (!overflow && v >= 0 && v < n) flags[v] = 1; /* no other int is a position of the text */
    }
    Py_DECREF(it);
    if (PyErr_Occurred()) {
        PyMem_Free(flags);
        return NULL;
    }
    return flags;
}

/* Whether position ``pos`` (an int) is in the set ``taken``; -1 on error */
static int is_taken(PyObject *taken, Py_ssize_t pos) {
    PyObject *v = PyLong_FromSsize_t(pos);
    int in = v ? PySet_Contains(taken, v) : -1;
    Py_XDECREF(v);
    return in;
}

/* run_edits(text, taken, run_cache, run_cache_limit, number, rules, <the arguments of read_run after
 * frags and follow>) -> [(start, end, word, words)]: edits._run_edits_py, read_run for each run not in
 * the cache. */
PyObject *run_edits(PyObject *self, PyObject *const *args, Py_ssize_t nargs) {
    if (nargs != 4 + READ_RUN_ARGS) {
        PyErr_SetString(PyExc_TypeError, "run_edits: wrong number of arguments");
        return NULL;
    }
    PyObject *text = args[0], *taken = args[1], *cache = args[2], *number = args[4];
    Py_ssize_t limit = PyLong_AsSsize_t(args[3]);
    Rules r;
    if ((limit == -1 && PyErr_Occurred()) || rules_init(&r, args[5]) < 0) return NULL;
    if (!PyUnicode_Check(text) || !PyAnySet_Check(taken) || !PyDict_Check(cache)) {
        PyErr_SetString(PyExc_TypeError, "run_edits: unexpected argument types");
        return NULL;
    }
    PyObject *lost = args[nargs - 1];
    if (!PyAnySet_Check(lost)) {
        PyErr_SetString(PyExc_TypeError, "run_edits: lost must be a set");
        return NULL;
    }
    Py_ssize_t n = PyUnicode_GET_LENGTH(text), nruns = 0;
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    int any_taken = PySet_GET_SIZE(taken) > 0;
    char *flags = any_taken ? taken_flags(taken, n) : NULL;
    if (any_taken && !flags && PyErr_Occurred()) return NULL;
    Run *runs = NULL;
    if (find_runs(text, &r, &runs, &nruns) < 0) {
        PyMem_Free(flags);
        return NULL;
    }
    PyObject *out = PyList_New(0);
    PyObject *rargs[READ_RUN_ARGS];
    for (int q = 2; q < READ_RUN_ARGS; q++) rargs[q] = args[q + 4];
    int table = run_frag_table(rargs);
    if (!out || table < 0) goto fail;
    for (Py_ssize_t x = 0; x < nruns; x++) {
        Py_ssize_t base = runs[x].start;
        PyObject *follow = number_next(kind, data, n, base + runs[x].len) ? number : Py_None;
        PyObject *run = PyUnicode_Substring(text, base, base + runs[x].len);
        PyObject *key = run ? PyTuple_Pack(2, run, follow) : NULL;
        if (!key) {
            Py_XDECREF(run);
            goto fail;
        }
        untracked(key);
        PyObject *changes = PyDict_GetItemWithError(cache, key);
        if (changes) {
            Py_INCREF(changes);
        } else if (!PyErr_Occurred()) {
            PyObject *frags = split_run(text, base, runs[x].len, table);
            if (frags) {
                rargs[0] = frags;
                rargs[1] = follow;
                changes = read_run(self, rargs, READ_RUN_ARGS);
                Py_DECREF(frags);
            }
            if (changes && PyDict_GET_SIZE(cache) > limit) PyDict_Clear(cache);
            if (changes && PyDict_SetItem(cache, key, changes) < 0) Py_CLEAR(changes);
        }
        Py_DECREF(run);
        Py_DECREF(key);
        if (!changes) goto fail;
        if (!PyList_Check(changes)) {
            Py_DECREF(changes);
            PyErr_SetString(PyExc_TypeError, "a run's changes must be a list");
            goto fail;
        }
        for (Py_ssize_t c = 0; c < PyList_GET_SIZE(changes); c++) {
            PyObject *ch = PyList_GET_ITEM(changes, c);
            if (!PyTuple_Check(ch) || PyTuple_GET_SIZE(ch) != 6) {
                PyErr_SetString(PyExc_TypeError, "a change must be a tuple of 6");
                goto fail_changes;
            }
            Py_ssize_t rel_start = PyLong_AsSsize_t(PyTuple_GET_ITEM(ch, 0));
            Py_ssize_t rel_end = PyLong_AsSsize_t(PyTuple_GET_ITEM(ch, 1));
            int first_lost = PyObject_IsTrue(PyTuple_GET_ITEM(ch, 3));
            int lost_last = PyObject_IsTrue(PyTuple_GET_ITEM(ch, 4));
            if (PyErr_Occurred() || first_lost < 0 || lost_last < 0) goto fail_changes;
            PyObject *word = PyTuple_GET_ITEM(ch, 2), *words = PyTuple_GET_ITEM(ch, 5);
            Py_INCREF(word);
            Py_INCREF(words);
            Py_ssize_t start = base + rel_start, end = base + rel_end;
            if (first_lost && rel_start == 0 && sentence_start(&r, kind, data, start)) {
                PyObject *w = word, *ws = words;
                int bad = !PyUnicode_Check(w) || !PyUnicode_GET_LENGTH(w)
                          || capitalise(lost, &word, &words, &lost_last) < 0;
                Py_DECREF(w);
                Py_DECREF(ws);
                if (bad) {
                    if (!PyErr_Occurred()) PyErr_SetString(PyExc_ValueError, "an empty restored word");
                    goto fail_changes;
                }
            }
            if (lost_last && end + 1 < n && PyUnicode_READ(kind, data, end) == ' '
                && in_chars(r.closers, PyUnicode_READ(kind, data, end + 1)))
                end++; /* "sở , ngành": the space stood for the lost letter */
            int skip = 0;
            if (flags) {
                skip = flags[start] || flags[end - 1];
            } else if (any_taken) {
                skip = is_taken(taken, start);
                if (!skip) skip = is_taken(taken, end - 1);
            }
            PyObject *edit = skip ? NULL : pack_nn(start, end, word, words);
            Py_DECREF(word);
            Py_DECREF(words);
            if (skip < 0 || (!skip && (!edit || PyList_Append(out, edit) < 0))) {
                Py_XDECREF(edit);
                goto fail_changes;
            }
            Py_XDECREF(edit);
        }
        Py_DECREF(changes);
        continue;
    fail_changes:
        Py_DECREF(changes);
        goto fail;
    }
    PyMem_Free(runs);
    PyMem_Free(flags);
    return out;
fail:
    PyMem_Free(runs);
    PyMem_Free(flags);
    Py_XDECREF(out);
    return NULL;
}
