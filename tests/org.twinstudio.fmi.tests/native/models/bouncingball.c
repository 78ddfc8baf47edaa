/*
 * Bouncing ball (model exchange only): dh/dt = v, dv/dt = -g; event indicator z = h. At an event with h <= 0 and
 * v < 0 the ball bounces: v := -e * v, h := 0. Dropped from h0 at rest it first touches the ground at
 * t1 = sqrt(2 h0 / g) with speed sqrt(2 g h0). Every bounce is logged with its time and speeds (printf format).
 */
#include <math.h>

#define NR 7
#define NI 1
#define NB 0
#define NS 0
#define NX 2
#define NZ 1
#define STATES { 0, 1 }
#define DERIVATIVES { 2, 3 }
#define GUID "{8c4e810f-3df3-4a00-8276-176fa3c9f003}"
enum { H, V, DER_H, DER_V, G, E, HEIGHT };
enum { BOUNCES };

#include "twin_model.h"

static void setDefaults(Model *m) {
    m->r[H] = 1;
    m->r[V] = 0;
    m->r[G] = 9.81;
    m->r[E] = 0.7;
}

static void evaluate(Model *m) {
    m->r[DER_H] = m->r[V];
    m->r[DER_V] = -m->r[G];
    m->r[HEIGHT] = m->r[H];
}

static void eventIndicators(Model *m, double z[]) { z[0] = m->r[H]; }

static void event(Model *m, Events *info) {
    if (m->r[H] <= 0 && m->r[V] < 0) {
        double before = m->r[V];
        m->r[V] = -m->r[E] * before;
        m->r[H] = 0;
        m->i[BOUNCES]++;
        info->valuesOfContinuousStatesChanged = 1;
        LOG(m, S_OK, "logEvents", "bounce %d at t = %.6f s: v = %g -> %g m/s", m->i[BOUNCES], m->time, before,
            m->r[V]);
    }
}

static Status doStep(Model *m, double t, double h) {
    (void) t; (void) h;
    LOG(m, S_ERROR, "error", "the bouncing ball is a model-exchange FMU");
    return S_ERROR;
}
