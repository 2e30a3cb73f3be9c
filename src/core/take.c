/* take: the recorder and the view kept in step for each take. */
#include "take.h"

static void tell(struct engine *eng, enum engine_recording what)
{
    if (eng->view.recording != NULL)
        eng->view.recording(eng->view.ctx, eng, what);
}

int take_start(struct engine *eng, struct transcript_answer *a, int *on, struct diag *err)
{
    struct diag e;
    int rc = REH_OK;
    *on = 0;
    if (a->mode != MODE_SPOKEN)
        return REH_OK;
    if (eng->recorder.start == NULL) {
        engine_notice(eng, NOTICE_SPOKEN_TYPED, 0, NULL);
    } else if ((rc = eng->recorder.start(eng->recorder.ctx, a, &e)) == REH_OK) {
        *on = 1;
        tell(eng, RECORDING_STARTED);
        return REH_OK;
    } else if (rc == REH_ENOMEM) {
        *err = e;
    } else {
        engine_notice(eng, NOTICE_RECORDING, 0, e.message);
        rc = REH_OK;
    }
    a->mode = MODE_TYPED;
    return rc;
}

void take_pause(struct engine *eng, int paused)
{
    eng->recorder.pause(eng->recorder.ctx, paused);
    tell(eng, paused ? RECORDING_PAUSED : RECORDING_RESUMED);
}

/* Stops the recording, keeping whatever was recorded. */
static int end(struct engine *eng, struct transcript_answer *a, int *on, double length_s,
               struct diag *err)
{
    *on = 0;
    int rc = eng->recorder.stop(eng->recorder.ctx, a, length_s, err);
    const char *why =
        eng->recorder.untranscribed ? eng->recorder.untranscribed(eng->recorder.ctx) : NULL;
    tell(eng, RECORDING_STOPPED);
    if (why != NULL)
        engine_notice(eng, NOTICE_UNTRANSCRIBED, 0, why);
    return rc;
}

void take_stop(struct engine *eng, struct transcript_answer *a, int *on, double length_s)
{
    struct diag e;
    if (end(eng, a, on, length_s, &e) != REH_OK)
        engine_notice(eng, NOTICE_RECORDING, 0, e.message);
}

int take_check(struct engine *eng, struct transcript_answer *a, int *on, struct diag *err)
{
    struct diag e;
    if (!*on)
        return REH_OK;
    if (eng->recorder.written(eng->recorder.ctx, err) != REH_OK) {
        end(eng, a, on, -1, &e); /* keeps what was written; err says why */
        return REH_EIO;
    }
    if (eng->recorder.check(eng->recorder.ctx, &e) == REH_OK)
        return REH_OK;
    engine_notice(eng, NOTICE_RECORDING, 0, e.message);
    take_stop(eng, a, on, -1);
    a->mode = MODE_TYPED;
    return REH_OK;
}

struct engine_meter take_meter(const struct engine *eng)
{
    if (eng->recorder.meter != NULL)
        return eng->recorder.meter(eng->recorder.ctx);
    return (struct engine_meter){.level = {LEVEL_FLOOR_DB, LEVEL_FLOOR_DB}};
}
