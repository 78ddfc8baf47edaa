/*
 * Time events (model exchange): ticks counts the events at t = period, 2 period, ...; the FMU announces each next
 * one as nextEventTime. phase = t - ticks * period is the time since the last tick (continuous, no state).
 */
#define NR 2
#define NI 1
#define NB 0
#define NS 0
#define NX 0
#define NZ 0
#define STATES { 0 }
#define DERIVATIVES { 0 }
#define GUID "{8c4e810f-3df3-4a00-8276-176fa3c9f006}"
enum { PERIOD, PHASE };
enum { TICKS };

#include "twin_model.h"

static void setDefaults(Model *m) {
    m->r[PERIOD] = 0.25;
    m->i[TICKS] = 0;
    m->nextEventTime = -1; /* announced at the end of initialisation, from the period then set */
}

static void evaluate(Model *m) { m->r[PHASE] = m->time - m->i[TICKS] * m->r[PERIOD]; }

static void eventIndicators(Model *m, double z[]) { (void) m; (void) z; }

static void event(Model *m, Events *info) {
    (void) info;
    if (m->nextEventTime >= 0 && m->time >= m->nextEventTime - 1e-9) {
        m->i[TICKS]++;
    }
    m->nextEventTime = (m->i[TICKS] + 1) * m->r[PERIOD];
}

static Status doStep(Model *m, double t, double h) {
    (void) t; (void) h;
    LOG(m, S_ERROR, "error", "the clock is a model-exchange FMU");
    return S_ERROR;
}
