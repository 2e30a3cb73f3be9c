/* transcript_md: the Markdown rendering of a transcript (transcript.md and
 * `rehearse show`), every text from outside escaped so that it cannot change
 * the document's structure. */
#include "transcript_md.h"
#include "duration.h"
#include "strbuf.h"
#include "text.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The document and the escaped texts of the strbuf_printf() being written. */
struct buffer {
    struct strbuf out;
    char *escaped[4]; /* the last texts esc() returned */
    unsigned next;
};

/* Keeps the new string s for one strbuf_printf() (until four more calls); "" and a
 * failed buffer when s is NULL. */
static const char *keep(struct buffer *b, char *s)
{
    char **slot = &b->escaped[b->next++ % 4];
    free(*slot);
    *slot = s;
    if (s == NULL)
        b->out.failed = 1;
    return s != NULL ? s : "";
}

/* `s` as one line of Markdown text (text_markdown_line): nothing from
 * outside changes the document's structure. */
static const char *esc(struct buffer *b, const char *s)
{
    return keep(b, text_markdown_line(s, strlen(s)));
}

/* A file name as a link destination: every byte but letters, digits, '.',
 * '_' and '-' percent-encoded, so that no name ends the link early. */
static const char *link_to(struct buffer *b, const char *file)
{
    char *out = malloc(strlen(file) * 3 + 1), *o = out;
    for (const char *s = file; out != NULL && *s != '\0'; s++) {
        if (isalnum((unsigned char)*s) || strchr("._-", *s) != NULL)
            *o++ = *s;
        else
            o += sprintf(o, "%%%02X", (unsigned char)*s);
    }
    if (out != NULL)
        *o = '\0';
    return keep(b, out);
}

/* Each line of `text` behind `prefix`, escaped as esc() does. With
 * `answer`, the lines keep their breaks (two trailing spaces before a
 * following line), so an answer reads as typed. */
static void put_lines(struct buffer *b, const char *prefix, const char *text, int answer)
{
    while (*text != '\0') {
        size_t n = strcspn(text, "\n");
        int more = text[n] == '\n' && text[n + 1] != '\0' && text[n + 1] != '\n' && n > 0;
        char *line = text_markdown_line(text, n);
        if (line == NULL)
            b->out.failed = 1;
        else
            strbuf_printf(&b->out, "%s%s%s\n", prefix, line, answer && more ? "  " : "");
        free(line);
        text += n + (text[n] == '\n');
    }
}

static void put_recording(struct buffer *b, const char *label, const struct transcript_audio *audio)
{
    char len[16];
    strbuf_printf(&b->out, "\n%s: [%s](%s), %s%s\n", label, esc(b, audio->file),
                  link_to(b, audio->file), duration_clock(audio->duration_s, len, sizeof len),
                  audio->dropped_frames ? " (some audio was lost)" : "");
}

