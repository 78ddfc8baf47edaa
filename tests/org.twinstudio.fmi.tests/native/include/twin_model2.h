/*
 * A small FMI 2.0 implementation frame for the test models. A model file defines the sizes and the model
 * functions below, then includes this header, which implements every fmi2 function over a Model struct:
 *
 *   NR, NI, NB, NS          numbers of Real, Integer, Boolean, String variables (value references 0..N-1 per type)
 *   NX, NZ                  numbers of continuous states and event indicators
 *   STATES, DERIVATIVES     value references (Real) of the states and of their derivatives, as initialisers
 *   GUID                    the guid the model description declares
 *   void setDefaults(Model *m)                      start values
 *   void evaluate(Model *m)                         outputs and derivatives from time, states, inputs, parameters
 *   void eventIndicators(Model *m, double z[])      (NZ > 0)
 *   void event(Model *m, Events *events)            discrete update at an event (may reset states)
 *   Status doStep(Model *m, double t, double h)     co-simulation step (may use integrate() below)
 *
 * The same model source builds as FMI 3.0 with twin_model3.h (see twin_model.h).
 */
#ifndef TWIN_MODEL2_H
#define TWIN_MODEL2_H

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "twin_fmi2.h"

typedef fmi2Status Status;
#define S_OK fmi2OK
#define S_ERROR fmi2Error

/* What a model's event function reports. */
typedef struct {
    int valuesOfContinuousStatesChanged;
} Events;

typedef struct Model {
    double r[NR > 0 ? NR : 1];
    int i[NI > 0 ? NI : 1];
    int b[NB > 0 ? NB : 1];
    char *s[NS > 0 ? NS : 1];
    double time;
    fmi2Type type;
    char *instanceName;
    fmi2CallbackFunctions cb;
    int initialized;
    double nextEventTime; /* < 0: none */
} Model;

static const int stateRefs[NX > 0 ? NX : 1] = STATES;
static const int derivativeRefs[NX > 0 ? NX : 1] = DERIVATIVES;

/* A model may define STEP_EVENT(m): whether completedIntegratorStep asks for an event (a step event). */
#ifndef STEP_EVENT
#define STEP_EVENT(m) 0
#endif

static void setDefaults(Model *m);
static void evaluate(Model *m);
static void eventIndicators(Model *m, double z[]);
static void event(Model *m, Events *events);
static Status doStep(Model *m, double t, double h);

#define LOG(m, status, category, ...) (m)->cb.logger((m)->cb.componentEnvironment, (m)->instanceName, status, category, __VA_ARGS__)

static char *copyString(Model *m, const char *s) {
    size_t n = strlen(s) + 1;
    char *c = (char *) m->cb.allocateMemory(n, 1);
    memcpy(c, s, n);
    return c;
}

/* Integrates the states over [t, t+h] with classic Runge-Kutta in n substeps (inputs held). */
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

FMI2_EXPORT const char *fmi2GetTypesPlatform(void) { return "default"; }
FMI2_EXPORT const char *fmi2GetVersion(void) { return "2.0"; }

FMI2_EXPORT fmi2Status fmi2SetDebugLogging(fmi2Component c, fmi2Boolean on, size_t n, const fmi2String cats[]) {
    (void) c; (void) on; (void) n; (void) cats;
    return fmi2OK;
}

FMI2_EXPORT fmi2Component fmi2Instantiate(fmi2String instanceName, fmi2Type fmuType, fmi2String fmuGUID,
                                          fmi2String resources, const fmi2CallbackFunctions *functions,
                                          fmi2Boolean visible, fmi2Boolean loggingOn) {
    (void) visible; (void) loggingOn;
    if (!functions || !functions->allocateMemory || !functions->freeMemory || !functions->logger) return NULL;
    if (!fmuGUID || strcmp(fmuGUID, GUID) != 0) {
        functions->logger(functions->componentEnvironment, instanceName, fmi2Error, "error",
                          "wrong GUID '%s', expected '%s'", fmuGUID ? fmuGUID : "(null)", GUID);
        return NULL;
    }
    if (!resources || strncmp(resources, "file:", 5) != 0) {
        functions->logger(functions->componentEnvironment, instanceName, fmi2Error, "error",
                          "resource location is not a file URI: %s", resources ? resources : "(null)");
        return NULL;
    }
    Model *m = (Model *) functions->allocateMemory(1, sizeof(Model));
    if (!m) return NULL;
    memcpy(&m->cb, functions, sizeof(fmi2CallbackFunctions));
    m->type = fmuType;
    m->instanceName = copyString(m, instanceName ? instanceName : "");
    m->nextEventTime = -1;
    setDefaults(m);
    for (int j = 0; j < NS; j++) if (!m->s[j]) m->s[j] = copyString(m, "");
    return m;
}

