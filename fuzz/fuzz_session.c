/* fuzz_session: libFuzzer target for reading session.json back into the
 * transcript model, and writing it out again. */
#include "core/transcript_md.h"
#include "io/session_codec.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct transcript t;
    struct diag err;
    if (session_codec_decode((const char *)data, size, "session.json", &t, &err) == REH_OK) {
        json_t *again = NULL;
        session_codec_encode(&t, &again, &err);
        char *md = transcript_markdown(&t);
        json_decref(again);
        free(md);
    }
    transcript_free(&t);
    return 0;
}
