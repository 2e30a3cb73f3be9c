/* fuzz_scenario: libFuzzer target for the YAML pre-checks and the scenario
 * and bank loaders. */
#include "core/bank.h"
#include "core/scenario.h"
#include "core/yamldoc.h"

#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct ydoc doc;
    struct diag err;
    struct scenario sc;
    struct bank bank;
    if (ydoc_load_buffer(&doc, "fuzz.yaml", data, size, &err) != REH_OK)
        return 0;
    if (scenario_from_doc(&sc, &doc, &err) == REH_OK)
        scenario_free(&sc);
    if (bank_from_doc(&bank, &doc, &err) == REH_OK) {
        if (scenario_from_doc(&sc, &doc, &err) == REH_OK) {
            scenario_resolve(&sc, &bank, &err);
            scenario_free(&sc);
        }
        bank_free(&bank);
    }
    ydoc_free(&doc);
    return 0;
}
