/* The candidates of a run (index._candidates), its anchors (search._anchors) and its reading piece by
 * piece (search._decode_chunked), compiled: see _beam.c. */
#include "_beam.h"

#include <math.h>
#include <stdint.h>

/* The candidates at the first fragment of ``window``: (groups, unknown), as index._window_candidates. */
static PyObject *window_candidates(PyObject *window, PyObject *by_skeleton, PyObject *intact,
                                   PyObject *orphan_letters, double unknown_logp) {
    Py_ssize_t w = PyTuple_GET_SIZE(window);
    PyObject *f = PyTuple_GET_ITEM(window, 0);
    PyObject *groups = PyList_New(0), *unknown = NULL, *result = NULL;
    if (!groups) return NULL;
    for (Py_ssize_t k = 1; k <= w; k++) {
        PyObject *sk = k == w ? (Py_INCREF(window), window) : PyTuple_GetSlice(window, 0, k);
        if (!sk) goto done;
        PyObject *words = PyDict_GetItemWithError(by_skeleton, sk);
        Py_DECREF(sk);
        if (!words) {
            if (PyErr_Occurred()) goto done;
            continue;
        }
        int truth = PyObject_IsTrue(words);
        if (truth < 0) goto done;
        if (!truth) continue;
        PyObject *kk = PyLong_FromSsize_t(k);
        PyObject *grp = kk ? untracked(PyTuple_Pack(2, kk, words)) : NULL;
        Py_XDECREF(kk);
        if (!grp || PyList_Append(groups, grp) < 0) {
            Py_XDECREF(grp);
            goto done;
        }
        Py_DECREF(grp);
    }
    int in = PySet_Contains(intact, f);
    if (in < 0) goto done;
    if (in) {
        unknown = Py_None;
        Py_INCREF(unknown);
    } else {
        PyObject *low = lower_of(f);
        if (!low) goto done;
        int orphan = 0;
        if (PyUnicode_GetLength(f) == 1) {
            orphan = PySet_Contains(orphan_letters, low);
            if (orphan < 0) {
                Py_DECREF(low);
                goto done;
            }
        }
        PyObject *score = PyFloat_FromDouble(unknown_logp * (orphan ? 2.0 : 1.0));
        unknown = score ? untracked(PyTuple_Pack(3, f, low, score)) : NULL;
        Py_DECREF(low);
        Py_XDECREF(score);
        if (!unknown) goto done;
    }
    result = untracked(PyTuple_Pack(2, untracked(groups), unknown));
done:
    Py_DECREF(groups);
    Py_XDECREF(unknown);
    return result;
}

/* candidates(frags, memo, by_skeleton, intact, orphan_letters, heads, unknown_logp, max_fragments,
 *            memo_limit) -> [(groups, unknown)] per position: index._candidates. ``heads``: the first
 * fragments of the skeletons of several fragments. */
PyObject *candidates(PyObject *self, PyObject *const *args, Py_ssize_t nargs) {
    return candidates_ids(args, nargs, NULL);
}

/* candidates, and with ``ids_out`` the fragment ids of frags (_beam_frags.c; a PyMem block the caller
 * frees, NULL when the table does not hold the index) */
