/*
 * Step events (model exchange, FMI 2.0): after each completed integrator step at or past the next sampling instant
 * (count + 1) * period the FMU asks for event mode in fmi2CompletedIntegratorStep, without announcing the instant as
 * a time event and without an event indicator. At the event: count += 1, sample := t. So with a master step h the
 * samples are taken at the end of the first step reaching each instant.
 */
#define NR 2
#define NI 1
#define NB 0
#define NS 0
#define NX 0
#define NZ 0
#define STATES { 0 }
#define DERIVATIVES { 0 }
#define GUID "{8c4e810f-3df3-4a00-8276-176fa3c9f008}"
enum { PERIOD, SAMPLE };
enum { COUNT };
#define STEP_EVENT(m) ((m)->initialized && (m)->time >= ((m)->i[COUNT] + 1) * (m)->r[PERIOD])

#include "twin_model.h"

static void setDefaults(Model *m) {
    m->r[PERIOD] = 0.25;
    m->r[SAMPLE] = 0;
    m->i[COUNT] = 0;
}

static void evaluate(Model *m) { (void) m; }

static void eventIndicators(Model *m, double z[]) { (void) m; (void) z; }

static void event(Model *m, Events *info) {
    (void) info;
    if (m->initialized && m->time >= (m->i[COUNT] + 1) * m->r[PERIOD]) {
        m->i[COUNT]++;
        m->r[SAMPLE] = m->time;
    }
}

static Status doStep(Model *m, double t, double h) {
    (void) t; (void) h;
    LOG(m, S_ERROR, "error", "the sampler is a model-exchange FMU");
    return S_ERROR;
}
