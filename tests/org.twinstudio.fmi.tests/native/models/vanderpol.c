/*
 * Van der Pol oscillator: dx0/dt = x1, dx1/dt = mu (1 - x0^2) x1 - x0, outputs x0 and x1. Co-simulation
 * integrates with Runge-Kutta 4 in ten substeps per communication step.
 */
#define NR 7
#define NI 0
#define NB 0
#define NS 0
#define NX 2
#define NZ 0
#define STATES { 0, 1 }
#define DERIVATIVES { 2, 3 }
#define GUID "{8c4e810f-3df3-4a00-8276-176fa3c9f004}"
enum { X0, X1, DER_X0, DER_X1, MU, Y0, Y1 };

#include "twin_model.h"

static void setDefaults(Model *m) {
    m->r[X0] = 2;
    m->r[X1] = 0;
    m->r[MU] = 1;
}

static void evaluate(Model *m) {
    m->r[DER_X0] = m->r[X1];
    m->r[DER_X1] = m->r[MU] * (1 - m->r[X0] * m->r[X0]) * m->r[X1] - m->r[X0];
    m->r[Y0] = m->r[X0];
    m->r[Y1] = m->r[X1];
}

static void eventIndicators(Model *m, double z[]) { (void) m; (void) z; }
static void event(Model *m, Events *info) { (void) m; (void) info; }

static Status doStep(Model *m, double t, double h) {
    integrate(m, t, h, 10);
    return S_OK;
}
