/* fuzz_text: libFuzzer target for the UTF-8 repair, the terminal form and
 * the Markdown form of text, checking what each promises of its output. */
#include "core/text.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Whether s holds a control character text_is_control names, or is not
 * valid UTF-8. */
static int shows_raw(const char *s)
{
    size_t len = strlen(s);
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        i += text_utf8_next(s + i, len - i, &cp);
        if (cp == TEXT_INVALID || text_is_control(cp))
            return 1;
    }
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *in = (const char *)data;
    char *valid = text_valid_utf8(in, size);
    if (valid == NULL)
        return 0;
    /* the repair is valid, and leaves valid text as it was */
    if (!text_utf8_valid(valid, strlen(valid)) ||
        (text_utf8_valid(in, size) && (strlen(valid) != size || memcmp(valid, in, size) != 0)))
        abort();
    char *shown = text_for_terminal(valid), *line = text_markdown_line(in, size);
    /* nothing raw reaches a terminal or a Markdown line, which stays one line
     * and never starts with a block marker */
    if (shown != NULL && shows_raw(shown))
        abort();
    if (line != NULL && (shows_raw(line) || strchr(line, '\n') != NULL ||
                         (line[0] != '\0' && strchr("#>+-=~`*_<|[", line[0]) != NULL)))
        abort();
    free(shown);
    free(line);
    free(valid);
    return 0;
}
