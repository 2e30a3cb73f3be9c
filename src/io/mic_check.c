/* mic_check: the meter's loop over the stream's monitor (audio_api's
 * capture_peek), ten reads a second, and the words of the verdict. */
#include "mic_check.h"
#include "clock.h"
#include "term_view.h"

#include <stdio.h>

#define TICK_S      0.1
#define STALL_S     2.0 /* a check waits this much longer for audio that does not come */
#define KEYS        "sq\033"
#define METER_WIDTH 20
#define YELLOW      "33"
#define BOLD        "1"

struct meter {
    struct level_check heard; /* since the check began */
    struct level last;        /* of the latest block */
    uint64_t first, total;    /* samples that came in, ever: when the check began, now */
};

/* Prints one line through term_view_say. */
#define say(mc, sgr, ...) term_view_say((mc)->term, (sgr), __VA_ARGS__)

/* Takes in what came in since the last read. */
static void meter_read(const struct mic_check *mc, struct meter *m)
{
    int16_t block[4096];
    size_t n = mc->api->capture_peek(mc->cap, block, sizeof block / sizeof block[0], &m->total);
    if (n == 0)
        return;
    m->last = level_measure(block, n);
    level_check_feed(&m->heard, block, n, mc->rate);
}

/* A meter that starts now: what came in before is left out. */
static struct meter meter_start(const struct mic_check *mc)
{
    struct meter m = {.last = {LEVEL_FLOOR_DB, LEVEL_FLOOR_DB}};
    int16_t block[4096];
    mc->api->capture_peek(mc->cap, block, sizeof block / sizeof block[0], &m.first);
    m.total = m.first;
    return m;
}

/* The meter as text: the bar of the RMS level and the peak in dB. */
static void meter_text(const struct meter *m, char *out, size_t size)
{
    char bar[METER_WIDTH + 1];
    level_bar(m->last.rms_db, bar, METER_WIDTH);
    snprintf(out, size, "mic %s %4.0f dB", bar, m->last.peak_db);
}

/* On a terminal, the meter in the prompt, with the key that ends it. */
static void meter_show(const struct mic_check *mc, const struct meter *m, const char *keys)
{
    char text[64], prompt[96];
    meter_text(m, text, sizeof text);
    snprintf(prompt, sizeof prompt, "[%s] %s > ", text, keys);
    terminal_set_prompt(mc->term, prompt);
}

/* Waits until `deadline` for a key (a line through a pipe). Returns 1 when
 * one came, or the input ended or was interrupted. */
static int key_until(const struct mic_check *mc, double deadline)
{
    struct engine_input in = terminal_input(mc->term);
    struct input_event ev = {0};
    in.wait(in.ctx, deadline, &ev);
    return ev.kind != INPUT_TIMEOUT && ev.kind != INPUT_STOP && ev.kind != INPUT_CONTINUE;
}

/* What the check heard, said plainly; a warning says what to do. */
static void say_verdict(const struct mic_check *mc, const struct meter *m)
{
    const struct level_check *h = &m->heard;
    const char *device = mc->api->capture_device(mc->cap);
    switch (level_check_verdict(h)) {
    case LEVEL_HEARD:
        say(mc, NULL, "Microphone OK: it hears you (peak %.0f dB).", h->peak_db);
        break;
    case LEVEL_SILENT:
        say(mc, YELLOW,
            "Warning: nothing comes in from %s. Is it muted, or the wrong input? "
            "`rehearse devices` lists the inputs; --device picks one.",
            device);
        break;
    case LEVEL_FAINT:
        say(mc, YELLOW,
            "Warning: only a faint signal comes in from %s (peak %.0f dB): speak up, move "
            "closer, or raise its input level.",
            device, h->peak_db);
        break;
    case LEVEL_CLIPPING:
        say(mc, YELLOW,
            "Warning: the level clips (%.1f%% of the samples at full scale): lower the input "
            "level, or move back from the microphone.",
            100.0 * (double)h->clipped / (double)h->samples);
        break;
    }
}

/* Ends the meter on a terminal: no keys bound, nothing left typed, the
 * prompt as it was. */
static void meter_end(const struct mic_check *mc)
{
    struct engine_input in = terminal_input(mc->term);
    terminal_single_keys(mc->term, NULL);
    in.partial(in.ctx, 1);
    terminal_set_prompt(mc->term, "> ");
}

int mic_check_before(const struct mic_check *mc, double seconds)
{
    int skipped = 0;
    say(mc, BOLD, "Microphone check on %s: say something. s skips.",
        mc->api->capture_device(mc->cap));
    terminal_single_keys(mc->term, KEYS);
    struct meter m = meter_start(mc);
    double end = clock_monotonic() + seconds + STALL_S;
    for (double t = clock_monotonic();
         t < end && (double)(m.total - m.first) < seconds * mc->rate && !skipped;
         t = clock_monotonic()) {
        meter_show(mc, &m, "s skips");
        skipped = key_until(mc, t + TICK_S);
        meter_read(mc, &m);
    }
    meter_end(mc);
    if (terminal_signal(mc->term) != 0)
        return 1; /* the interview ends at once, and says so */
    if (skipped)
        say(mc, NULL, "Microphone check skipped.");
    else
        say_verdict(mc, &m);
    return skipped;
}

void mic_check_until_key(const struct mic_check *mc)
{
    int tty = terminal_interactive(mc->term);
    say(mc, BOLD, "Listening to %s: say something. %s", mc->api->capture_device(mc->cap),
        tty ? "q stops." : "A line or the end of input stops.");
    if (tty)
        terminal_single_keys(mc->term, KEYS);
    struct meter m = meter_start(mc);
    char text[64];
    for (unsigned tick = 1;; tick++) {
        if (tty)
            meter_show(mc, &m, "q stops");
        if (key_until(mc, clock_monotonic() + TICK_S))
            break;
        meter_read(mc, &m);
        if (!tty && tick % 10 == 0) {
            meter_text(&m, text, sizeof text);
            say(mc, NULL, "%s", text);
        }
    }
    if (tty)
        meter_end(mc);
    say_verdict(mc, &m);
}
