/* The compiled restoration core: the hot loops of graph/reading/restore/ (index._candidates,
 * search._anchors, search._decode_run, search._decode_chunked, edits._changes), each the exact twin of
 * its Python version (graph/reading/restore/compiled.py switches between them).
 *
 * The beam search (_beam_search.c) keeps the Python version's states, order, float additions and
 * comparisons, so it gives the same reading: each position's beam is a small hash table over an array
 * kept in insertion order (a dict's order), states are visited by score then insertion order (a stable
 * sort), and a candidate replaces a state only on a strictly higher score (the first of equal scores
 * wins). Log-probabilities are read by integer word ids from a dense table of every pair of words, built
 * once per process as the Python model computes each value (_beam_model.c), so every value is Python's.
 *
 * Files: _beam.c (this module, shared helpers, read_run), _beam_search.c, _beam_model.c (the model's
 * log-probabilities: SyllableModel._logp), _beam_runs.c, _beam_frags.c (the candidates of the fragments
 * the index knows, made once per index), _beam_fragtext.c (a run's fragments as that table's strs),
 * _beam_changes.c, _beam_text.c (the runs of a whole text and their edits: edits._run_edits_py),
 * _beam_apply.c (apply._apply_py), _beam.h.
 * Built by setup.py as an optional extension: without a compiler the package installs and runs the
 * Python versions.
 */
#include "_beam.h"

PyObject *str_lower, *str_upper;

/* ``t``, a tuple of strings, numbers, None or such tuples, taken out of the garbage collector's lists,
 * as the collector itself does with such tuples when it meets them: it cannot be part of a cycle, and
 * the restoration caches hold many of them. Also a list or tuple the caches hold and nothing changes
 * (a reading, the candidates of a position): it holds no reference back to itself, so it cannot be part
 * of a cycle either, and the collection after a document need not walk the caches. */
PyObject *untracked(PyObject *t) {
    if (t && PyObject_GC_IsTracked(t)) PyObject_GC_UnTrack(t);
    return t;
}

/* (a, b) or (a, b, x) or (a, b, x, y) for the objects given (borrowed; NULL: absent), untracked: a tuple of
 * two ints and such items is made often enough that Py_BuildValue's parsing of a format shows. */
PyObject *pack_nn(Py_ssize_t a, Py_ssize_t b, PyObject *x, PyObject *y) {
    PyObject *t = PyTuple_New(2 + (x != NULL) + (y != NULL));
    if (!t) return NULL;
    PyObject *ia = PyLong_FromSsize_t(a), *ib = PyLong_FromSsize_t(b);
    if (!ia || !ib) {
        Py_XDECREF(ia);
        Py_XDECREF(ib);
        Py_DECREF(t);
        return NULL;
    }
    PyTuple_SET_ITEM(t, 0, ia);
    PyTuple_SET_ITEM(t, 1, ib);
    if (x) {
        Py_INCREF(x);
        PyTuple_SET_ITEM(t, 2, x);
    }
    if (y) {
        Py_INCREF(y);
        PyTuple_SET_ITEM(t, 3, y);
    }
    return untracked(t);
}

/* str.lower() of a str (a new reference): a string none of whose characters has another lower case is
 * its own lower case (equal to what str.lower returns: a character whose full lower case differs from
 * itself, U+0130 or a final sigma, has a simple lower case that differs too), anything else asks
 * str.lower. */
