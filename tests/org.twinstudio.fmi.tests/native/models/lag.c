/*
 * First-order lag: tau * dx/dt = u - x, y = x, x(0) = x0.
 * Co-simulation steps with the exact solution for an input held over the step:
 *   x(t + h) = u + (x(t) - u) * exp(-h / tau)
 * so a unit step from x0 = 0 gives y(t) = 1 - exp(-t / tau) at every communication point.
 */
#include <math.h>

#define NR 5
#define NI 0
#define NB 0
#define NS 0
#define NX 1
#define NZ 0
#define STATES { 2 }
#define DERIVATIVES { 3 }
#define GUID "{8c4e810f-3df3-4a00-8276-176fa3c9f001}"
enum { U, Y, X, DER_X, TAU };

#include "twin_model.h"

static void setDefaults(Model *m) {
    m->r[U] = 0;
    m->r[X] = 0;
    m->r[TAU] = 1;
}

static void evaluate(Model *m) {
    m->r[Y] = m->r[X];
    m->r[DER_X] = (m->r[U] - m->r[X]) / m->r[TAU];
}

static void eventIndicators(Model *m, double z[]) { (void) m; (void) z; }
static void event(Model *m, Events *info) { (void) m; (void) info; }

static Status doStep(Model *m, double t, double h) {
    double u = m->r[U];
    m->r[X] = u + (m->r[X] - u) * exp(-h / m->r[TAU]);
    m->time = t + h;
    evaluate(m);
    return S_OK;
}
