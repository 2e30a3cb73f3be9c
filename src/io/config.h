/* config: the user's settings, $XDG_CONFIG_HOME/rehearse/config.yaml:
 *
 *   transcriber: [whisper-cli, --model, base.en]   # argv; the WAV path is appended
 *
 * A missing file means the defaults. */
#ifndef REHEARSE_CONFIG_H
#define REHEARSE_CONFIG_H

#include "../core/arena.h"
#include "../core/diag.h"

#include <stddef.h>

struct config {
    struct arena arena;
    const char **transcriber; /* NULL-terminated argv, or NULL for pocketsphinx */
    size_t n_transcriber;
};

/* Loads the settings. Returns REH_OK (also when there is no file), or
 * REH_EDATA with FILE:LINE:COL for an invalid one. Release with
 * config_free either way. */
int config_load(struct config *cfg, struct diag *err);

void config_free(struct config *cfg);

#endif