FMI2_EXPORT void fmi2FreeInstance(fmi2Component c) {
    Model *m = (Model *) c;
    if (!m) return;
    for (int j = 0; j < NS; j++) m->cb.freeMemory(m->s[j]);
    m->cb.freeMemory(m->instanceName);
    m->cb.freeMemory(m);
}

FMI2_EXPORT fmi2Status fmi2SetupExperiment(fmi2Component c, fmi2Boolean tolDefined, fmi2Real tol, fmi2Real start,
                                           fmi2Boolean stopDefined, fmi2Real stop) {
    (void) tolDefined; (void) tol; (void) stopDefined; (void) stop;
    ((Model *) c)->time = start;
    return fmi2OK;
}

FMI2_EXPORT fmi2Status fmi2EnterInitializationMode(fmi2Component c) { (void) c; return fmi2OK; }

FMI2_EXPORT fmi2Status fmi2ExitInitializationMode(fmi2Component c) {
    Model *m = (Model *) c;
    m->initialized = 1;
    evaluate(m);
    return fmi2OK;
}

FMI2_EXPORT fmi2Status fmi2Terminate(fmi2Component c) { (void) c; return fmi2OK; }
FMI2_EXPORT fmi2Status fmi2Reset(fmi2Component c) {
    Model *m = (Model *) c;
    setDefaults(m);
    m->initialized = 0;
    return fmi2OK;
}

#define CHECK_REFS(m, n, max, what)                                                                        \
    for (size_t k = 0; k < n; k++)                                                                         \
        if (vr[k] >= (unsigned) (max)) {                                                                   \
            LOG(m, fmi2Error, "error", "%s value reference %u out of range", what, vr[k]);                 \
            return fmi2Error;                                                                              \
        }

FMI2_EXPORT fmi2Status fmi2GetReal(fmi2Component c, const fmi2ValueReference vr[], size_t n, fmi2Real v[]) {
    Model *m = (Model *) c;
    CHECK_REFS(m, n, NR, "Real");
    if (m->initialized) evaluate(m);
    for (size_t k = 0; k < n; k++) v[k] = m->r[vr[k]];
    return fmi2OK;
}

FMI2_EXPORT fmi2Status fmi2SetReal(fmi2Component c, const fmi2ValueReference vr[], size_t n, const fmi2Real v[]) {
    Model *m = (Model *) c;
    CHECK_REFS(m, n, NR, "Real");
    for (size_t k = 0; k < n; k++) m->r[vr[k]] = v[k];
    return fmi2OK;
}

FMI2_EXPORT fmi2Status fmi2GetInteger(fmi2Component c, const fmi2ValueReference vr[], size_t n, fmi2Integer v[]) {
    Model *m = (Model *) c;
    CHECK_REFS(m, n, NI, "Integer");
    if (m->initialized) evaluate(m);
    for (size_t k = 0; k < n; k++) v[k] = m->i[vr[k]];
    return fmi2OK;
}

FMI2_EXPORT fmi2Status fmi2SetInteger(fmi2Component c, const fmi2ValueReference vr[], size_t n,
                                      const fmi2Integer v[]) {
    Model *m = (Model *) c;
    CHECK_REFS(m, n, NI, "Integer");
    for (size_t k = 0; k < n; k++) m->i[vr[k]] = v[k];
    return fmi2OK;
}

FMI2_EXPORT fmi2Status fmi2GetBoolean(fmi2Component c, const fmi2ValueReference vr[], size_t n, fmi2Boolean v[]) {
    Model *m = (Model *) c;
    CHECK_REFS(m, n, NB, "Boolean");
    if (m->initialized) evaluate(m);
    for (size_t k = 0; k < n; k++) v[k] = m->b[vr[k]];
    return fmi2OK;
}

FMI2_EXPORT fmi2Status fmi2SetBoolean(fmi2Component c, const fmi2ValueReference vr[], size_t n,
                                      const fmi2Boolean v[]) {
    Model *m = (Model *) c;
    CHECK_REFS(m, n, NB, "Boolean");
    for (size_t k = 0; k < n; k++) m->b[vr[k]] = v[k] != 0;
    return fmi2OK;
}

FMI2_EXPORT fmi2Status fmi2GetString(fmi2Component c, const fmi2ValueReference vr[], size_t n, fmi2String v[]) {
    Model *m = (Model *) c;
    CHECK_REFS(m, n, NS, "String");
    for (size_t k = 0; k < n; k++) v[k] = m->s[vr[k]];
    return fmi2OK;
}

