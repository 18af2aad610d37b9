/* Shared declarations of the compiled restoration core (graph/reading/restore/_beam*.c). */
#ifndef LINEAGE_BEAM_H
#define LINEAGE_BEAM_H

#define PY_SSIZE_T_CLEAN
#include <Python.h>

extern PyObject *str_lower, *str_upper; /* interned method names */

typedef struct {
    PyObject *rows;    /* lm._rows: prev -> {word: logp} */
    PyObject *row_of;  /* lm.row */
    PyObject *logp;    /* lm.logp */
} Model;

typedef struct {
    Model m;
    PyObject *inv_after, *inv_before, *ceiling;
    Py_ssize_t width;
    double insert_logp, margin;
} Ctx;

/* _beam.c: helpers */
PyObject *untracked(PyObject *t);
PyObject *tuple_of(PyObject *items, Py_ssize_t a, Py_ssize_t b);

/* _beam_search.c: the beam search */
int ctx_init(Ctx *c, PyObject *const *args);
PyObject *run_beam(Ctx *c, PyObject *cands, Py_ssize_t start, Py_ssize_t n, PyObject *prev0, PyObject *follow);
PyObject *decode_run(PyObject *self, PyObject *const *args, Py_ssize_t nargs);

/* _beam_runs.c: the candidates of a run, its anchors, its reading piece by piece */
PyObject *candidates(PyObject *self, PyObject *const *args, Py_ssize_t nargs);
PyObject *anchors(PyObject *self, PyObject *const *args, Py_ssize_t nargs);
PyObject *decode_chunked(PyObject *self, PyObject *const *args, Py_ssize_t nargs);

/* _beam_changes.c: the restored words of a reading */
PyObject *changes(PyObject *self, PyObject *const *args, Py_ssize_t nargs);

#endif
