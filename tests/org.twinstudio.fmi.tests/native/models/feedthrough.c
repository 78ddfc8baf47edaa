/*
 * Static gain with bookkeeping, and one input and output of every scalar type: y = k * u; positive = (u > 0);
 * steps counts the doStep calls; label is a string parameter echoed back; iOut = 3 * iIn (Integer / Int32);
 * modeOut = modeIn (Enumeration); bOut = not bIn (Boolean). FMI 3.0 only: f32Out = 2 * f32In (Float32) and, for
 * each of Int8, UInt8, Int16, UInt16, UInt32, Int64, UInt64 and Binary, xOut = xIn. No states.
 */
#define NR 3
#define NI 5
#define NB 3
#define NS 1
#define NX 0
#define NZ 0
#define STATES { 0 }
#define DERIVATIVES { 0 }
#define GUID "{8c4e810f-3df3-4a00-8276-176fa3c9f002}"
enum { U, K, Y };
enum { STEPS, I_IN, I_OUT, MODE_IN, MODE_OUT };
enum { POSITIVE, B_IN, B_OUT };
enum { LABEL };

#ifdef TWIN_FMI3
#include <stdint.h>
#include <stdlib.h>
/* Index 0: the input, 1: the output of each type. */
typedef struct {
    float f32[2];
    int8_t i8[2];
    uint8_t u8[2];
    int16_t i16[2];
    uint16_t u16[2];
    uint32_t u32[2];
    int64_t i64[2];
    uint64_t u64[2];
    int64_t mode[2];
    unsigned char *bin[2];
    size_t binSize[2];
} Extra;
#define MODEL_EXTRA Extra
#endif

#include "twin_model.h"

static void setDefaults(Model *m) {
    m->r[U] = 0;
    m->r[K] = 2;
    m->i[STEPS] = 0;
    m->i[I_IN] = 0;
    m->i[MODE_IN] = 1;
    m->b[B_IN] = 0;
    m->s[LABEL] = copyString(m, "gain");
#ifdef TWIN_FMI3
    m->extra.mode[0] = 1;
#endif
}

static void evaluate(Model *m) {
    m->r[Y] = m->r[K] * m->r[U];
    m->b[POSITIVE] = m->r[U] > 0;
    m->i[I_OUT] = 3 * m->i[I_IN];
    m->i[MODE_OUT] = m->i[MODE_IN];
    m->b[B_OUT] = !m->b[B_IN];
#ifdef TWIN_FMI3
    Extra *x = &m->extra;
    x->f32[1] = 2 * x->f32[0];
    x->i8[1] = x->i8[0];
    x->u8[1] = x->u8[0];
    x->i16[1] = x->i16[0];
    x->u16[1] = x->u16[0];
    x->u32[1] = x->u32[0];
    x->i64[1] = x->i64[0];
    x->u64[1] = x->u64[0];
    x->mode[1] = x->mode[0];
    free(x->bin[1]);
    x->bin[1] = NULL;
    x->binSize[1] = x->binSize[0];
    if (x->binSize[0] > 0) {
        x->bin[1] = (unsigned char *) malloc(x->binSize[0]);
        memcpy(x->bin[1], x->bin[0], x->binSize[0]);
    }
#endif
}

static void eventIndicators(Model *m, double z[]) { (void) m; (void) z; }
static void event(Model *m, Events *info) { (void) m; (void) info; }

static Status doStep(Model *m, double t, double h) {
    m->time = t + h;
    m->i[STEPS]++;
    evaluate(m);
    return S_OK;
}

#ifdef TWIN_FMI3
/* Value references: Float32 400/401, Int8 410/411, UInt8 420/421, Int16 430/431, UInt16 440/441, UInt32 460/461,
 * Int64 470/471, UInt64 480/481, Enumeration (Int64) 490/491, Binary 500/501. */
static int extraSlot(Model *m, fmi3ValueReference vr, unsigned base, const char *type) {
    if (vr == base || vr == base + 1) return (int) (vr - base);
    LOG(m, fmi3Error, "error", "%s: value reference %u is not one", type, vr);
    return -1;
}

