/* A model whose steps fail after a given time: doStep logs a formatted message and returns fmi2Error. */
#define NR 2
#define NI 0
#define NB 0
#define NS 0
#define NX 0
#define NZ 0
#define STATES { 0 }
#define DERIVATIVES { 0 }
#define GUID "{8c4e810f-3df3-4a00-8276-176fa3c9f005}"
enum { FAIL_AT, Y };

#include "twin_model.h"

static void setDefaults(Model *m) { m->r[FAIL_AT] = 0.5; }
static void evaluate(Model *m) { m->r[Y] = m->time; }
static void eventIndicators(Model *m, double z[]) { (void) m; (void) z; }
static void event(Model *m, Events *info) { (void) m; (void) info; }

static Status doStep(Model *m, double t, double h) {
    if (t + h > m->r[FAIL_AT] + 1e-12) {
        LOG(m, S_ERROR, "logStatusError", "division by zero in block '%s' at t = %g s (step %d)", "divider", t + h,
            42);
        return S_ERROR;
    }
    m->time = t + h;
    evaluate(m);
    return S_OK;
}