PyObject *candidates_ids(PyObject *const *args, Py_ssize_t nargs, Py_ssize_t **ids_out) {
    if (ids_out) *ids_out = NULL;
    if (nargs != 9) {
        PyErr_SetString(PyExc_TypeError, "candidates takes 9 arguments");
        return NULL;
    }
    PyObject *frags = args[0], *memo = args[1], *by_skeleton = args[2], *intact = args[3];
    PyObject *orphan_letters = args[4], *heads = args[5];
    double unknown_logp = PyFloat_AsDouble(args[6]);
    Py_ssize_t maxf = PyLong_AsSsize_t(args[7]);
    Py_ssize_t limit = PyLong_AsSsize_t(args[8]);
    if (PyErr_Occurred()) return NULL;
    if (!PyList_Check(frags) || !PyDict_Check(memo) || !PyDict_Check(by_skeleton) || !PyAnySet_Check(intact)
        || !PyAnySet_Check(orphan_letters) || !PyAnySet_Check(heads) || maxf < 1) {
        PyErr_SetString(PyExc_TypeError, "candidates: unexpected argument types");
        return NULL;
    }
    Py_ssize_t n = PyList_GET_SIZE(frags);
    for (Py_ssize_t i = 0; i < n; i++) {
        if (!PyUnicode_CheckExact(PyList_GET_ITEM(frags, i))) {
            PyErr_SetString(PyExc_TypeError, "fragments must be strings");
            return NULL;
        }
    }
    /* the fragments the index knows read from its table (_beam_frags.c), the others as index._candidates */
    int table = frag_table(by_skeleton, intact, orphan_letters, heads, unknown_logp, maxf);
    if (table < 0) return NULL;
    Py_ssize_t *ids = table ? PyMem_Malloc(sizeof(Py_ssize_t) * (size_t)(n ? n : 1)) : NULL;
    if (table && !ids) return PyErr_NoMemory();
    for (Py_ssize_t i = 0; table && i < n; i++) {
        ids[i] = frag_id(PyList_GET_ITEM(frags, i));
        if (ids[i] == -2) {
            PyMem_Free(ids);
            return NULL;
        }
    }
    PyObject *out = PyList_New(n);
    if (!out) {
        PyMem_Free(ids);
        return NULL;
    }
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *f = PyList_GET_ITEM(frags, i);
        if (ids && ids[i] >= 0) {
            PyObject *c = frag_candidates(ids, i, n, maxf);
            if (!c) goto fail;
            PyList_SET_ITEM(out, i, c);
            continue;
        }
        Py_ssize_t w = n - i < maxf ? n - i : maxf;
        /* no skeleton of several fragments starts with f: its candidates are f's alone, memoised by f
         * (a str key never equals a window's tuple key) */
        int head = w > 1 ? PySet_Contains(heads, f) : 0;
        if (head < 0) goto fail;
        PyObject *key;
        if (head) {
            key = PyTuple_New(w);
            if (!key) goto fail;
            for (Py_ssize_t q = 0; q < w; q++) {
                PyObject *x = PyList_GET_ITEM(frags, i + q);
                Py_INCREF(x);
                PyTuple_SET_ITEM(key, q, x);
            }
            untracked(key);
        } else {
            key = f;
            Py_INCREF(key);
        }
        PyObject *c = PyDict_GetItemWithError(memo, key);
        if (c) {
            Py_INCREF(c);
        } else if (PyErr_Occurred()) {
            Py_DECREF(key);
            goto fail;
        } else {
            PyObject *window = head ? (Py_INCREF(key), key) : PyTuple_Pack(1, f);
            c = window ? window_candidates(window, by_skeleton, intact, orphan_letters, unknown_logp) : NULL;
            Py_XDECREF(window);
            if (!c || PyDict_SetItem(memo, key, c) < 0) {
                Py_XDECREF(c);
                Py_DECREF(key);
                goto fail;
            }
        }
        Py_DECREF(key);
        PyList_SET_ITEM(out, i, c);
    }
    if (ids_out) *ids_out = ids;
    else PyMem_Free(ids);
    if (PyDict_GET_SIZE(memo) > limit) PyDict_Clear(memo);
    return out;
fail:
    PyMem_Free(ids);
    Py_DECREF(out);
    return NULL;
}

/* anchors(frags, sole, cands) -> positions of intact words that can only be themselves, no longer word
 * reaching over them: search._anchors. */
PyObject *anchors(PyObject *self, PyObject *const *args, Py_ssize_t nargs) {
    if (nargs != 3 || !PyList_Check(args[0]) || !PyAnySet_Check(args[1]) || !PyList_Check(args[2])
        || PyList_GET_SIZE(args[0]) != PyList_GET_SIZE(args[2])) {
        PyErr_SetString(PyExc_TypeError, "anchors(frags: list, sole: frozenset, cands: list)");
        return NULL;
    }
    return anchors_ids(args[0], args[1], args[2], NULL);
}

