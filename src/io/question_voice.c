/* question_voice: the question reader of a live session. */
#include "question_voice.h"

#include <stdio.h>

void question_voice_open(struct question_voice *qv)
{
    struct diag err;
    const struct audio_api *api = audio_api_load(&err);
    qv->api = NULL;
    qv->unavailable[0] = '\0';
    if (api == NULL || api->open(&err) != REH_OK) {
        snprintf(qv->unavailable, sizeof qv->unavailable, "%s", err.message);
        return;
    }
    /* An empty reading opens the output as each question will, so that a
     * missing device is found before the interview starts. */
    if (api->say("", &err) != REH_OK) {
        snprintf(qv->unavailable, sizeof qv->unavailable, "%s", err.message);
        api->close();
        return;
    }
    api->stop_saying();
    qv->api = api;
}

void question_voice_close(struct question_voice *qv)
{
    if (qv->api == NULL)
        return;
    qv->api->stop_saying();
    qv->api->close();
    qv->api = NULL;
}

static int say(void *ctx, const char *text, struct diag *err)
{
    struct question_voice *qv = ctx;
    if (qv->api == NULL)
        return diag_set(err, REH_EIO, "%s", qv->unavailable);
    return qv->api->say(text, err);
}

static int speaking(void *ctx)
{
    struct question_voice *qv = ctx;
    return qv->api->speaking();
}

static void stop(void *ctx)
{
    struct question_voice *qv = ctx;
    qv->api->stop_saying();
}

struct engine_voice question_voice_ops(struct question_voice *qv)
{
    return (struct engine_voice){.start = say, .speaking = speaking, .stop = stop, .ctx = qv};
}
