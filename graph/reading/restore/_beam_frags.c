/* The candidates of the fragments the index knows, by fragment id (index._candidates, compiled: see
 * _beam.c), built once per index.
 *
 * Every fragment of a skeleton of the index gets an id; its candidates read alone (the words of its own
 * skeleton, and the fragment itself when it is not a word) are made once, and so are the groups of the
 * skeletons of two and three fragments, found by the ids of their fragments. A position of a run then
 * costs one look-up of its fragment (whose hash the later look-ups reuse), where index._candidates_py
 * builds a window tuple and looks it up in a memo. A fragment no skeleton holds is read as before
 * (_beam_runs.c). The candidates are the same values as index._window_candidates gives. */
#include "_beam.h"

/* A fragment of the index: its candidates read alone, the group of its own skeleton, whether a skeleton of
 * several fragments starts with it */
typedef struct {
    PyObject *alone;  /* (groups, unknown), as index._window_candidates((f,)) */
    PyObject *single; /* (1, words) of the skeleton (f,), or NULL (borrowed from alone) */
    PyObject *unknown; /* (f, f.lower(), score) or None (borrowed from alone) */
    int head;
} Frag;

/* A skeleton of two or three fragments (c = -1 for two): its group (k, words); group NULL: empty slot.
 * cands: the candidates at its first fragment when it is the longest skeleton found there (made at the
 * first such position, NULL before) */
typedef struct {
    Py_ssize_t a, b, c;
    PyObject *group, *cands;
} Longer;

/* The table of the last index: what it was built from (strong references, compared by identity) */
static struct {
    PyObject *from[4]; /* by_skeleton, intact, orphan_letters, heads */
    double unknown_logp;
    int usable;        /* 0: the index has skeletons the table cannot hold: every fragment is read as before */
    PyObject *ids;     /* fragment -> id, a dict */
    Frag *frags;
    Py_ssize_t nfrags;
    Longer *longer;
    size_t mask;
} ft;

static size_t longer_hash(Py_ssize_t a, Py_ssize_t b, Py_ssize_t c) {
    size_t h = (size_t)a * 1000003u;
    h = (h ^ (size_t)b) * 1000003u;
    h = (h ^ (size_t)(c + 1)) * 1000003u;
    return h ^ (h >> 17);
}

static Longer *longer_slot(Py_ssize_t a, Py_ssize_t b, Py_ssize_t c) {
    for (size_t q = longer_hash(a, b, c) & ft.mask;; q = (q + 1) & ft.mask) {
        Longer *s = &ft.longer[q];
        if (!s->group) return NULL;
        if (s->a == a && s->b == b && s->c == c) return s;
    }
}

/* Whether each fragment of the table is in the set ``sole`` (index.sole), made for the last such set */
static PyObject *sole_from;
static char *sole_flags;

static void table_free(void) {
    Py_CLEAR(sole_from);
    PyMem_Free(sole_flags);
    sole_flags = NULL;
    for (int q = 0; q < 4; q++) Py_CLEAR(ft.from[q]);
    for (Py_ssize_t f = 0; ft.frags && f < ft.nfrags; f++) Py_XDECREF(ft.frags[f].alone);
    for (size_t q = 0; ft.longer && q <= ft.mask; q++) {
        Py_XDECREF(ft.longer[q].group);
        Py_XDECREF(ft.longer[q].cands);
    }
    PyMem_Free(ft.frags);
    PyMem_Free(ft.longer);
    frag_chars_free();
    Py_CLEAR(ft.ids);
    ft.frags = NULL;
    ft.longer = NULL;
    ft.nfrags = 0;
    ft.mask = 0;
    ft.usable = 0;
}

/* (k, words), untracked */
static PyObject *group_of(Py_ssize_t k, PyObject *words) {
    PyObject *kk = PyLong_FromSsize_t(k);
    PyObject *g = kk ? PyTuple_Pack(2, kk, words) : NULL;
    Py_XDECREF(kk);
    return untracked(g);
}