/* anchors, given the fragment ids of candidates_ids (NULL: none): a fragment the index knows is sole or
 * not by the table's flags, without a set look-up */
PyObject *anchors_ids(PyObject *frags, PyObject *sole, PyObject *cands, const Py_ssize_t *ids) {
    Py_ssize_t n = PyList_GET_SIZE(frags);
    const char *sole_flags = ids ? frag_sole_flags(sole) : NULL;
    if (ids && !sole_flags) return NULL;
    char *covered = PyMem_Calloc((size_t)n + 1, 1);
    if (!covered) return PyErr_NoMemory();
    PyObject *out = NULL;
    for (Py_ssize_t a = 0; a < n; a++) {
        PyObject *cand = PyList_GET_ITEM(cands, a);
        if (!PyTuple_Check(cand) || PyTuple_GET_SIZE(cand) != 2 || !PyList_Check(PyTuple_GET_ITEM(cand, 0))) {
            PyErr_SetString(PyExc_TypeError, "a position's candidates must be (groups, unknown)");
            goto done;
        }
        PyObject *groups = PyTuple_GET_ITEM(cand, 0);
        Py_ssize_t ng = PyList_GET_SIZE(groups);
        if (!ng) continue;
        long klast = PyLong_AsLong(PyTuple_GET_ITEM(PyList_GET_ITEM(groups, ng - 1), 0));
        if (klast == -1 && PyErr_Occurred()) goto done;
        if (klast <= 1) continue; /* groups come by number of fragments taken */
        for (Py_ssize_t g = 0; g < ng; g++) {
            long k = PyLong_AsLong(PyTuple_GET_ITEM(PyList_GET_ITEM(groups, g), 0));
            if (k == -1 && PyErr_Occurred()) goto done;
            if (k > 1)
                for (Py_ssize_t q = a; q < a + k && q < n; q++) covered[q] = 1;
        }
    }
    out = PyList_New(0);
    for (Py_ssize_t i = 0; out && i < n; i++) {
        int in;
        if (ids && ids[i] >= 0) in = sole_flags[ids[i]];
        else in = PySet_Contains(sole, PyList_GET_ITEM(frags, i));
        if (in < 0) {
            Py_CLEAR(out);
            break;
        }
        if (!in || covered[i]) continue;
        PyObject *v = PyLong_FromSsize_t(i);
        if (!v || PyList_Append(out, v) < 0) Py_CLEAR(out);
        Py_XDECREF(v);
    }
done:
    PyMem_Free(covered);
    return out;
}

/* last_word_of of the words met last, by address (strong references to both: a str does not change), so
 * that the same vocabulary word ending piece after piece is lowered once */
#define LAST_SLOTS 1024
static PyObject *last_key[LAST_SLOTS], *last_value[LAST_SLOTS];

static PyObject *last_word_lowered(PyObject *word);

/* The last word of a reading's word, lower-case: ``word.rsplit(" ", 1)[-1].lower()``. */
static PyObject *last_word_of(PyObject *word) {
    size_t q = ((size_t)(uintptr_t)word >> 4) & (LAST_SLOTS - 1);
    if (last_key[q] == word) {
        Py_INCREF(last_value[q]);
        return last_value[q];
    }
    PyObject *low = last_word_lowered(word);
    if (low && PyUnicode_CheckExact(word)) {
        Py_INCREF(word);
        Py_INCREF(low);
        Py_XSETREF(last_key[q], word);
        Py_XSETREF(last_value[q], low);
    }
    return low;
}

