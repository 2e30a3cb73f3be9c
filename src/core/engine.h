/* engine: the interview state machine. It walks a plan question by question
 * with absolute monotonic deadlines: warnings before each limit, hard or soft
 * overtime, the total budget, pause, skip, repeat, quit, and the follow-ups
 * after an answer (core/follow_up.h). It knows no terminal, clock or file:
 * it is handed a clock, an input source, a view and a sink (tables of
 * functions below), so tests drive whole interviews with a fake clock in
 * microseconds. */
#ifndef REHEARSE_ENGINE_H
#define REHEARSE_ENGINE_H

#include "command.h"
#include "diag.h"
#include "level.h"
#include "plan.h"
#include "scenario.h"
#include "transcript.h"

#include <stddef.h>

#define ENGINE_TICK_S      1.0 /* the countdown is redrawn this often */
#define ENGINE_METER_S     0.1 /* the level meter of a spoken answer this often */
#define ENGINE_AUTOSAVE_S  5.0 /* an answer in progress is saved this often */
#define ENGINE_TIME_STRING 40  /* room for a local ISO 8601 time */
#define ENGINE_NEXT_S      3.0 /* between a timed-out answer and the next question */

struct engine_clock {
    double (*now)(void *ctx); /* monotonic seconds */
    /* Writes the local wall-clock time as ISO 8601 with offset. */
    void (*wall)(void *ctx, char out[ENGINE_TIME_STRING]);
    void *ctx;
};

enum input_kind {
    INPUT_TIMEOUT,   /* the deadline passed */
    INPUT_LINE,      /* a line of text (an answer line or a /command) */
    INPUT_SUBMIT,    /* submit the answer (Ctrl-D on an empty line) */
    INPUT_END,       /* no more input will come (end of a pipe) */
    INPUT_INTERRUPT, /* SIGINT, SIGTERM, SIGHUP, SIGQUIT...: end the session, keep everything */
    INPUT_QUIT,      /* Ctrl-C on a terminal: asks to end the session, as /quit does */
    INPUT_STOP,      /* the process is about to stand still (Ctrl-Z): the next wait stops it */
    INPUT_CONTINUE,  /* the process stood still (stopped, then continued) for stopped_s */
};

struct input_event {
    enum input_kind kind;
    const char *line; /* INPUT_LINE only; valid until the next wait */
    double stopped_s; /* INPUT_CONTINUE only: the clocks are paused for that long */
};

struct engine_input {
    /* Blocks until input arrives or the monotonic clock reaches `deadline`
     * (which may be INFINITY), and describes what happened in *ev. */
    void (*wait)(void *ctx, double deadline, struct input_event *ev);
    /* Can be NULL. The text typed on the current line but not entered yet,
     * or NULL; `take` also clears it from the editor. Kept in the answer when
     * the time runs out or the session is interrupted, and in autosaves. */
    const char *(*partial)(void *ctx, int take);
    /* Can be NULL where there is no terminal. Opens `text` (the answer so
     * far) in the user's editor and blocks until it is closed, the clocks
     * running on; *edited (the caller frees it) gets what was saved, valid
     * UTF-8 without its last line breaks. Returns REH_OK, or an error with
     * err saying why (the editor failed or was not found: nothing changes). */
    int (*edit)(void *ctx, const char *text, char **edited, struct diag *err);
    void *ctx;
};