FMI2_EXPORT fmi2Status fmi2SetString(fmi2Component c, const fmi2ValueReference vr[], size_t n,
                                     const fmi2String v[]) {
    Model *m = (Model *) c;
    CHECK_REFS(m, n, NS, "String");
    for (size_t k = 0; k < n; k++) {
        m->cb.freeMemory(m->s[vr[k]]);
        m->s[vr[k]] = copyString(m, v[k] ? v[k] : "");
    }
    return fmi2OK;
}

FMI2_EXPORT fmi2Status fmi2EnterEventMode(fmi2Component c) { (void) c; return fmi2OK; }

FMI2_EXPORT fmi2Status fmi2NewDiscreteStates(fmi2Component c, fmi2EventInfo *info) {
    Model *m = (Model *) c;
    info->newDiscreteStatesNeeded = fmi2False;
    info->terminateSimulation = fmi2False;
    info->nominalsOfContinuousStatesChanged = fmi2False;
    info->valuesOfContinuousStatesChanged = fmi2False;
    info->nextEventTimeDefined = fmi2False;
    info->nextEventTime = 0;
    evaluate(m);
    Events events = { 0 };
    event(m, &events);
    info->valuesOfContinuousStatesChanged = events.valuesOfContinuousStatesChanged;
    if (m->nextEventTime >= 0) {
        info->nextEventTimeDefined = fmi2True;
        info->nextEventTime = m->nextEventTime;
    }
    return fmi2OK;
}

FMI2_EXPORT fmi2Status fmi2EnterContinuousTimeMode(fmi2Component c) { (void) c; return fmi2OK; }

FMI2_EXPORT fmi2Status fmi2CompletedIntegratorStep(fmi2Component c, fmi2Boolean noPrior, fmi2Boolean *enterEventMode,
                                                   fmi2Boolean *terminateSimulation) {
    Model *m = (Model *) c;
    (void) noPrior;
    *enterEventMode = (m->nextEventTime >= 0 && m->time >= m->nextEventTime) || STEP_EVENT(m);
    *terminateSimulation = fmi2False;
    return fmi2OK;
}

FMI2_EXPORT fmi2Status fmi2SetTime(fmi2Component c, fmi2Real time) {
    ((Model *) c)->time = time;
    return fmi2OK;
}

FMI2_EXPORT fmi2Status fmi2SetContinuousStates(fmi2Component c, const fmi2Real x[], size_t nx) {
    Model *m = (Model *) c;
    if (nx != NX) {
        LOG(m, fmi2Error, "error", "fmi2SetContinuousStates: %zu states given, the model has %d", nx, NX);
        return fmi2Error;
    }
    for (size_t j = 0; j < nx; j++) m->r[stateRefs[j]] = x[j];
    return fmi2OK;
}

FMI2_EXPORT fmi2Status fmi2GetContinuousStates(fmi2Component c, fmi2Real x[], size_t nx) {
    Model *m = (Model *) c;
    if (nx != NX) return fmi2Error;
    for (size_t j = 0; j < nx; j++) x[j] = m->r[stateRefs[j]];
    return fmi2OK;
}

FMI2_EXPORT fmi2Status fmi2GetDerivatives(fmi2Component c, fmi2Real dx[], size_t nx) {
    Model *m = (Model *) c;
    if (nx != NX) return fmi2Error;
    evaluate(m);
    for (size_t j = 0; j < nx; j++) dx[j] = m->r[derivativeRefs[j]];
    return fmi2OK;
}

FMI2_EXPORT fmi2Status fmi2GetEventIndicators(fmi2Component c, fmi2Real z[], size_t nz) {
    Model *m = (Model *) c;
    if (nz != NZ) return fmi2Error;
    evaluate(m);
    eventIndicators(m, z);
    return fmi2OK;
}

FMI2_EXPORT fmi2Status fmi2GetNominalsOfContinuousStates(fmi2Component c, fmi2Real nominals[], size_t nx) {
    (void) c;
    for (size_t j = 0; j < nx; j++) nominals[j] = 1;
    return fmi2OK;
}

FMI2_EXPORT fmi2Status fmi2DoStep(fmi2Component c, fmi2Real t, fmi2Real h, fmi2Boolean noPrior) {
    Model *m = (Model *) c;
    (void) noPrior;
    if (h <= 0) {
        LOG(m, fmi2Error, "error", "fmi2DoStep: step size %g is not positive", h);
        return fmi2Error;
    }
    return doStep(m, t, h);
}

FMI2_EXPORT fmi2Status fmi2CancelStep(fmi2Component c) { (void) c; return fmi2Error; }

#endif