static PyObject *last_word_lowered(PyObject *word) {
    Py_ssize_t len = PyUnicode_GET_LENGTH(word);
    Py_ssize_t sp = PyUnicode_FindChar(word, ' ', 0, len, -1);
    if (sp == -2) return NULL;
    PyObject *tail = PyUnicode_Substring(word, sp + 1, len);
    if (!tail) return NULL;
    PyObject *low = lower_of(tail);
    Py_DECREF(tail);
    return low;
}

/* The last word of a reading part, lower-case: ``part[-1][1].rsplit(" ", 1)[-1].lower()``. */
static PyObject *last_word(PyObject *part) {
    Py_ssize_t np = PyList_GET_SIZE(part);
    if (!np) {
        PyErr_SetString(PyExc_IndexError, "an empty reading");
        return NULL;
    }
    return last_word_of(PyTuple_GET_ITEM(PyList_GET_ITEM(part, np - 1), 1));
}

/* The word the search must read for the piece of one position cands[pos] after ``prev``, when nothing else
 * can be read there: one candidate word of one fragment, no fragment left as it stands, no lost word that
 * could come before it after ``prev``, and a finite score (run_beam reads it as [(1, word)]). A borrowed
 * reference, NULL (no error set) when the search must run, NULL with an error on error. Such a piece (an
 * anchor right after another) is most of the pieces of a text: read so, it needs no key, no cache entry,
 * no search. */
static PyObject *forced_word(const Ctx *c, PyObject *cands, Py_ssize_t pos, PyObject *prev) {
    PyObject *cand = PyList_GET_ITEM(cands, pos);
    if (!PyTuple_Check(cand) || PyTuple_GET_SIZE(cand) != 2 || PyTuple_GET_ITEM(cand, 1) != Py_None)
        return NULL;
    PyObject *groups = PyTuple_GET_ITEM(cand, 0);
    if (!PyList_Check(groups) || PyList_GET_SIZE(groups) != 1) return NULL;
    PyObject *grp = PyList_GET_ITEM(groups, 0);
    if (!PyTuple_Check(grp) || PyTuple_GET_SIZE(grp) != 2 || !PyLong_CheckExact(PyTuple_GET_ITEM(grp, 0)))
        return NULL;
    int overflow;
    if (PyLong_AsLongAndOverflow(PyTuple_GET_ITEM(grp, 0), &overflow) != 1) return NULL;
    PyObject *words = PyTuple_GET_ITEM(grp, 1);
    if (!PyList_Check(words) || PyList_GET_SIZE(words) != 1) return NULL;
    PyObject *pair = PyList_GET_ITEM(words, 0);
    if (!PyTuple_Check(pair) || PyTuple_GET_SIZE(pair) != 2) return NULL;
    PyObject *word = PyTuple_GET_ITEM(pair, 0), *low = PyTuple_GET_ITEM(pair, 1);
    if (!PyUnicode_CheckExact(word) || !PyUnicode_CheckExact(low)) return NULL;
    Py_ssize_t pid = model_id(&c->m, prev), id = pid < 0 ? -1 : model_id(&c->m, low);
    if (id < 0) return NULL;
    if (!(0.0 + MODEL_AT(&c->m, pid, id) > -INFINITY)) return NULL; /* the search reports it */
    PyObject *invisible = PyList_GET_ITEM(c->inv_after, pid);
    if (invisible != Py_None) {
        int inv = PyObject_IsTrue(invisible);
        if (inv) { /* a lost word may come before this one: the search weighs both */
            if (inv < 0) return NULL;
            PyObject *before = PyDict_GetItemWithError(c->inv_before, low);
            if (before) return NULL;
            if (PyErr_Occurred()) return NULL;
        }
    }
    return word;
}

/* decode_chunked(frags, follow, cands, anchors, cache, cache_limit, <the model arguments>) -> [(k, word)]:
 * search._decode_chunked after its candidates and anchors, each piece read once per cache. */
