/* interviewer: the question reader of a live session. */
#include "interviewer.h"

#include <stdio.h>

void interviewer_open(struct interviewer *iv)
{
    struct diag err;
    const struct audio_api *api = audio_api_load(&err);
    iv->api = NULL;
    iv->unavailable[0] = '\0';
    if (api != NULL && api->open(&err) == REH_OK)
        iv->api = api;
    else
        snprintf(iv->unavailable, sizeof iv->unavailable, "%s", err.message);
}

void interviewer_close(struct interviewer *iv)
{
    if (iv->api == NULL)
        return;
    iv->api->stop_saying();
    iv->api->close();
    iv->api = NULL;
}

static int say(void *ctx, const char *text, struct diag *err)
{
    struct interviewer *iv = ctx;
    if (iv->api == NULL)
        return diag_set(err, REH_EIO, "%s", iv->unavailable);
    return iv->api->say(text, err);
}

static int speaking(void *ctx)
{
    struct interviewer *iv = ctx;
    return iv->api->speaking();
}

static void stop(void *ctx)
{
    struct interviewer *iv = ctx;
    iv->api->stop_saying();
}

struct session_voice interviewer_voice(struct interviewer *iv)
{
    return (struct session_voice){.start = say, .speaking = speaking, .stop = stop, .ctx = iv};
}
