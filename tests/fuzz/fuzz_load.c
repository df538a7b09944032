/* fuzz_load.c - libFuzzer harness of the loader (`make fuzz`): any bytes
 * given to pp_model_load_memory are loaded or refused with diagnostics,
 * never a crash, a leak or undefined behaviour. The fixtures are its seed
 * corpus (.ci/run). */
#include "core/model.h"

#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* One input: load it with and without the blank-appraisal flag. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    pp_diags d = {0};
    pp_model *m = pp_model_load_memory((const char *)data, size, "fuzz.xml",
                                       &d);
    pp_model_free(m);
    pp_diags_free(&d);
    m = pp_model_load_memory_flags((const char *)data, size, "fuzz.xml",
                                   PP_LOAD_BLANK, &d);
    pp_model_free(m);
    pp_diags_free(&d);
    return 0;
}