PyObject *decode_chunked(PyObject *self, PyObject *const *args, Py_ssize_t nargs) {
    Ctx c;
    if (nargs != 6 + MODEL_ARGS) {
        PyErr_SetString(PyExc_TypeError, "decode_chunked: wrong number of arguments");
        return NULL;
    }
    PyObject *frags = args[0], *follow = args[1], *cands = args[2], *anchor_list = args[3];
    PyObject *cache = args[4];
    Py_ssize_t limit = PyLong_AsSsize_t(args[5]);
    if (limit == -1 && PyErr_Occurred()) return NULL;
    if (!PyList_Check(frags) || !PyList_Check(cands) || !PyList_Check(anchor_list) || !PyDict_Check(cache)
        || PyList_GET_SIZE(frags) != PyList_GET_SIZE(cands)) {
        PyErr_SetString(PyExc_TypeError, "decode_chunked: unexpected argument types");
        return NULL;
    }
    if (ctx_init(&c, args + 6) < 0) return NULL;
    Py_ssize_t n = PyList_GET_SIZE(frags);
    Py_ssize_t na = PyList_GET_SIZE(anchor_list);
    PyObject *reading = PyList_New(0);
    if (!reading) return NULL;
    PyObject *prev = Py_None;
    Py_INCREF(prev);
    Py_ssize_t start = 0;
    for (Py_ssize_t a = 0; a <= na; a++) {
        Py_ssize_t end = n - 1;
        if (a < na) {
            end = PyLong_AsSsize_t(PyList_GET_ITEM(anchor_list, a));
            if (end == -1 && PyErr_Occurred()) goto fail;
            if (end >= n) {
                PyErr_SetString(PyExc_IndexError, "an anchor past the run");
                goto fail;
            }
        }
        if (end < start) continue;
        PyObject *tail = end == n - 1 ? follow : Py_None;
        if (end == start) {
            PyObject *word = forced_word(&c, cands, start, prev);
            if (!word && PyErr_Occurred()) goto fail;
            if (word) {
                PyObject *one = PyLong_FromLong(1);
                PyObject *item = one ? PyTuple_Pack(2, one, word) : NULL;
                Py_XDECREF(one);
                PyObject *low = item ? last_word_of(word) : NULL;
                int bad = !low || PyList_Append(reading, untracked(item)) < 0;
                Py_XDECREF(item);
                if (bad) {
                    Py_XDECREF(low);
                    goto fail;
                }
                Py_SETREF(prev, low);
                start = end + 1;
                continue;
            }
        }
        PyObject *chunk = tuple_of(frags, start, end + 1);
        PyObject *key = chunk ? untracked(PyTuple_Pack(3, untracked(chunk), prev, tail)) : NULL;
        Py_XDECREF(chunk);
        if (!key) goto fail;
        PyObject *part = PyDict_GetItemWithError(cache, key);
        if (part) {
            Py_INCREF(part);
        } else if (PyErr_Occurred()) {
            Py_DECREF(key);
            goto fail;
        } else {
            part = run_beam(&c, cands, start, end + 1 - start, prev, tail);
            if (part && PyDict_GET_SIZE(cache) > limit) PyDict_Clear(cache);
            if (!part || PyDict_SetItem(cache, key, part) < 0) {
                Py_XDECREF(part);
                Py_DECREF(key);
                goto fail;
            }
        }
        Py_DECREF(key);
        if (!PyList_Check(part)) {
            Py_DECREF(part);
            PyErr_SetString(PyExc_TypeError, "a cached reading must be a list");
            goto fail;
        }
        Py_ssize_t have = PyList_GET_SIZE(reading);
        PyObject *low = last_word(part);
        int bad = !low || PyList_SetSlice(reading, have, have, part) < 0;
        Py_DECREF(part);
        if (bad) {
            Py_XDECREF(low);
            goto fail;
        }
        Py_DECREF(prev);
        prev = low;
        start = end + 1;
    }
    Py_DECREF(prev);
    return reading;
fail:
    Py_DECREF(prev);
    Py_DECREF(reading);
    return NULL;
}
