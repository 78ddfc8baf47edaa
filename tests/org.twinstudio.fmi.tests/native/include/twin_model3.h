/*
 * The FMI 3.0 frame for the test models: the same model interface as twin_model2.h (sizes, setDefaults, evaluate,
 * eventIndicators, event, doStep), implemented over the FMI 3.0 functions. Value references are unique across
 * types in FMI 3.0: Float64 variables use 0..NR-1, Int32 100+i, Boolean 200+i, String 300+i. Memory comes from
 * calloc/free (FMI 3.0 has no allocator callbacks); log messages are formatted here (the FMI 3.0 log callback is
 * not variadic). A model may define MODEL_EXTRA, a type added to Model as the field extra, and export more
 * functions (fmi3GetUInt8, ...) itself.
 */
#ifndef TWIN_MODEL3_H
#define TWIN_MODEL3_H

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "twin_fmi3.h"

typedef fmi3Status Status;
#define S_OK fmi3OK
#define S_ERROR fmi3Error

typedef struct {
    int valuesOfContinuousStatesChanged;
} Events;

typedef struct Model {
    double r[NR > 0 ? NR : 1];
    int i[NI > 0 ? NI : 1];
    int b[NB > 0 ? NB : 1];
    char *s[NS > 0 ? NS : 1];
    double time;
    int coSimulation;
    char *instanceName;
    fmi3InstanceEnvironment env;
    fmi3LogMessageCallback logMessage;
    int initialized;
    double nextEventTime; /* < 0: none */
#ifdef MODEL_EXTRA
    MODEL_EXTRA extra; /* a model's own storage, e.g. for the sized types of FMI 3.0 */
#endif
} Model;

static const int stateRefs[NX > 0 ? NX : 1] = STATES;
static const int derivativeRefs[NX > 0 ? NX : 1] = DERIVATIVES;

static void setDefaults(Model *m);
static void evaluate(Model *m);
static void eventIndicators(Model *m, double z[]);
static void event(Model *m, Events *events);
static Status doStep(Model *m, double t, double h);

static void logf3(Model *m, fmi3Status status, const char *category, const char *format, ...) {
    char message[1024];
    va_list args;
    va_start(args, format);
    vsnprintf(message, sizeof message, format, args);
    va_end(args);
    if (m->logMessage) m->logMessage(m->env, status, category, message);
}

#define LOG(m, status, category, ...) logf3(m, status, category, __VA_ARGS__)

static char *copyString(Model *m, const char *s) {
    (void) m;
    size_t n = strlen(s) + 1;
    char *c = (char *) calloc(n, 1);
    memcpy(c, s, n);
    return c;
}

static void integrate(Model *m, double t, double h, int n) {
    double x0[NX > 0 ? NX : 1], k[4][NX > 0 ? NX : 1];
    double dt = h / n;
    for (int step = 0; step < n; step++) {
        double ts = t + step * dt;
        for (int j = 0; j < NX; j++) x0[j] = m->r[stateRefs[j]];
        for (int stage = 0; stage < 4; stage++) {
            double c = stage == 0 ? 0 : stage == 3 ? 1 : 0.5;
            m->time = ts + c * dt;
            for (int j = 0; j < NX; j++) m->r[stateRefs[j]] = x0[j] + (stage == 0 ? 0 : c * dt * k[stage - 1][j]);
            evaluate(m);
            for (int j = 0; j < NX; j++) k[stage][j] = m->r[derivativeRefs[j]];
        }
        for (int j = 0; j < NX; j++)
            m->r[stateRefs[j]] = x0[j] + dt / 6 * (k[0][j] + 2 * k[1][j] + 2 * k[2][j] + k[3][j]);
    }
    m->time = t + h;
    evaluate(m);
}

static Model *instantiate(fmi3String name, fmi3String token, fmi3InstanceEnvironment env, fmi3LogMessageCallback log,
                          int cs) {
    if (!token || strcmp(token, GUID) != 0) {
        if (log) log(env, fmi3Error, "error", "wrong instantiation token");
        return NULL;
    }
    Model *m = (Model *) calloc(1, sizeof(Model));
    m->env = env;
    m->logMessage = log;
    m->coSimulation = cs;
    m->instanceName = copyString(m, name ? name : "");
    m->nextEventTime = -1;
    setDefaults(m);
    for (int j = 0; j < NS; j++) if (!m->s[j]) m->s[j] = copyString(m, "");
    return m;
}

FMI3_EXPORT const char *fmi3GetVersion(void) { return "3.0"; }

FMI3_EXPORT fmi3Status fmi3SetDebugLogging(fmi3Instance c, fmi3Boolean on, size_t n, const fmi3String cats[]) {
    (void) c; (void) on; (void) n; (void) cats;
    return fmi3OK;
}

FMI3_EXPORT fmi3Instance fmi3InstantiateModelExchange(fmi3String name, fmi3String token, fmi3String resources,
                                                      fmi3Boolean visible, fmi3Boolean loggingOn,
                                                      fmi3InstanceEnvironment env, fmi3LogMessageCallback log) {
    (void) resources; (void) visible; (void) loggingOn;
    return instantiate(name, token, env, log, 0);
}

