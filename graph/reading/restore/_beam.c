/* The compiled restoration core: the hot loops of graph/reading/restore/ (index._candidates,
 * search._anchors, search._decode_run, search._decode_chunked, edits._changes), each the exact twin of
 * its Python version (graph/reading/restore/compiled.py switches between them).
 *
 * The beam search (_beam_search.c) keeps the Python version's states, order, float additions and
 * comparisons, so it gives the same reading: each position's beam is a small hash table over an array
 * kept in insertion order (a dict's order), states are visited by score then insertion order (a stable
 * sort), and a candidate replaces a state only on a strictly higher score (the first of equal scores
 * wins). Log-probabilities are read from the model's memo rows (lm._rows) and, when missing, asked of
 * the Python model (which memoises them), so every value is the one Python computes.
 *
 * Files: _beam.c (this module, shared helpers, read_run), _beam_search.c, _beam_runs.c,
 * _beam_changes.c, _beam.h. Built by setup.py as an optional extension: without a compiler the
 * package installs and runs the Python versions.
 */
#include "_beam.h"

PyObject *str_lower, *str_upper;

/* ``t``, a tuple of strings, numbers, None or such tuples, taken out of the garbage collector's lists,
 * as the collector itself does with such tuples when it meets them: it cannot be part of a cycle, and
 * the restoration caches hold many of them. */
PyObject *untracked(PyObject *t) {
    if (t && PyObject_GC_IsTracked(t)) PyObject_GC_UnTrack(t);
    return t;
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
 *          memo_limit, sole, chunk_cache, chunk_limit, rows, row_of, logp, invisible_after,
 *          invisible_before, ceiling, beam, insert_logp, ceiling_margin, lost) -> changes:
 * candidates, anchors, decode_chunked and changes of one run in one call. */
static PyObject *read_run(PyObject *self, PyObject *const *args, Py_ssize_t nargs) {
    if (nargs != 23) {
        PyErr_SetString(PyExc_TypeError, "read_run takes 23 arguments");
        return NULL;
    }
    PyObject *frags = args[0], *follow = args[1], *result = NULL, *anch = NULL, *reading = NULL;
    PyObject *cargs[9] = {frags, args[2], args[3], args[4], args[5], args[6], args[7], args[8], args[9]};
    PyObject *cands = candidates(self, cargs, 9);
    if (!cands) return NULL;
    PyObject *aargs[3] = {frags, args[10], cands};
    anch = anchors(self, aargs, 3);
    if (!anch) goto done;
    PyObject *dargs[15] = {frags, follow, cands, anch, args[11], args[12], args[13], args[14], args[15],
                           args[16], args[17], args[18], args[19], args[20], args[21]};
    reading = decode_chunked(self, dargs, 15);
    if (!reading) goto done;
    PyObject *chargs[3] = {frags, reading, args[22]};
    result = changes(self, chargs, 3);
done:
    Py_DECREF(cands);
    Py_XDECREF(anch);
    Py_XDECREF(reading);
    return result;
}

static PyMethodDef methods[] = {
    {"decode_run", (PyCFunction)(void (*)(void))decode_run, METH_FASTCALL,
     "decode_run(cands, prev, follow, rows, row_of, logp, invisible_after, invisible_before, ceiling, "
     "beam, insert_logp, ceiling_margin) -> [(k, word)]: the compiled _decode_run."},
    {"candidates", (PyCFunction)(void (*)(void))candidates, METH_FASTCALL,
     "candidates(frags, memo, by_skeleton, intact, orphan_letters, unknown_logp, max_fragments, "
     "memo_limit) -> [(groups, unknown)]: the compiled index._candidates."},
    {"anchors", (PyCFunction)(void (*)(void))anchors, METH_FASTCALL,
     "anchors(frags, sole, cands) -> [int]: the compiled search._anchors."},
    {"decode_chunked", (PyCFunction)(void (*)(void))decode_chunked, METH_FASTCALL,
     "decode_chunked(frags, follow, cands, anchors, cache, cache_limit, rows, row_of, logp, "
     "invisible_after, invisible_before, ceiling, beam, insert_logp, ceiling_margin) -> [(k, word)]: "
     "the compiled search._decode_chunked."},
    {"changes", (PyCFunction)(void (*)(void))changes, METH_FASTCALL,
     "changes(frags, reading, lost) -> [(start, end, word, cap, lost_last, words)]: the compiled "
     "edits._changes."},
    {"read_run", (PyCFunction)(void (*)(void))read_run, METH_FASTCALL,
     "read_run(frags, follow, memo, by_skeleton, intact, orphan_letters, heads, unknown_logp, "
     "max_fragments, memo_limit, sole, chunk_cache, chunk_limit, rows, row_of, logp, invisible_after, "
     "invisible_before, ceiling, beam, insert_logp, ceiling_margin, lost) -> changes: the changes "
     "of one run's reading (edits._changes of search._decode_chunked) in one call."},
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