char *transcript_markdown(const struct transcript *t)
{
    struct buffer b = {0};
    struct transcript_totals totals = transcript_count(t);
    char c1[16], c2[16];

    strbuf_printf(&b.out, "# %s\n\n", esc(&b, t->scenario_title));
    strbuf_printf(&b.out, "- Session: %s\n- Scenario: %s (seed %llu)\n", esc(&b, t->id),
                  esc(&b, t->scenario_id), (unsigned long long)t->seed);
    strbuf_printf(&b.out, "- Started: %s\n", t->started_at ? esc(&b, t->started_at) : "not yet");
    if (t->ended_at != NULL)
        strbuf_printf(&b.out, "- Ended: %s\n", esc(&b, t->ended_at));
    strbuf_printf(&b.out, "- Status: %s\n- Time used: %s of %s\n", session_status_names[t->status],
                  duration_clock(totals.used_s, c1, sizeof c1),
                  duration_clock(t->budget_s, c2, sizeof c2));
    for (size_t i = 0; i < t->n_answers; i++) {
        const struct transcript_answer *a = &t->answers[i];
        strbuf_printf(&b.out, "\n## %u. %s: %s\n\n", a->n, esc(&b, a->section),
                      esc(&b, a->question_id));
        put_lines(&b, "> ", a->question, 0);
        strbuf_printf(&b.out, "\n**Your answer** (%s%s)\n\n", answer_mode_names[a->mode],
                      a->machine_text ? ", machine transcription" : "");
        if (a->text_len > 0)
            put_lines(&b, "", a->text, 1);
        else
            strbuf_printf(&b.out, "_No answer._\n");
        if (a->text_len > 0)
            strbuf_printf(&b.out, "\nWords: %zu\n", transcript_word_count(a));
        if (a->typed_note != NULL) {
            strbuf_printf(&b.out, "\n**Typed while recording** (a note, not the answer)\n\n");
            put_lines(&b, "", a->typed_note, 1);
        }
        strbuf_printf(&b.out, "\nTime: %s of %s, %s", duration_clock(a->elapsed_s, c1, sizeof c1),
                      duration_limit(a->limit_s, c2, sizeof c2), answer_outcome_names[a->outcome]);
        if (a->think_s > 0)
            strbuf_printf(&b.out, ", after %s of thinking",
                          duration_clock(a->think_s, c1, sizeof c1));
        if (a->overtime_s > 0)
            strbuf_printf(&b.out, ", +%s overtime", duration_clock(a->overtime_s, c1, sizeof c1));
        if (a->paused_s > 0)
            strbuf_printf(&b.out, ", paused %s", duration_clock(a->paused_s, c1, sizeof c1));
        strbuf_printf(&b.out, "\n");
        if (a->coverage.n_terms > 0) {
            strbuf_printf(&b.out, "\nKey terms: %zu of %zu", a->coverage.n_found,
                          a->coverage.n_terms);
            for (size_t k = 0; k < a->coverage.n_found; k++)
                strbuf_printf(&b.out, "%s%s",
                              k ? ", " : " (named: ", esc(&b, a->coverage.found[k]));
            strbuf_printf(&b.out, "%s", a->coverage.n_found ? ")" : "");
            for (size_t k = 0; k < a->coverage.n_missed; k++)
                strbuf_printf(&b.out, "%s%s",
                              k ? ", " : "; missed: ", esc(&b, a->coverage.missed[k]));
            strbuf_printf(&b.out, "\n");
        }
        if (a->audio.file != NULL)
            put_recording(&b, "Recording", &a->audio);
        for (size_t k = 0; k < a->n_takes; k++) {
            const struct transcript_take *take = &a->takes[k];
            strbuf_printf(&b.out, "\n**Take %zu of %zu** (%s, not counted)\n\n", k + 1,
                          a->n_takes + 1, duration_clock(take->elapsed_s, c1, sizeof c1));
            if (take->text[0] != '\0')
                put_lines(&b, "", take->text, 1);
            if (take->audio.file != NULL)
                put_recording(&b, "Recording", &take->audio);
        }
        if (a->analysis != NULL) {
            const struct analysis *an = a->analysis;
            char hints[512];
            strbuf_printf(
                &b.out,
                "\nSpeech: %.0f words a minute, %u fillers (%.1f a minute), longest pause "
                "%.1f s, speaking %.0f%% of the time, first word after %.1f s\n",
                an->words_per_minute, an->filler_count, an->fillers_per_min, an->longest_pause_s,
                an->speaking_ratio * 100, an->time_to_first_word_s);
            analysis_hints(an, hints, sizeof hints);
            put_lines(&b, "> ", hints, 0);
        }
        if (a->rating > 0)
            strbuf_printf(&b.out, "\nRating: %d/5\n", a->rating);
        if (a->note != NULL) {
            strbuf_printf(&b.out, "\nNote: ");
            put_lines(&b, "", a->note, 1);
        }
    }
    strbuf_printf(&b.out, "\n---\n\nAnswered %u of %zu questions, timed out %u, skipped %u.\n",
                  totals.outcomes[OUTCOME_ANSWERED], t->n_planned,
                  totals.outcomes[OUTCOME_TIMED_OUT], totals.outcomes[OUTCOME_SKIPPED]);
    for (size_t i = 0; i < sizeof b.escaped / sizeof b.escaped[0]; i++)
        free(b.escaped[i]);
    return strbuf_finish(&b.out);
}
