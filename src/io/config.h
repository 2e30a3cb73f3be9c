/* config: the user's settings, $XDG_CONFIG_HOME/rehearse/config.yaml:
 *
 *   transcriber: [whisper-cli, --model, base.en]   # argv; the WAV path is appended
 *   interviewer:                     # a local model for follow-ups and rubrics
 *     url: http://127.0.0.1:11434/v1 # an OpenAI-compatible endpoint (required)
 *     model: llama3.1:8b             # required
 *     timeout: 10s                   # each request, 1s to 5m
 *     allow_remote: false            # true: a host beyond this machine may be named
 *     rubric: true                   # grade each answer after a session
 *     rubric_in_schedule: false      # true: the rubric grades the review schedule
 *
 * A missing file means the defaults: no transcriber, no interviewer. */
#ifndef REHEARSE_CONFIG_H
#define REHEARSE_CONFIG_H

#include "../core/arena.h"
#include "../core/diag.h"

#include <stddef.h>

#define CONFIG_TIMEOUT_DEFAULT_S 10
#define CONFIG_TIMEOUT_MAX_S     300

/* The interviewer's settings; interviewer_open (io/interviewer.h) checks the
 * url and says where it is written. */
struct config_interviewer {
    const char *url, *model;
    unsigned timeout_ms; /* of each request */
    int allow_remote;    /* a host that is not loopback may be named */
    int rubric;          /* ask for a rubric of each answer after a session */
    int rubric_in_schedule;
    const char *file; /* config.yaml's path, and where the url is in it */
    size_t line, column;
};

struct config {
    struct arena arena;
    const char **transcriber; /* NULL-terminated argv, or NULL for pocketsphinx */
    size_t n_transcriber;
    const struct config_interviewer *interviewer; /* NULL when not set */
};

/* Loads the settings. Returns REH_OK (also when there is no file), or
 * REH_EDATA with FILE:LINE:COL for an invalid one. Release with
 * config_free either way. */
int config_load(struct config *cfg, struct diag *err);

void config_free(struct config *cfg);

#endif