#define SIZED(Name, CType, field, base)                                                                         \
    FMI3_EXPORT fmi3Status fmi3Get##Name(fmi3Instance c, const fmi3ValueReference vr[], size_t nvr, CType v[],    \
                                         size_t nv) {                                                          \
        Model *m = (Model *) c;                                                                                \
        (void) nv;                                                                                             \
        if (m->initialized) evaluate(m);                                                                       \
        for (size_t k = 0; k < nvr; k++) {                                                                     \
            int s = extraSlot(m, vr[k], base, #Name);                                                          \
            if (s < 0) return fmi3Error;                                                                       \
            v[k] = m->extra.field[s];                                                                          \
        }                                                                                                      \
        return fmi3OK;                                                                                         \
    }                                                                                                          \
    FMI3_EXPORT fmi3Status fmi3Set##Name(fmi3Instance c, const fmi3ValueReference vr[], size_t nvr,             \
                                         const CType v[], size_t nv) {                                         \
        Model *m = (Model *) c;                                                                                \
        (void) nv;                                                                                             \
        for (size_t k = 0; k < nvr; k++) {                                                                     \
            int s = extraSlot(m, vr[k], base, #Name);                                                          \
            if (s < 0) return fmi3Error;                                                                       \
            m->extra.field[s] = v[k];                                                                          \
        }                                                                                                      \
        return fmi3OK;                                                                                         \
    }

SIZED(Float32, fmi3Float32, f32, 400)
SIZED(Int8, fmi3Int8, i8, 410)
SIZED(UInt8, fmi3UInt8, u8, 420)
SIZED(Int16, fmi3Int16, i16, 430)
SIZED(UInt16, fmi3UInt16, u16, 440)
SIZED(UInt32, fmi3UInt32, u32, 460)
SIZED(UInt64, fmi3UInt64, u64, 480)

/* Int64 holds two variables: i64 (470/471) and the enumeration mode (490/491). */
static int64_t *int64Place(Model *m, fmi3ValueReference vr) {
    if (vr == 470 || vr == 471) return &m->extra.i64[vr - 470];
    if (vr == 490 || vr == 491) return &m->extra.mode[vr - 490];
    LOG(m, fmi3Error, "error", "Int64: value reference %u is not one", vr);
    return NULL;
}

FMI3_EXPORT fmi3Status fmi3GetInt64(fmi3Instance c, const fmi3ValueReference vr[], size_t nvr, fmi3Int64 v[],
                                    size_t nv) {
    Model *m = (Model *) c;
    (void) nv;
    if (m->initialized) evaluate(m);
    for (size_t k = 0; k < nvr; k++) {
        int64_t *p = int64Place(m, vr[k]);
        if (!p) return fmi3Error;
        v[k] = *p;
    }
    return fmi3OK;
}

FMI3_EXPORT fmi3Status fmi3SetInt64(fmi3Instance c, const fmi3ValueReference vr[], size_t nvr, const fmi3Int64 v[],
                                    size_t nv) {
    Model *m = (Model *) c;
    (void) nv;
    for (size_t k = 0; k < nvr; k++) {
        int64_t *p = int64Place(m, vr[k]);
        if (!p) return fmi3Error;
        *p = v[k];
    }
    return fmi3OK;
}

FMI3_EXPORT fmi3Status fmi3GetBinary(fmi3Instance c, const fmi3ValueReference vr[], size_t nvr, size_t sizes[],
                                     fmi3Binary v[], size_t nv) {
    Model *m = (Model *) c;
    (void) nv;
    if (m->initialized) evaluate(m);
    for (size_t k = 0; k < nvr; k++) {
        int s = extraSlot(m, vr[k], 500, "Binary");
        if (s < 0) return fmi3Error;
        sizes[k] = m->extra.binSize[s];
        v[k] = m->extra.bin[s];
    }
    return fmi3OK;
}

FMI3_EXPORT fmi3Status fmi3SetBinary(fmi3Instance c, const fmi3ValueReference vr[], size_t nvr,
                                     const size_t sizes[], const fmi3Binary v[], size_t nv) {
    Model *m = (Model *) c;
    (void) nv;
    for (size_t k = 0; k < nvr; k++) {
        int s = extraSlot(m, vr[k], 500, "Binary");
        if (s < 0) return fmi3Error;
        free(m->extra.bin[s]);
        m->extra.bin[s] = NULL;
        m->extra.binSize[s] = sizes[k];
        if (sizes[k] > 0) {
            m->extra.bin[s] = (unsigned char *) malloc(sizes[k]);
            memcpy(m->extra.bin[s], v[k], sizes[k]);
        }
    }
    return fmi3OK;
}
#endif
