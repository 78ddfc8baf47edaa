/*
 * Static gain with bookkeeping: y = k * u; positive = (u > 0); steps counts the doStep calls; label is a string
 * parameter echoed back. No states.
 */
#define NR 3
#define NI 1
#define NB 1
#define NS 1
#define NX 0
#define NZ 0
#define STATES { 0 }
#define DERIVATIVES { 0 }
#define GUID "{8c4e810f-3df3-4a00-8276-176fa3c9f002}"
enum { U, K, Y };
enum { STEPS };
enum { POSITIVE };
enum { LABEL };

#include "twin_model.h"

static void setDefaults(Model *m) {
    m->r[U] = 0;
    m->r[K] = 2;
    m->i[STEPS] = 0;
    m->s[LABEL] = copyString(m, "gain");
}

static void evaluate(Model *m) {
    m->r[Y] = m->r[K] * m->r[U];
    m->b[POSITIVE] = m->r[U] > 0;
}

static void eventIndicators(Model *m, double z[]) { (void) m; (void) z; }
static void event(Model *m, Events *info) { (void) m; (void) info; }

static Status doStep(Model *m, double t, double h) {
    m->time = t + h;
    m->i[STEPS]++;
    evaluate(m);
    return S_OK;
}