PyObject *lower_of(PyObject *u) {
    Py_ssize_t n = PyUnicode_GET_LENGTH(u), q = 0;
    if (PyUnicode_IS_ASCII(u)) {
        const Py_UCS1 *c = PyUnicode_1BYTE_DATA(u);
        while (q < n && !(c[q] >= 'A' && c[q] <= 'Z')) q++;
    } else if (PyUnicode_CheckExact(u)) {
        int kind = PyUnicode_KIND(u);
        const void *data = PyUnicode_DATA(u);
        while (q < n) {
            Py_UCS4 ch = PyUnicode_READ(kind, data, q);
            if (Py_UNICODE_TOLOWER(ch) != ch) break;
            q++;
        }
    }
    if (q == n) {
        Py_INCREF(u);
        return u;
    }
    if (PyUnicode_CheckExact(u)) {
        /* Latin letters (Vietnamese's among them) lower-case one for one, as str.lower does, all but U+0130
         * (two characters): such a string is lowered here, without a call */
        int kind = PyUnicode_KIND(u);
        const void *data = PyUnicode_DATA(u);
        Py_UCS4 most = 0;
        Py_ssize_t r = 0;
        for (; r < n; r++) {
            Py_UCS4 ch = PyUnicode_READ(kind, data, r);
            if (!(ch < 0x370 || (ch >= 0x1E00 && ch < 0x1F00)) || ch == 0x130) break;
            Py_UCS4 low = Py_UNICODE_TOLOWER(ch);
            if (low > most) most = low;
        }
        if (r == n) {
            PyObject *out = PyUnicode_New(n, most);
            if (!out) return NULL;
            int okind = PyUnicode_KIND(out);
            void *odata = PyUnicode_DATA(out);
            for (Py_ssize_t q2 = 0; q2 < n; q2++)
                PyUnicode_WRITE(okind, odata, q2, Py_UNICODE_TOLOWER(PyUnicode_READ(kind, data, q2)));
            return out;
        }
    }
    return PyObject_CallMethodNoArgs(u, str_lower);
}

/* tuple(items[a:b]) of a list */
PyObject *tuple_of(PyObject *items, Py_ssize_t a, Py_ssize_t b) {
    PyObject *t = PyTuple_New(b - a);
    if (!t) return NULL;
    for (Py_ssize_t q = a; q < b; q++) {
        PyObject *x = PyList_GET_ITEM(items, q);
        Py_INCREF(x);
        PyTuple_SET_ITEM(t, q - a, x);
    }
    return t;
}

/* read_run(frags, follow, memo, by_skeleton, intact, orphan_letters, heads, unknown_logp, max_fragments,
 *          memo_limit, sole, chunk_cache, chunk_limit, <the model arguments>, lost) -> changes:
 * candidates, anchors, decode_chunked and changes of one run in one call. */
PyObject *read_run(PyObject *self, PyObject *const *args, Py_ssize_t nargs) {
    if (nargs != READ_RUN_ARGS) {
        PyErr_SetString(PyExc_TypeError, "read_run: wrong number of arguments");
        return NULL;
    }
    PyObject *frags = args[0], *follow = args[1], *result = NULL, *anch = NULL, *reading = NULL;
    PyObject *cargs[9] = {frags, args[2], args[3], args[4], args[5], args[6], args[7], args[8], args[9]};
    Py_ssize_t *ids = NULL; /* the fragment ids, when the index's table holds them (_beam_frags.c) */
    PyObject *cands = candidates_ids(cargs, 9, &ids);
    if (!cands) return NULL;
    if (!PyAnySet_Check(args[10])) {
        PyErr_SetString(PyExc_TypeError, "read_run: sole must be a set");
        goto done;
    }
    anch = anchors_ids(frags, args[10], cands, ids);
    if (!anch) goto done;
    PyObject *dargs[6 + MODEL_ARGS] = {frags, follow, cands, anch, args[11], args[12]};
    for (int q = 0; q < MODEL_ARGS; q++) dargs[6 + q] = args[13 + q];
    reading = decode_chunked(self, dargs, 6 + MODEL_ARGS);
    if (!reading) goto done;
    PyObject *chargs[3] = {frags, reading, args[READ_RUN_ARGS - 1]};
    result = changes(self, chargs, 3);
done:
    PyMem_Free(ids);
    Py_DECREF(cands);
    Py_XDECREF(anch);
    Py_XDECREF(reading);
    return result;
}