enum engine_notice {
    NOTICE_WARNING,         /* value: seconds left before the limit */
    NOTICE_TIME_UP,         /* hard overtime: the limit is reached */
    NOTICE_NEXT_SOON,       /* value: seconds before the next question (after a time-out) */
    NOTICE_OVERTIME,        /* soft overtime: the limit is passed, going on */
    NOTICE_BUDGET,          /* value: seconds of budget left (300, 60) */
    NOTICE_BUDGET_OVER,     /* the budget ran out: this is the last question */
    NOTICE_PAUSED,          /* the clocks are frozen; value 1 while recording (p resumes) */
    NOTICE_RESUMED,         /* value: seconds the pause lasted */
    NOTICE_STILL_PAUSED,    /* a line or /retake while paused: refused; value as for PAUSED */
    NOTICE_UNKNOWN_COMMAND, /* text: the command typed */
    NOTICE_HELP,            /* the list of commands was asked for */
    NOTICE_SPOKEN_TYPED,    /* a spoken question is answered typed in this build */
    NOTICE_SAVE_FAILED,     /* text: the error message */
    NOTICE_RECORDING,       /* text: why recording stopped; the answer goes on typed */
    NOTICE_THINK,           /* value: seconds to prepare before the answer clock starts */
    NOTICE_ANSWER_NOW,      /* the think time is over (or was cut short) */
    NOTICE_RETAKE,          /* value: the number of the take that starts */
    NOTICE_NO_RETAKE,       /* value: the takes allowed (max_takes) */
    NOTICE_VOICE,           /* text: why questions are not read aloud */
    NOTICE_STOPPED,         /* value: seconds the process stood still, added to the pauses */
    NOTICE_CONFIRM_QUIT,    /* /quit (value 0) or Ctrl-C (value 1) asks before ending */
    NOTICE_GOING_ON,        /* the question to end was answered by going on */
    NOTICE_GENERATING,      /* the interviewer is writing a follow-up: the session waits */
    NOTICE_GENERATE_FAILED, /* text: why; the authored follow-up is asked (said once) */
    NOTICE_NO_INTERVIEWER,  /* generated follow-ups asked, none configured: authored ones */
    NOTICE_UNTRANSCRIBED,   /* text: why the take just recorded is transcribed later */
    NOTICE_REVEAL,          /* study: the model answer of the question just answered (value 1:
                               Enter goes on, the clocks stopped meanwhile) */
    NOTICE_EDITED,          /* text: the answer taken back from the editor; value 1: the time ran
                               out while editing */
    NOTICE_EDIT_FAILED,     /* text: why the editor failed; the answer is as it was */
    NOTICE_NO_EDIT,         /* /edit refused: value 0 no terminal, 1 a spoken answer */
};

/* The level meter of the recording in progress. */
struct engine_meter {
    struct level level; /* of the last ~50 ms recorded */
    double silence_s;   /* length of the current run of digital silence */
};

/* The clocks as the countdown shows them. */
struct engine_tick {
    double remaining_s;   /* before the limit; negative in soft overtime */
    double budget_left_s; /* of the whole session */
    int paused;
    int asked;                 /* 1 when the user asked for the time (/time) */
    int thinking;              /* remaining_s is the think time left, before the answer clock */
    int recording;             /* a spoken answer is being recorded, with this meter: */
    struct engine_meter meter; /* (at the floor when the recorder has none) */
};

/* What happens to the recording of a spoken answer, take by take. */
enum engine_recording {
    RECORDING_STARTED, /* the single keys of command_keys act from now */
    RECORDING_PAUSED,  /* by /pause, or before the process stands still (Ctrl-Z) */
    RECORDING_RESUMED,
    RECORDING_STOPPED, /* the take ended, or the recording failed; its keys no longer act */
};

struct engine;

struct engine_view {
    void (*intro)(void *ctx, const struct engine *eng);
    /* The current question; `repeat` is 1 for /repeat. */
    void (*question)(void *ctx, const struct engine *eng, int repeat);
    void (*tick)(void *ctx, const struct engine *eng, const struct engine_tick *tick);
    void (*notice)(void *ctx, const struct engine *eng, enum engine_notice notice, double value,
                   const char *text);
    void (*answer_end)(void *ctx, const struct engine *eng, const struct transcript_answer *a);
    void (*summary)(void *ctx, const struct engine *eng);
    /* Can be NULL. The recording of the answer started, paused, resumed or
     * stopped. */
    void (*recording)(void *ctx, const struct engine *eng, enum engine_recording what);
    void *ctx;
};

/* Records spoken answers. Leave `start` NULL where recording is not
 * available: spoken questions are then answered typed. */
