/*
 * A model that breaks its host after a number of steps, for the out-of-process import: doStep logs what it is
 * about to do and then, at step crashAt (counted from 1), dereferences a NULL pointer (mode 1), calls abort()
 * (mode 2) or loops forever (mode 3). Before that, y = t.
 */
#include <stdlib.h>

#define NR 3
#define NI 1
#define NB 0
#define NS 0
#define NX 0
#define NZ 0
#define STATES { 0 }
#define DERIVATIVES { 0 }
#define GUID "{8c4e810f-3df3-4a00-8276-176fa3c9f009}"
enum { CRASH_AT, MODE, Y };
enum { STEPS };

#include "twin_model.h"

/* Volatile so that the compiler cannot see the NULL and replace the store by a trap instruction. */
static int *volatile nowhere = 0;
static volatile unsigned long spins;

static void setDefaults(Model *m) {
    m->r[CRASH_AT] = 3;
    m->r[MODE] = 1;
    m->i[STEPS] = 0;
}
static void evaluate(Model *m) { m->r[Y] = m->time; }
static void eventIndicators(Model *m, double z[]) { (void) m; (void) z; }
static void event(Model *m, Events *info) { (void) m; (void) info; }

static Status doStep(Model *m, double t, double h) {
    m->i[STEPS]++;
    if (m->i[STEPS] >= (int) m->r[CRASH_AT]) {
        int mode = (int) m->r[MODE];
        LOG(m, S_OK, "logAll", "step %d at t = %g s: %s", m->i[STEPS], t,
            mode == 1 ? "writing through a NULL pointer" : mode == 2 ? "calling abort()" : "looping forever");
        if (mode == 1) {
            *nowhere = 42;
        } else if (mode == 2) {
            abort();
        } else {
            for (;;) spins++;
        }
    }
    m->time = t + h;
    evaluate(m);
    return S_OK;
}