/* The fragment ``f`` read alone: index._window_candidates((f,)) */
static int frag_init(Frag *fr, PyObject *f, PyObject *by_skeleton, PyObject *intact, PyObject *orphan_letters,
                     PyObject *heads, double unknown_logp) {
    PyObject *sk = PyTuple_Pack(1, f), *groups = PyList_New(0), *unknown = NULL;
    if (!sk || !groups) goto fail;
    PyObject *words = PyDict_GetItemWithError(by_skeleton, sk);
    int truth = words ? PyObject_IsTrue(words) : 0;
    if ((!words && PyErr_Occurred()) || truth < 0) goto fail;
    if (truth) {
        PyObject *g = group_of(1, words);
        if (!g || PyList_Append(groups, g) < 0) {
            Py_XDECREF(g);
            goto fail;
        }
        Py_DECREF(g);
    }
    int in = PySet_Contains(intact, f), head = PySet_Contains(heads, f);
    if (in < 0 || head < 0) goto fail;
    if (in) {
        unknown = Py_None;
        Py_INCREF(unknown);
    } else {
        PyObject *low = lower_of(f);
        if (!low) goto fail;
        int orphan = PyUnicode_GET_LENGTH(f) == 1 ? PySet_Contains(orphan_letters, low) : 0;
        PyObject *score = orphan < 0 ? NULL : PyFloat_FromDouble(unknown_logp * (orphan ? 2.0 : 1.0));
        unknown = score ? untracked(PyTuple_Pack(3, f, low, score)) : NULL;
        Py_DECREF(low);
        Py_XDECREF(score);
        if (!unknown) goto fail;
    }
    fr->alone = untracked(PyTuple_Pack(2, untracked(groups), unknown));
    if (!fr->alone) goto fail;
    fr->single = PyList_GET_SIZE(groups) ? PyList_GET_ITEM(groups, 0) : NULL;
    fr->unknown = unknown;
    fr->head = head;
    Py_DECREF(sk);
    Py_DECREF(groups);
    Py_DECREF(unknown);
    return 0;
fail:
    Py_XDECREF(sk);
    Py_XDECREF(groups);
    Py_XDECREF(unknown);
    return -1;
}

/* Whether every skeleton has one to three str fragments, and every intact fragment and head is one of
 * theirs (the table then tells every fragment's candidates); -1 on error. */
static int holdable(PyObject *by_skeleton, PyObject *ids, PyObject *intact, PyObject *heads) {
    Py_ssize_t pos = 0;
    PyObject *key, *value;
    while (PyDict_Next(by_skeleton, &pos, &key, &value)) {
        if (!PyTuple_CheckExact(key) || PyTuple_GET_SIZE(key) < 1 || PyTuple_GET_SIZE(key) > 3) return 0;
        for (Py_ssize_t q = 0; q < PyTuple_GET_SIZE(key); q++) {
            PyObject *f = PyTuple_GET_ITEM(key, q);
            if (!PyUnicode_CheckExact(f)) return 0;
            if (PyDict_GetItemWithError(ids, f)) continue;
            if (PyErr_Occurred()) return -1;
            PyObject *id = PyLong_FromSsize_t(PyDict_GET_SIZE(ids));
            int bad = !id || PyDict_SetItem(ids, f, id) < 0;
            Py_XDECREF(id);
            if (bad) return -1;
        }
    }
    PyObject *sets[2] = {intact, heads};
    for (int s = 0; s < 2; s++) {
        PyObject *it = PyObject_GetIter(sets[s]), *f;
        if (!it) return -1;
        int ok = 1;
        while (ok == 1 && (f = PyIter_Next(it))) {
            if (!PyUnicode_CheckExact(f)) ok = 0;
            else if (!PyDict_GetItemWithError(ids, f)) ok = PyErr_Occurred() ? -1 : 0;
            Py_DECREF(f);
        }
        Py_DECREF(it);
        if (ok == 1 && PyErr_Occurred()) ok = -1;
        if (ok != 1) return ok;
    }
    return 1;
}

static int table_build(PyObject *by_skeleton, PyObject *intact, PyObject *orphan_letters, PyObject *heads,
                       double unknown_logp) {
    table_free();
    PyObject *from[4] = {by_skeleton, intact, orphan_letters, heads};
    for (int q = 0; q < 4; q++) {
        Py_INCREF(from[q]);
        ft.from[q] = from[q];
    }
    ft.unknown_logp = unknown_logp;
    ft.ids = PyDict_New();
    if (!ft.ids) goto fail;
    int ok = holdable(by_skeleton, ft.ids, intact, heads);
    if (ok < 0) goto fail;
    if (!ok) {
        Py_CLEAR(ft.ids);
        return 0;
    }
    Py_ssize_t n = PyDict_GET_SIZE(ft.ids), nlonger = 0;
    ft.frags = PyMem_Calloc((size_t)(n ? n : 1), sizeof(Frag));
    if (!ft.frags) {
        PyErr_NoMemory();
        goto fail;
    }
    Py_ssize_t pos = 0;
    PyObject *key, *value;
    while (PyDict_Next(ft.ids, &pos, &key, &value)) {
        if (frag_init(&ft.frags[ft.nfrags], key, by_skeleton, intact, orphan_letters, heads, unknown_logp) < 0)
            goto fail;
        ft.nfrags++;
    }
    pos = 0;
    while (PyDict_Next(by_skeleton, &pos, &key, &value)) nlonger += PyTuple_GET_SIZE(key) > 1;
    size_t size = 8;
    while (size < 2 * (size_t)nlonger) size *= 2;
    ft.longer = PyMem_Calloc(size, sizeof(Longer));
    if (!ft.longer) {
        PyErr_NoMemory();
        goto fail;
    }
    ft.mask = size - 1;
    pos = 0;
    while (PyDict_Next(by_skeleton, &pos, &key, &value)) {
        Py_ssize_t k = PyTuple_GET_SIZE(key), id[3] = {-1, -1, -1};
        if (k < 2) continue;
        int truth = PyObject_IsTrue(value);
        if (truth < 0) goto fail;
        if (!truth) continue; /* index._window_candidates skips an empty list */
        for (Py_ssize_t q = 0; q < k; q++) {
            id[q] = PyLong_AsSsize_t(PyDict_GetItem(ft.ids, PyTuple_GET_ITEM(key, q)));
            if (id[q] < 0) goto fail;
        }
        size_t q = longer_hash(id[0], id[1], id[2]) & ft.mask;
        while (ft.longer[q].group) q = (q + 1) & ft.mask; /* dict keys: each skeleton once */
        ft.longer[q] = (Longer){.a = id[0], .b = id[1], .c = id[2], .group = group_of(k, value)};
        if (!ft.longer[q].group) goto fail;
    }
    if (frag_chars_build(ft.ids, ft.nfrags) < 0) goto fail;
    ft.usable = 1;
    return 0;
fail:
    table_free();
    return -1;
}