static PyMethodDef methods[] = {
    {"decode_run", (PyCFunction)(void (*)(void))decode_run, METH_FASTCALL,
     "decode_run(cands, prev, follow, <search._model_args>) -> [(k, word)]: the compiled _decode_run."},
    {"pair_logp", (PyCFunction)(void (*)(void))pair_logp, METH_FASTCALL,
     "pair_logp(prev, word, unigrams, pair_counts, followers, total) -> float: SyllableModel._logp as the "
     "compiled table holds it."},
    {"pair_table", (PyCFunction)(void (*)(void))pair_table, METH_FASTCALL,
     "pair_table(ids, absent, unigrams, pair_counts, followers, total) -> bytes: the doubles "
     "SyllableModel._logp(prev, word) for prev in [*ids, None], word in [*ids, absent] (pairs.pair_table)."},
    {"candidates", (PyCFunction)(void (*)(void))candidates, METH_FASTCALL,
     "candidates(frags, memo, by_skeleton, intact, orphan_letters, unknown_logp, max_fragments, "
     "memo_limit) -> [(groups, unknown)]: the compiled index._candidates."},
    {"anchors", (PyCFunction)(void (*)(void))anchors, METH_FASTCALL,
     "anchors(frags, sole, cands) -> [int]: the compiled search._anchors."},
    {"decode_chunked", (PyCFunction)(void (*)(void))decode_chunked, METH_FASTCALL,
     "decode_chunked(frags, follow, cands, anchors, cache, cache_limit, <search._model_args>) -> "
     "[(k, word)]: the compiled search._decode_chunked."},
    {"changes", (PyCFunction)(void (*)(void))changes, METH_FASTCALL,
     "changes(frags, reading, lost) -> [(start, end, word, cap, lost_last, words)]: the compiled "
     "edits._changes."},
    {"read_run", (PyCFunction)(void (*)(void))read_run, METH_FASTCALL,
     "read_run(frags, follow, memo, by_skeleton, intact, orphan_letters, heads, unknown_logp, "
     "max_fragments, memo_limit, sole, chunk_cache, chunk_limit, <search._model_args>, lost) -> changes: "
     "the changes "
     "of one run's reading (edits._changes of search._decode_chunked) in one call."},
    {"text_runs", (PyCFunction)(void (*)(void))text_runs, METH_FASTCALL,
     "text_runs(text, rules) -> [(start, run)]: the compiled edits._runs."},
    {"run_edits", (PyCFunction)(void (*)(void))run_edits, METH_FASTCALL,
     "run_edits(text, taken, run_cache, run_cache_limit, number, rules, <read_run's arguments after frags "
     "and follow>) -> [(start, end, word, words)]: the compiled edits._run_edits_py."},
    {"apply_edits", (PyCFunction)(void (*)(void))apply_edits, METH_FASTCALL,
     "apply_edits(text, origin, edits) -> (text, origin as bytes of C longs, restored spans): the compiled "
     "apply._apply_py."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT,
    .m_name = "_beam",
    .m_doc = "The compiled restoration core of graph.reading.restore (see compiled.py).",
    .m_size = -1,
    .m_methods = methods,
};

PyMODINIT_FUNC PyInit__beam(void) {
    str_lower = PyUnicode_InternFromString("lower");
    str_upper = PyUnicode_InternFromString("upper");
    if (!str_lower || !str_upper) return NULL;
    PyObject *mod = PyModule_Create(&module);
#ifndef BEAM_SOURCE_HASH
#define BEAM_SOURCE_HASH ""
#endif
    /* the digest of the sources it was built from (setup.py): compiled.py refuses a stale build */
    if (mod && PyModule_AddStringConstant(mod, "SOURCE_HASH", BEAM_SOURCE_HASH) < 0) {
        Py_DECREF(mod);
        return NULL;
    }
    return mod;
}