FMI3_EXPORT fmi3Instance fmi3InstantiateCoSimulation(fmi3String name, fmi3String token, fmi3String resources,
                                                     fmi3Boolean visible, fmi3Boolean loggingOn,
                                                     fmi3Boolean eventModeUsed, fmi3Boolean earlyReturnAllowed,
                                                     const fmi3ValueReference required[], size_t nRequired,
                                                     fmi3InstanceEnvironment env, fmi3LogMessageCallback log,
                                                     fmi3IntermediateUpdateCallback update) {
    (void) resources; (void) visible; (void) loggingOn; (void) earlyReturnAllowed; (void) required;
    (void) nRequired; (void) update;
    if (eventModeUsed) {
        if (log) log(env, fmi3Error, "error", "event mode is not supported");
        return NULL;
    }
    return instantiate(name, token, env, log, 1);
}

FMI3_EXPORT void fmi3FreeInstance(fmi3Instance c) {
    Model *m = (Model *) c;
    if (!m) return;
    for (int j = 0; j < NS; j++) free(m->s[j]);
    free(m->instanceName);
    free(m);
}

FMI3_EXPORT fmi3Status fmi3EnterInitializationMode(fmi3Instance c, fmi3Boolean tolDefined, fmi3Float64 tol,
                                                   fmi3Float64 start, fmi3Boolean stopDefined, fmi3Float64 stop) {
    (void) tolDefined; (void) tol; (void) stopDefined; (void) stop;
    ((Model *) c)->time = start;
    return fmi3OK;
}

FMI3_EXPORT fmi3Status fmi3ExitInitializationMode(fmi3Instance c) {
    Model *m = (Model *) c;
    m->initialized = 1;
    evaluate(m);
    return fmi3OK;
}

FMI3_EXPORT fmi3Status fmi3EnterEventMode(fmi3Instance c) { (void) c; return fmi3OK; }
FMI3_EXPORT fmi3Status fmi3Terminate(fmi3Instance c) { (void) c; return fmi3OK; }
FMI3_EXPORT fmi3Status fmi3Reset(fmi3Instance c) {
    setDefaults((Model *) c);
    return fmi3OK;
}

/* Maps a value reference to its slot in the type's array, or -1. */
static int slot(fmi3ValueReference vr, unsigned base, int count) {
    return vr >= base && vr < base + (unsigned) count ? (int) (vr - base) : -1;
}

#define EACH_SLOT(m, base, count, what)                                                                     \
    for (size_t k = 0; k < nvr; k++)                                                                        \
        if (slot(vr[k], base, count) < 0) {                                                                 \
            LOG(m, fmi3Error, "error", "%s: value reference %u is not one", what, vr[k]);                   \
            return fmi3Error;                                                                               \
        }

FMI3_EXPORT fmi3Status fmi3GetFloat64(fmi3Instance c, const fmi3ValueReference vr[], size_t nvr, fmi3Float64 v[],
                                      size_t nv) {
    Model *m = (Model *) c;
    (void) nv;
    EACH_SLOT(m, 0, NR, "Float64");
    if (m->initialized) evaluate(m);
    for (size_t k = 0; k < nvr; k++) v[k] = m->r[vr[k]];
    return fmi3OK;
}

FMI3_EXPORT fmi3Status fmi3SetFloat64(fmi3Instance c, const fmi3ValueReference vr[], size_t nvr,
                                      const fmi3Float64 v[], size_t nv) {
    Model *m = (Model *) c;
    (void) nv;
    EACH_SLOT(m, 0, NR, "Float64");
    for (size_t k = 0; k < nvr; k++) m->r[vr[k]] = v[k];
    return fmi3OK;
}

FMI3_EXPORT fmi3Status fmi3GetInt32(fmi3Instance c, const fmi3ValueReference vr[], size_t nvr, fmi3Int32 v[],
                                    size_t nv) {
    Model *m = (Model *) c;
    (void) nv;
    EACH_SLOT(m, 100, NI, "Int32");
    if (m->initialized) evaluate(m);
    for (size_t k = 0; k < nvr; k++) v[k] = m->i[vr[k] - 100];
    return fmi3OK;
}

FMI3_EXPORT fmi3Status fmi3SetInt32(fmi3Instance c, const fmi3ValueReference vr[], size_t nvr, const fmi3Int32 v[],
                                    size_t nv) {
    Model *m = (Model *) c;
    (void) nv;
    EACH_SLOT(m, 100, NI, "Int32");
    for (size_t k = 0; k < nvr; k++) m->i[vr[k] - 100] = v[k];
    return fmi3OK;
}

FMI3_EXPORT fmi3Status fmi3GetBoolean(fmi3Instance c, const fmi3ValueReference vr[], size_t nvr, fmi3Boolean v[],
                                      size_t nv) {
    Model *m = (Model *) c;
    (void) nv;
    EACH_SLOT(m, 200, NB, "Boolean");
    if (m->initialized) evaluate(m);
    for (size_t k = 0; k < nvr; k++) v[k] = m->b[vr[k] - 200] != 0;
    return fmi3OK;
}

