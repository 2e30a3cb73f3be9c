/* fuzz_duration: libFuzzer target for the duration parser and formatters. */
#include "core/diag.h"
#include "core/duration.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char text[64], out[32];
    unsigned seconds;
    const char *why;
    if (size >= sizeof text)
        return 0;
    memcpy(text, data, size);
    text[size] = '\0';
    if (duration_parse(text, &seconds, &why) == REH_OK) {
        unsigned again;
        /* what is formatted parses back to the same value */
        if (duration_parse(duration_format(seconds, out, sizeof out), &again, &why) != REH_OK ||
            again != seconds)
            abort();
        duration_clock(seconds, out, sizeof out);
    }
    return 0;
}
