/*
 * Damped spring-mass oscillator, a costlier doStep for overhead measurements:
 *   dx/dt = v,  m dv/dt = F - c v - k x,  y = x
 * Co-simulation integrates each communication step with `substeps` classic Runge-Kutta 4 substeps (F held), so the
 * cost of one doStep grows linearly with `substeps` (about 40 floating-point operations each). From rest with a
 * force step F and zeta = c / (2 sqrt(k m)) < 1:
 *   x(t) = F/k (1 - e^(-zeta w0 t) (cos(wd t) + zeta / sqrt(1 - zeta^2) sin(wd t))),  w0 = sqrt(k/m),
 *   wd = w0 sqrt(1 - zeta^2).
 */
#define NR 9
#define NI 1
#define NB 0
#define NS 0
#define NX 2
#define NZ 0
#define STATES { 2, 3 }
#define DERIVATIVES { 4, 5 }
#define GUID "{8c4e810f-3df3-4a00-8276-176fa3c9f007}"
enum { F, Y, X, V, DER_X, DER_V, MASS, DAMPING, STIFFNESS };
enum { SUBSTEPS };

#include "twin_model.h"

static void setDefaults(Model *m) {
    m->r[F] = 0;
    m->r[X] = 0;
    m->r[V] = 0;
    m->r[MASS] = 1;
    m->r[DAMPING] = 2;
    m->r[STIFFNESS] = 100;
    m->i[SUBSTEPS] = 100;
}

static double acceleration(const Model *m, double x, double v) {
    return (m->r[F] - m->r[DAMPING] * v - m->r[STIFFNESS] * x) / m->r[MASS];
}

static void evaluate(Model *m) {
    m->r[Y] = m->r[X];
    m->r[DER_X] = m->r[V];
    m->r[DER_V] = acceleration(m, m->r[X], m->r[V]);
}

static void eventIndicators(Model *m, double z[]) { (void) m; (void) z; }
static void event(Model *m, Events *info) { (void) m; (void) info; }

static Status doStep(Model *m, double t, double h) {
    int n = m->i[SUBSTEPS] > 0 ? m->i[SUBSTEPS] : 1;
    double dt = h / n;
    double x = m->r[X];
    double v = m->r[V];
    for (int s = 0; s < n; s++) {
        double k1x = v, k1v = acceleration(m, x, v);
        double k2x = v + dt / 2 * k1v, k2v = acceleration(m, x + dt / 2 * k1x, v + dt / 2 * k1v);
        double k3x = v + dt / 2 * k2v, k3v = acceleration(m, x + dt / 2 * k2x, v + dt / 2 * k2v);
        double k4x = v + dt * k3v, k4v = acceleration(m, x + dt * k3x, v + dt * k3v);
        x += dt / 6 * (k1x + 2 * k2x + 2 * k3x + k4x);
        v += dt / 6 * (k1v + 2 * k2v + 2 * k3v + k4v);
    }
    m->r[X] = x;
    m->r[V] = v;
    m->time = t + h;
    evaluate(m);
    return S_OK;
}