FMI3_EXPORT fmi3Status fmi3SetBoolean(fmi3Instance c, const fmi3ValueReference vr[], size_t nvr,
                                      const fmi3Boolean v[], size_t nv) {
    Model *m = (Model *) c;
    (void) nv;
    EACH_SLOT(m, 200, NB, "Boolean");
    for (size_t k = 0; k < nvr; k++) m->b[vr[k] - 200] = v[k];
    return fmi3OK;
}

FMI3_EXPORT fmi3Status fmi3GetString(fmi3Instance c, const fmi3ValueReference vr[], size_t nvr, fmi3String v[],
                                     size_t nv) {
    Model *m = (Model *) c;
    (void) nv;
    EACH_SLOT(m, 300, NS, "String");
    for (size_t k = 0; k < nvr; k++) v[k] = m->s[vr[k] - 300];
    return fmi3OK;
}

FMI3_EXPORT fmi3Status fmi3SetString(fmi3Instance c, const fmi3ValueReference vr[], size_t nvr,
                                     const fmi3String v[], size_t nv) {
    Model *m = (Model *) c;
    (void) nv;
    EACH_SLOT(m, 300, NS, "String");
    for (size_t k = 0; k < nvr; k++) {
        free(m->s[vr[k] - 300]);
        m->s[vr[k] - 300] = copyString(m, v[k] ? v[k] : "");
    }
    return fmi3OK;
}

FMI3_EXPORT fmi3Status fmi3UpdateDiscreteStates(fmi3Instance c, fmi3Boolean *needUpdate, fmi3Boolean *terminate,
                                                fmi3Boolean *nominalsChanged, fmi3Boolean *valuesChanged,
                                                fmi3Boolean *nextEventTimeDefined, fmi3Float64 *nextEventTime) {
    Model *m = (Model *) c;
    Events events = { 0 };
    evaluate(m);
    event(m, &events);
    *needUpdate = false;
    *terminate = false;
    *nominalsChanged = false;
    *valuesChanged = events.valuesOfContinuousStatesChanged != 0;
    *nextEventTimeDefined = m->nextEventTime >= 0;
    *nextEventTime = m->nextEventTime >= 0 ? m->nextEventTime : 0;
    return fmi3OK;
}

FMI3_EXPORT fmi3Status fmi3EnterContinuousTimeMode(fmi3Instance c) { (void) c; return fmi3OK; }

FMI3_EXPORT fmi3Status fmi3CompletedIntegratorStep(fmi3Instance c, fmi3Boolean noPrior, fmi3Boolean *enterEventMode,
                                                   fmi3Boolean *terminate) {
    Model *m = (Model *) c;
    (void) noPrior;
    *enterEventMode = m->nextEventTime >= 0 && m->time >= m->nextEventTime;
    *terminate = false;
    return fmi3OK;
}

FMI3_EXPORT fmi3Status fmi3SetTime(fmi3Instance c, fmi3Float64 time) {
    ((Model *) c)->time = time;
    return fmi3OK;
}

FMI3_EXPORT fmi3Status fmi3SetContinuousStates(fmi3Instance c, const fmi3Float64 x[], size_t nx) {
    Model *m = (Model *) c;
    if (nx != NX) return fmi3Error;
    for (size_t j = 0; j < nx; j++) m->r[stateRefs[j]] = x[j];
    return fmi3OK;
}

FMI3_EXPORT fmi3Status fmi3GetContinuousStates(fmi3Instance c, fmi3Float64 x[], size_t nx) {
    Model *m = (Model *) c;
    if (nx != NX) return fmi3Error;
    for (size_t j = 0; j < nx; j++) x[j] = m->r[stateRefs[j]];
    return fmi3OK;
}

FMI3_EXPORT fmi3Status fmi3GetContinuousStateDerivatives(fmi3Instance c, fmi3Float64 dx[], size_t nx) {
    Model *m = (Model *) c;
    if (nx != NX) return fmi3Error;
    evaluate(m);
    for (size_t j = 0; j < nx; j++) dx[j] = m->r[derivativeRefs[j]];
    return fmi3OK;
}

FMI3_EXPORT fmi3Status fmi3GetEventIndicators(fmi3Instance c, fmi3Float64 z[], size_t nz) {
    Model *m = (Model *) c;
    if (nz != NZ) return fmi3Error;
    evaluate(m);
    eventIndicators(m, z);
    return fmi3OK;
}

FMI3_EXPORT fmi3Status fmi3EnterStepMode(fmi3Instance c) { (void) c; return fmi3OK; }

FMI3_EXPORT fmi3Status fmi3DoStep(fmi3Instance c, fmi3Float64 t, fmi3Float64 h, fmi3Boolean noPrior,
                                  fmi3Boolean *eventHandlingNeeded, fmi3Boolean *terminate, fmi3Boolean *earlyReturn,
                                  fmi3Float64 *lastSuccessfulTime) {
    Model *m = (Model *) c;
    (void) noPrior;
    *eventHandlingNeeded = false;
    *terminate = false;
    *earlyReturn = false;
    Status s = doStep(m, t, h);
    *lastSuccessfulTime = m->time;
    return s;
}

#endif