struct engine_recorder {
    /* Starts recording answer `a` into a WAV file named after it, filling
     * a->audio.file and sample_rate. Returns REH_OK or an error (nothing is
     * recorded then). */
    int (*start)(void *ctx, struct transcript_answer *a, struct diag *err);
    void (*pause)(void *ctx, int paused);
    /* REH_OK while recording works; an error once the device has failed
     * (the answer then goes on typed). */
    int (*check)(void *ctx, struct diag *err);
    /* REH_OK while the recording reaches its file; an error once a write
     * failed (a full disk): the session then ends, as when a save fails. */
    int (*written)(void *ctx, struct diag *err);
    /* Stops and fills a->audio (frames, duration, losses); what was recorded
     * is kept even when an error is returned. The take is `length_s` long on
     * the answer clock, pauses aside: its recording has that many seconds of
     * frames from its start; a negative length (the take ended on a failure)
     * keeps what came in. */
    int (*stop)(void *ctx, struct transcript_answer *a, double length_s, struct diag *err);
    /* Can be NULL. The meter of the recording in progress, for each tick. */
    struct engine_meter (*meter)(void *ctx);
    /* Can be NULL. After stop: why the take was not transcribed while it was
     * recorded (it is after the interview), or NULL. */
    const char *(*untranscribed)(void *ctx);
    /* Can be NULL. The pronunciations of the transcription's words: a key
     * term is also found where words of its sound were recognised. */
    soundalike_lexicon lexicon;
    void *ctx;
};

/* Reads each question aloud before its answer clock starts. Leave `start`
 * NULL for silence. */
struct engine_voice {
    /* Starts reading text; an error makes the rest of the session silent. */
    int (*start)(void *ctx, const char *text, struct diag *err);
    int (*speaking)(void *ctx); /* 1 until the reading has ended */
    void (*stop)(void *ctx);    /* cuts the reading short */
    void *ctx;
};

/* Writes follow-up questions: a language model the user runs. Leave
 * `follow_up` NULL where there is none: the authored follow-ups are asked. */
struct engine_interviewer {
    /* Writes one short follow-up to answer `a` (typed, or transcribed) of
     * question q (a itself may be a follow-up of q) into *text, which the
     * caller frees. Returns REH_OK, or an error with err saying why (the
     * authored follow-up is asked instead). */
    int (*follow_up)(void *ctx, const struct question *q, const struct transcript_answer *a,
                     char **text, struct diag *err);
    void *ctx;
};

struct engine_sink {
    /* Persists the transcript; returns REH_OK or an error with err set. */
    int (*save)(void *ctx, const struct transcript *t, struct diag *err);
    void *ctx;
};

struct engine {
    /* Set by the caller before engine_run. */
    const struct scenario *sc;
    const struct plan *plan;
    struct transcript *t;
    struct engine_clock clock;
    struct engine_input input;
    struct engine_view view;
    struct engine_sink sink;
    struct engine_recorder recorder;
    struct engine_voice voice;
    struct engine_interviewer interviewer;
    int wait_for_start; /* the intro waits for a line (Enter) before starting */
    int confirm_quit;   /* /quit and Ctrl-C ask once before ending (on a terminal) */
    size_t resume_from; /* the plan item to start with: t holds the answers before it */
    double budget_s;    /* the time the session has; 0: the scenario's budget */
    /* Seconds between an answer that timed out and the next question (its
     * budget runs on; the question's clock starts when it is shown); 0: none. */
    double transition_s;

    /* Kept up to date by engine_run; the view may read them. */
    size_t index;           /* plan item being asked */
    double budget_deadline; /* monotonic end of the budget, moved by pauses */
    size_t not_reached;     /* questions left out when the budget ran out */
    unsigned budget_warned; /* bit i: budget warning i was given */
    int quit_asked;         /* "end the interview?" is waiting for its answer */
    /* The follow-up being asked (under the answer to plan item `index`),
     * or NULL; the most its question may have; whether the interviewer
     * failed (said once). */
    const struct transcript_answer *follow_up;
    unsigned follow_ups_most;
    int interviewer_failed;
    int timed_out; /* the last answer asked timed out: a transition comes first */
};

/* Shows a notice through the view (for the engine's own modules). */
void engine_notice(struct engine *eng, enum engine_notice n, double value, const char *text);

/* Asks answer `a` (of plan item eng->index, or a follow-up of it) and saves
 * it (for the engine's own modules): its prelude, its answer, the view told
 * of its end. Returns REH_OK (*stop set when the session ends with it),
 * REH_EIO when the recording's file or a save failed, or REH_ENOMEM; the
 * answer is ended either way. */
int engine_ask(struct engine *eng, struct transcript_answer *a, int *stop, struct diag *err);

/* Runs the whole interview and returns REH_OK, or the error that ended it
 * at once (err says why): the sink's, REH_EIO when a recording could not be
 * written, REH_ENOMEM when out of memory. The transcript is complete either
 * way: status, end time and every answer asked. */
int engine_run(struct engine *eng, struct diag *err);

#endif
