/*
 * Drives an FMI 2.0 co-simulation library directly from C, for measuring the importer's overhead against a
 * native baseline:
 *
 *   fmu-driver LIBRARY GUID STEPS STEP_SIZE [RESOURCE_URI [VR=VALUE | iVR=VALUE ...]]
 *
 * loads LIBRARY (an unpacked FMU's binaries/<platform>/<id>.so) with dlopen, instantiates it, initialises it
 * (setting each Real value reference VR, or Integer value reference iVR, to VALUE in initialisation mode),
 * calls fmi2DoStep STEPS times with STEP_SIZE and prints the wall time (total and per step), the process CPU time
 * of the loop and the value of Real value reference 1 at the end:
 *
 *   1000000 steps in 0.008012 s (8.0 ns per doStep, CPU 0.008001 s); value reference 1 = 1
 */
#define _POSIX_C_SOURCE 199309L
#include <dlfcn.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "twin_fmi2.h"

static void logger(fmi2ComponentEnvironment env, fmi2String name, fmi2Status status, fmi2String category,
                   fmi2String message, ...) {
    (void) env;
    va_list args;
    va_start(args, message);
    fprintf(stderr, "%s [%s, status %d]: ", name, category, (int) status);
    vfprintf(stderr, message, args);
    fputc('\n', stderr);
    va_end(args);
}

static void *symbol(void *lib, const char *name) {
    void *f = dlsym(lib, name);
    if (!f) {
        fprintf(stderr, "fmu-driver: the library does not export %s\n", name);
        exit(2);
    }
    return f;
}

static double seconds(clockid_t clock) {
    struct timespec ts;
    clock_gettime(clock, &ts);
    return ts.tv_sec + ts.tv_nsec * 1e-9;
}

int main(int argc, char **argv) {
    if (argc < 5) {
        fprintf(stderr, "usage: fmu-driver LIBRARY GUID STEPS STEP_SIZE [RESOURCE_URI [VR=VALUE | iVR=VALUE ...]]\n");
        return 2;
    }
    const char *guid = argv[2];
    long steps = atol(argv[3]);
    double h = atof(argv[4]);
    const char *resources = argc > 5 ? argv[5] : "file:///tmp/";
    void *lib = dlopen(argv[1], RTLD_NOW | RTLD_LOCAL);
    if (!lib) {
        fprintf(stderr, "fmu-driver: %s\n", dlerror());
        return 2;
    }
    fmi2InstantiateTYPE *instantiate = (fmi2InstantiateTYPE *) symbol(lib, "fmi2Instantiate");
    fmi2SetupExperimentTYPE *setup = (fmi2SetupExperimentTYPE *) symbol(lib, "fmi2SetupExperiment");
    fmi2ComponentFunctionTYPE *enterInit = (fmi2ComponentFunctionTYPE *) symbol(lib, "fmi2EnterInitializationMode");
    fmi2ComponentFunctionTYPE *exitInit = (fmi2ComponentFunctionTYPE *) symbol(lib, "fmi2ExitInitializationMode");
    fmi2DoStepTYPE *doStep = (fmi2DoStepTYPE *) symbol(lib, "fmi2DoStep");
    fmi2GetRealTYPE *getReal = (fmi2GetRealTYPE *) symbol(lib, "fmi2GetReal");
    fmi2SetRealTYPE *setReal = (fmi2SetRealTYPE *) symbol(lib, "fmi2SetReal");
    fmi2SetIntegerTYPE *setInteger = (fmi2SetIntegerTYPE *) symbol(lib, "fmi2SetInteger");
    fmi2ComponentFunctionTYPE *terminate = (fmi2ComponentFunctionTYPE *) symbol(lib, "fmi2Terminate");
    fmi2FreeInstanceTYPE *freeInstance = (fmi2FreeInstanceTYPE *) symbol(lib, "fmi2FreeInstance");

    fmi2CallbackFunctions callbacks = { logger, calloc, free, NULL, NULL };
    fmi2Component c = instantiate("driver", fmi2CoSimulation, guid, resources, &callbacks, fmi2False, fmi2False);
    if (!c) {
        fprintf(stderr, "fmu-driver: fmi2Instantiate failed\n");
        return 1;
    }
    int setFailed = 0;
    if (setup(c, fmi2False, 0, 0, fmi2False, 0) <= fmi2Warning && enterInit(c) <= fmi2Warning) {
        for (int a = 6; a < argc; a++) {
            char *end;
            int integer = argv[a][0] == 'i';
            fmi2ValueReference ref = (fmi2ValueReference) strtoul(argv[a] + integer, &end, 10);
            fmi2Real value = *end == '=' ? strtod(end + 1, NULL) : 0;
            fmi2Integer whole = (fmi2Integer) value;
            if (*end != '=' || (integer ? setInteger(c, &ref, 1, &whole) : setReal(c, &ref, 1, &value)) > fmi2Warning) {
                fprintf(stderr, "fmu-driver: cannot set '%s' (VR=VALUE)\n", argv[a]);
                setFailed = 1;
            }
        }
    } else {
        setFailed = 1;
    }
    if (setFailed || exitInit(c) > fmi2Warning) {
        fprintf(stderr, "fmu-driver: initialisation failed\n");
        freeInstance(c);
        return 1;
    }
    double start = seconds(CLOCK_MONOTONIC);
    double cpuStart = seconds(CLOCK_PROCESS_CPUTIME_ID);
    for (long k = 0; k < steps; k++) {
        if (doStep(c, k * h, h, fmi2True) > fmi2Warning) {
            fprintf(stderr, "fmu-driver: fmi2DoStep failed at step %ld\n", k);
            freeInstance(c);
            return 1;
        }
    }
    double elapsed = seconds(CLOCK_MONOTONIC) - start;
    double cpu = seconds(CLOCK_PROCESS_CPUTIME_ID) - cpuStart;
    fmi2ValueReference vr = 1;
    fmi2Real y = 0;
    getReal(c, &vr, 1, &y);
    terminate(c);
    freeInstance(c);
    dlclose(lib);
    printf("%ld steps in %.6f s (%.1f ns per doStep, CPU %.6f s); value reference 1 = %.12g\n", steps, elapsed,
           steps > 0 ? elapsed / steps * 1e9 : 0.0, cpu, y);
    return 0;
}
