/* Selects the FMI frame of a test model: FMI 3.0 when compiled with -DTWIN_FMI3, else FMI 2.0. */
#ifdef TWIN_FMI3
#include "twin_model3.h"
#else
#include "twin_model2.h"
#endif