/* Whether the table of these index arguments is built (building it when they changed): 1 when it holds
 * every fragment's candidates, 0 when the generic path must run, -1 on error. */
int frag_table(PyObject *by_skeleton, PyObject *intact, PyObject *orphan_letters, PyObject *heads,
               double unknown_logp, Py_ssize_t max_fragments) {
    if (max_fragments > 3) return 0; /* windows longer than the table's skeletons */
    if (ft.from[0] != by_skeleton || ft.from[1] != intact || ft.from[2] != orphan_letters
        || ft.from[3] != heads || ft.unknown_logp != unknown_logp) {
        if (table_build(by_skeleton, intact, orphan_letters, heads, unknown_logp) < 0) return -1;
    }
    return ft.usable;
}

/* The id of the fragment ``f`` (an exact str), -1 when no skeleton holds it, -2 on error */
Py_ssize_t frag_id(PyObject *f) {
    Py_ssize_t id = frag_chars_id(f); /* frag_str's own strs, by address */
    if (id >= 0) return id;
    PyObject *v = PyDict_GetItemWithError(ft.ids, f);
    if (!v) return PyErr_Occurred() ? -2 : -1;
    return PyLong_AsSsize_t(v);
}

/* The candidates at position i of a run of n fragments of ids ``ids`` (ids[i] >= 0), windows of at most
 * max_fragments fragments: index._window_candidates of the window there (a new reference). */
PyObject *frag_candidates(const Py_ssize_t *ids, Py_ssize_t i, Py_ssize_t n, Py_ssize_t max_fragments) {
    const Frag *fr = &ft.frags[ids[i]];
    Py_ssize_t w = n - i < max_fragments ? n - i : max_fragments;
    Longer *two = NULL, *three = NULL;
    if (w > 1 && fr->head && ids[i + 1] >= 0) {
        two = longer_slot(ids[i], ids[i + 1], -1);
        if (w > 2 && ids[i + 2] >= 0) three = longer_slot(ids[i], ids[i + 1], ids[i + 2]);
    }
    Longer *longest = three ? three : two; /* the groups found here follow from it */
    if (!longest) {
        Py_INCREF(fr->alone);
        return fr->alone;
    }
    if (!longest->cands) {
        PyObject *groups = PyList_New((fr->single != NULL) + (two != NULL) + (three != NULL));
        if (!groups) return NULL;
        Py_ssize_t g = 0;
        PyObject *each[3] = {fr->single, two ? two->group : NULL, three ? three->group : NULL};
        for (int q = 0; q < 3; q++) {
            if (!each[q]) continue;
            Py_INCREF(each[q]);
            PyList_SET_ITEM(groups, g++, each[q]);
        }
        longest->cands = untracked(PyTuple_Pack(2, untracked(groups), fr->unknown));
        Py_DECREF(groups);
        if (!longest->cands) return NULL;
    }
    Py_INCREF(longest->cands);
    return longest->cands;
}

/* Whether each fragment of the table (by id) is in ``sole``: flags made once per set (NULL on error) */
const char *frag_sole_flags(PyObject *sole) {
    if (sole_from == sole && sole_flags) return sole_flags;
    char *flags = PyMem_Calloc((size_t)(ft.nfrags ? ft.nfrags : 1), 1);
    if (!flags) {
        PyErr_NoMemory();
        return NULL;
    }
    Py_ssize_t pos = 0;
    PyObject *key, *value;
    while (PyDict_Next(ft.ids, &pos, &key, &value)) {
        int in = PySet_Contains(sole, key);
        if (in < 0) {
            PyMem_Free(flags);
            return NULL;
        }
        flags[PyLong_AsSsize_t(value)] = (char)in;
    }
    PyMem_Free(sole_flags);
    Py_XINCREF(sole);
    Py_XSETREF(sole_from, sole);
    sole_flags = flags;
    return flags;
}
