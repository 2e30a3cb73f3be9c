/* store: session directories and atomic file replacement. */
#include "store.h"
#include "../core/rng.h"
#include "../core/transcript_md.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* mkdir -p of `path` with mode 0700 for what it creates. */
int store_make_dirs(const char *path, struct diag *err)
{
    char buf[PATH_MAX];
    size_t len = strlen(path);
    if (len >= sizeof buf)
        return diag_set(err, REH_EIO, "%s: path too long", path);
    memcpy(buf, path, len + 1);
    for (char *p = buf + 1;; p++) {
        if (*p != '/' && *p != '\0')
            continue;
        char c = *p;
        *p = '\0';
        if (mkdir(buf, 0700) != 0 && errno != EEXIST)
            return diag_set(err, REH_EIO,
                            "cannot create %s: %s; set REHEARSE_HOME to a writable directory", buf,
                            strerror(errno));
        *p = c;
        if (c == '\0')
            break;
    }
    struct stat st;
    if (stat(path, &st) != 0 || !S_ISDIR(st.st_mode))
        return diag_set(err, REH_EIO,
                        "cannot create %s: %s; set REHEARSE_HOME to a writable directory", path,
                        stat(path, &st) != 0 ? strerror(errno) : "not a directory");
    return REH_OK;
}

/* Opens directory `dir` into st with the extra open(2) `flags`. */
static int open_dir(struct store *st, const char *dir, int flags, struct diag *err)
{
    memset(st, 0, sizeof *st);
    const char *slash = strrchr(dir, '/');
    snprintf(st->id, sizeof st->id, "%s", slash ? slash + 1 : dir);
    snprintf(st->dir, sizeof st->dir, "%s", dir);
    st->dirfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC | flags);
    if (st->dirfd < 0)
        return diag_set(err, REH_EIO, "cannot open %s: %s", dir, strerror(errno));
    return REH_OK;
}

int store_open(struct store *st, const char *dir, struct diag *err)
{
    return open_dir(st, dir, O_NOFOLLOW, err);
}

int store_create(struct store *st, const char *home, const char *scenario_id, time_t now,
                 struct diag *err)
{
    char sessions[PATH_MAX], stamp[32];
    struct tm tm;
    memset(st, 0, sizeof *st);
    st->dirfd = -1;
    if (snprintf(sessions, sizeof sessions, "%s/sessions", home) >= (int)sizeof sessions)
        return diag_set(err, REH_EIO, "%s: path too long", home);
    int rc = store_make_dirs(sessions, err);
    if (rc != REH_OK)
        return rc;
    localtime_r(&now, &tm);
    strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", &tm);
    for (unsigned n = 1; n < 1000; n++) {
        char suffix[16] = "";
        if (n > 1)
            snprintf(suffix, sizeof suffix, "-%u", n);
        int len = snprintf(st->id, sizeof st->id, "%s-%.64s%s", stamp, scenario_id, suffix);
        if (len < 0 || len >= (int)sizeof st->id ||
            snprintf(st->dir, sizeof st->dir, "%s/%s", sessions, st->id) >= (int)sizeof st->dir)
            return diag_set(err, REH_EIO, "%s: path too long", sessions);
        if (mkdir(st->dir, 0700) == 0)
            break;
        if (errno != EEXIST)
            return diag_set(err, REH_EIO,
                            "cannot create %s: %s; set REHEARSE_HOME to a writable directory",
                            st->dir, strerror(errno));
    }
    st->dirfd = open(st->dir, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (st->dirfd < 0)
        return diag_set(err, REH_EIO, "cannot open %s: %s", st->dir, strerror(errno));
    return REH_OK;
}

static int write_all(int fd, const char *data, size_t len)
{
    while (len > 0) {
        ssize_t n = write(fd, data, len);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return -1;
        data += n;
        len -= (size_t)n;
    }
    return 0;
}

/* Creates a new temporary file ".<name>.XXXXXX.tmp" in the directory, never
 * an existing one (O_EXCL), so that writers of the same file never share
 * one. Returns the descriptor, or -1 with errno set. */
static int open_temp(int dirfd, const char *name, char tmp[NAME_MAX + 1])
{
    static const char letters[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    static unsigned calls;
    struct timespec now;
    struct rng rng;
    clock_gettime(CLOCK_REALTIME, &now);
    rng_seed(&rng, (uint64_t)getpid() << 32 ^ (uint64_t)now.tv_nsec ^ (uint64_t)now.tv_sec << 20 ^
                       ++calls);
    for (int attempt = 0; attempt < 100; attempt++) {
        char suffix[7];
        for (size_t i = 0; i < 6; i++)
            suffix[i] = letters[rng_below(&rng, sizeof letters - 1)];
        suffix[6] = '\0';
        if (snprintf(tmp, NAME_MAX + 1, ".%s.%s.tmp", name, suffix) > NAME_MAX) {
            errno = ENAMETOOLONG;
            return -1;
        }
        int fd = openat(dirfd, tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
        if (fd >= 0 || errno != EEXIST)
            return fd;
    }
    return -1;
}

/* Whether `name` is what open_temp makes: ".NAME.XXXXXX.tmp". */
static int is_temporary(const char *name)
{
    size_t len = strlen(name);
    return name[0] == '.' && len >= 13 && strcmp(name + len - 4, ".tmp") == 0 &&
           name[len - 11] == '.';
}

size_t store_remove_temporaries(const struct store *st)
{
    size_t removed = 0;
    int fd = openat(st->dirfd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    DIR *dir = fd >= 0 ? fdopendir(fd) : NULL;
    struct dirent *ent;
    if (dir == NULL) {
        if (fd >= 0)
            close(fd);
        return 0;
    }
    while ((ent = readdir(dir)) != NULL)
        if (is_temporary(ent->d_name) && unlinkat(st->dirfd, ent->d_name, 0) == 0)
            removed++;
    closedir(dir);
    return removed;
}

int store_write_file(struct store *st, const char *name, const char *data, size_t len,
                     struct diag *err)
{
    char tmp[NAME_MAX + 1];
    int fd, rc = REH_OK, created;
    fd = open_temp(st->dirfd, name, tmp);
    created = fd >= 0;
    if (fd < 0 || write_all(fd, data, len) != 0 || fsync(fd) != 0) {
        rc = diag_set(err, REH_EIO, "cannot write %s/%s: %s", st->dir, name, strerror(errno));
        goto done;
    }
    int closed = close(fd);
    fd = -1;
    if (closed != 0 || renameat(st->dirfd, tmp, st->dirfd, name) != 0) {
        rc = diag_set(err, REH_EIO, "cannot write %s/%s: %s", st->dir, name, strerror(errno));
        goto done;
    }
    created = 0; /* it is the file now */
    if (fsync(st->dirfd) != 0)
        rc = diag_set(err, REH_EIO, "cannot write %s/%s: %s", st->dir, name, strerror(errno));
done:
    if (fd >= 0)
        close(fd);
    if (created)
        unlinkat(st->dirfd, tmp, 0);
    return rc;
}

/* Seconds rounded to a tenth, as written in session.json. */
static json_t *seconds(double s)
{
    return json_real(round(s * 10.0) / 10.0);
}

static json_t *audio_json(const struct transcript_audio *au)
{
    if (au->file == NULL)
        return json_null();
    return json_pack("{s:s, s:I, s:I, s:o, s:I, s:I}", "file", au->file, "sample_rate",
                     (json_int_t)au->sample_rate, "frames", (json_int_t)au->frames, "duration_s",
                     seconds(au->duration_s), "dropped_frames", (json_int_t)au->dropped_frames,
                     "input_overflows", (json_int_t)au->input_overflows);
}

static json_t *string_array(char *const *items, size_t n)
{
    json_t *a = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(a, json_string(items[i]));
    return a;
}

static json_t *coverage_json(const struct transcript_coverage *c)
{
    if (c->n_terms == 0)
        return json_null();
    return json_pack("{s:o, s:o, s:o}", "fraction",
                     json_real(round((double)c->n_found / (double)c->n_terms * 1000) / 1000),
                     "found", string_array(c->found, c->n_found), "missed",
                     string_array(c->missed, c->n_missed));
}

static json_t *analysis_json(const struct analysis *an)
{
    if (an == NULL)
        return json_null();
    json_t *words = json_array(), *pauses = json_array();
    for (size_t i = 0; i < an->n_words; i++)
        json_array_append_new(words, json_pack("{s:s, s:o, s:o}", "word", an->words[i].word,
                                               "start_s", seconds(an->words[i].start_s), "end_s",
                                               seconds(an->words[i].end_s)));
    for (size_t i = 0; i < an->n_pauses; i++)
        json_array_append_new(pauses,
                              json_pack("{s:o, s:o}", "start_s", seconds(an->pauses[i].start_s),
                                        "end_s", seconds(an->pauses[i].end_s)));
    return json_pack("{s:s, s:o, s:o, s:I, s:o, s:o, s:o, s:f, s:o}", "transcript", an->transcript,
                     "words", words, "words_per_minute", seconds(an->words_per_minute),
                     "filler_count", (json_int_t)an->filler_count, "fillers_per_min",
                     seconds(an->fillers_per_min), "pauses", pauses, "longest_pause_s",
                     seconds(an->longest_pause_s), "speaking_ratio",
                     round(an->speaking_ratio * 1000) / 1000, "time_to_first_word_s",
                     seconds(an->time_to_first_word_s));
}

static json_t *take_json(size_t number, const char *text, double elapsed_s,
                         const struct transcript_audio *audio)
{
    return json_pack("{s:I, s:s, s:o, s:o}", "take", (json_int_t)number, "text", text, "elapsed_s",
                     seconds(elapsed_s), "audio", audio_json(audio));
}

/* Every take of an answer taken again, the last (the answer itself) too;
 * NULL when there was one take. */
static json_t *takes_json(const struct transcript_answer *a)
{
    double earlier = 0;
    json_t *takes = a->n_takes > 0 ? json_array() : NULL;
    for (size_t i = 0; takes != NULL && i < a->n_takes; i++) {
        const struct transcript_take *k = &a->takes[i];
        earlier += k->elapsed_s;
        json_array_append_new(takes, take_json(i + 1, k->text, k->elapsed_s, &k->audio));
    }
    if (takes != NULL)
        json_array_append_new(
            takes, take_json(a->n_takes + 1, a->text, a->elapsed_s - earlier, &a->audio));
    return takes;
}

static json_t *answer_json(const struct transcript_answer *a)
{
    return json_pack(
        "{s:I, s:s, s:s?, s:s, s:s, s:s, s:I, s:o, s:o, s:o, s:s, s:s, s:o, s:o, "
        "s:o, s:s?, s:o, s:s, s:I, s:o, s:o*, s:s*}",
        "n", (json_int_t)a->n, "question_id", a->question_id, "category", a->category, "section",
        a->section, "question", a->question, "mode", answer_mode_names[a->mode], "limit_s",
        (json_int_t)a->limit_s, "elapsed_s", seconds(a->elapsed_s), "overtime_s",
        seconds(a->overtime_s), "paused_s", seconds(a->paused_s), "outcome",
        answer_outcome_names[a->outcome], "text", a->text, "audio", audio_json(&a->audio),
        "coverage", coverage_json(&a->coverage), "rating",
        a->rating > 0 ? json_integer(a->rating) : json_null(), "note", a->note, "analysis",
        analysis_json(a->analysis), "text_source", a->machine_text ? "machine" : "typed",
        "word_count", (json_int_t)transcript_word_count(a), "think_s", seconds(a->think_s), "takes",
        takes_json(a), "typed_note", a->typed_note);
}

static json_t *planned_json(const struct transcript_planned *p)
{
    return json_pack("{s:s, s:s, s:s, s:s?, s:s, s:I, s:I, s:s, s:I, s:o, s:s?, s:o}", "id", p->id,
                     "text", p->text, "section", p->section, "category", p->category, "kind",
                     question_kind_names[p->kind], "limit_s", (json_int_t)p->limit_s, "think_s",
                     (json_int_t)p->think_s, "mode", answer_mode_names[p->mode], "takes",
                     (json_int_t)p->takes, "key_terms", string_array(p->key_terms, p->n_key_terms),
                     "model_answer", p->model_answer, "key_points",
                     string_array(p->key_points, p->n_key_points));
}

/* Adds the recorded plan (top-level "plan") and the scenario's settings and
 * source to root, when the session recorded them. Returns 0 or -1. */
static int add_plan_json(json_t *root, const struct transcript *t)
{
    const struct scenario_settings *set = &t->settings;
    if (t->plan == NULL)
        return 0;
    json_t *plan = json_array(), *warnings = json_array();
    for (size_t i = 0; plan != NULL && i < t->n_planned; i++)
        json_array_append_new(plan, planned_json(&t->plan[i]));
    for (size_t i = 0; warnings != NULL && i < set->n_warnings; i++)
        json_array_append_new(warnings, json_integer(set->warnings_s[i]));
    json_t *source = t->source_path == NULL
                         ? NULL
                         : json_pack("{s:s?, s:s, s:s?}", "id", t->source_id, "path",
                                     t->source_path, "sha256", t->source_sha256);
    json_t *settings =
        json_pack("{s:s*, s:s, s:s, s:o, s:I, s:I, s:b, s:o*}", "description", t->description,
                  "mode", answer_mode_names[set->mode], "overtime", overtime_names[set->overtime],
                  "warnings_s", warnings, "think_s", (json_int_t)set->think_s, "max_takes",
                  (json_int_t)set->max_takes, "voice", set->voice, "source", source);
    int rc = settings == NULL || plan == NULL || json_array_size(plan) != t->n_planned ||
                     json_object_update(json_object_get(root, "scenario"), settings) != 0 ||
                     json_object_set(root, "plan", plan) != 0
                 ? -1
                 : 0;
    json_decref(settings);
    json_decref(plan);
    return rc;
}

/* session.json as written before sessions recorded their plan. */
static json_t *record_json(const struct transcript *t)
{
    json_t *answers = json_array();
    for (size_t i = 0; answers != NULL && i < t->n_answers; i++)
        if (json_array_append_new(answers, answer_json(&t->answers[i])) != 0) {
            json_decref(answers);
            return NULL;
        }
    json_t *questions = t->based_on ? string_array(t->question_ids, t->n_planned) : NULL;
    return json_pack("{s:i, s:s, s:s, s:{s:s, s:s, s:s?, s:I, s:I, s:s*, s:o*}, s:s?, s:s?, s:o, "
                     "s:I, s:o}",
                     "format", t->format, "id", t->id, "status", session_status_names[t->status],
                     "scenario", "id", t->scenario_id, "title", t->scenario_title, "bank",
                     t->bank_id, "budget_s", (json_int_t)t->budget_s, "seed", (json_int_t)t->seed,
                     "based_on", t->based_on, "questions", questions, "started_at", t->started_at,
                     "ended_at", t->ended_at, "paused_s", seconds(t->paused_s), "planned",
                     (json_int_t)t->n_planned, "answers", answers);
}

json_t *store_transcript_json(const struct transcript *t)
{
    json_t *root = record_json(t);
    if (root != NULL && add_plan_json(root, t) != 0) {
        json_decref(root);
        return NULL;
    }
    return root;
}

int store_save(struct store *st, const struct transcript *t, struct diag *err)
{
    json_t *root = store_transcript_json(t);
    char *json = root ? json_dumps(root, JSON_INDENT(2) | JSON_REAL_PRECISION(10)) : NULL;
    char *md = transcript_markdown(t);
    char field[96];
    int rc;
    if (root == NULL && transcript_invalid_text(t, field, sizeof field)) {
        rc = diag_set(err, REH_EDATA, "cannot save %s: %s is not valid UTF-8", st->dir, field);
        goto done;
    }
    if (json == NULL || md == NULL) {
        rc = diag_set(err, REH_ENOMEM, "out of memory while saving %s", st->dir);
        goto done;
    }
    size_t len = strlen(json);
    char *line = realloc(json, len + 2);
    if (line == NULL) {
        rc = diag_set(err, REH_ENOMEM, "out of memory while saving %s", st->dir);
        goto done;
    }
    json = line;
    json[len++] = '\n';
    json[len] = '\0';
    rc = store_write_file(st, "session.json", json, len, err);
    if (rc == REH_OK)
        rc = store_write_file(st, "transcript.md", md, strlen(md), err);
done:
    free(json);
    free(md);
    json_decref(root);
    return rc;
}

/* Integers read from a file are trusted only within what the program could
 * have written: never negative, never large enough to overflow a size. */

/* Copies a string member (or null) of obj into *field. */
static int load_string(json_t *obj, const char *key, char **field)
{
    json_t *v = json_object_get(obj, key);
    if (v != NULL && !json_is_string(v) && !json_is_null(v))
        return -1;
    return transcript_set(field, json_string_value(v)) == REH_OK ? 0 : -1;
}

/* The strings of a JSON array, borrowed from it, into items (at most max). */
static size_t borrow_strings(json_t *array, const char **items, size_t max)
{
    size_t n = 0;
    for (size_t i = 0; i < json_array_size(array) && n < max; i++)
        if (json_is_string(json_array_get(array, i)))
            items[n++] = json_string_value(json_array_get(array, i));
    return n;
}

static int load_coverage(json_t *obj, struct transcript_answer *a)
{
    const char *found[64], *missed[64];
    size_t n_found = borrow_strings(json_object_get(obj, "found"), found, 64);
    size_t n_missed = borrow_strings(json_object_get(obj, "missed"), missed, 64);
    return transcript_set_coverage(a, found, n_found, missed, n_missed) == REH_OK ? 0 : -1;
}

static int load_analysis(json_t *obj, struct transcript_answer *answer)
{
    struct analysis *an = calloc(1, sizeof *an);
    json_t *words = json_object_get(obj, "words"), *pauses = json_object_get(obj, "pauses");
    json_int_t fillers = 0;
    size_t nw = json_array_size(words), np = json_array_size(pauses);
    if (an == NULL)
        return -1;
    transcript_set_analysis(answer, an);
    an->words = calloc(nw ? nw : 1, sizeof *an->words);
    an->pauses = calloc(np ? np : 1, sizeof *an->pauses);
    if (an->words == NULL || an->pauses == NULL ||
        json_unpack(obj, "{s?F, s?I, s?F, s?F, s?F, s?F}", "words_per_minute",
                    &an->words_per_minute, "filler_count", &fillers, "fillers_per_min",
                    &an->fillers_per_min, "longest_pause_s", &an->longest_pause_s, "speaking_ratio",
                    &an->speaking_ratio, "time_to_first_word_s", &an->time_to_first_word_s) != 0 ||
        load_string(obj, "transcript", &an->transcript) ||
        !store_in_range(fillers, 0, STORE_MAX_COUNT))
        return -1;
    an->filler_count = (unsigned)fillers;
    for (size_t i = 0; i < nw; i++) {
        const char *word = NULL;
        struct analysis_word *w = &an->words[i];
        if (json_unpack(json_array_get(words, i), "{s:s, s:F, s:F}", "word", &word, "start_s",
                        &w->start_s, "end_s", &w->end_s) != 0 ||
            (w->word = strdup(word)) == NULL)
            return -1;
        an->n_words = i + 1;
    }
    for (size_t i = 0; i < np; i++) {
        if (json_unpack(json_array_get(pauses, i), "{s:F, s:F}", "start_s", &an->pauses[i].start_s,
                        "end_s", &an->pauses[i].end_s) != 0)
            return -1;
        an->n_pauses = i + 1;
    }
    if (an->transcript == NULL && (an->transcript = strdup("")) == NULL)
        return -1;
    return 0;
}

/* The recording of an answer or take; its file is a plain name in the
 * session directory, never a path. */
static int load_audio(json_t *obj, struct transcript_audio *audio)
{
    json_int_t rate = 0, frames = 0, dropped = 0, overflows = 0;
    if (json_unpack(obj, "{s:I, s:I, s:F, s?I, s?I}", "sample_rate", &rate, "frames", &frames,
                    "duration_s", &audio->duration_s, "dropped_frames", &dropped, "input_overflows",
                    &overflows) != 0 ||
        load_string(obj, "file", &audio->file) || audio->file == NULL ||
        strchr(audio->file, '/') != NULL || !store_in_range(rate, 0, 1000000) ||
        !store_in_range(frames, 0, INT64_MAX) || !store_in_range(dropped, 0, INT64_MAX) ||
        !store_in_range(overflows, 0, INT64_MAX))
        return -1;
    audio->sample_rate = (unsigned)rate;
    audio->frames = (uint64_t)frames;
    audio->dropped_frames = (uint64_t)dropped;
    audio->input_overflows = (uint64_t)overflows;
    return 0;
}

/* The earlier takes of an answer: all listed but the last, which is the
 * answer itself. */
static int load_takes(json_t *takes, struct transcript_answer *a)
{
    size_t n = json_array_size(takes);
    if (n < 2)
        return 0;
    if (n > SCENARIO_MAX_TAKES || (a->takes = calloc(n - 1, sizeof *a->takes)) == NULL)
        return -1;
    for (size_t i = 0; i + 1 < n; i++) {
        struct transcript_take *k = &a->takes[i];
        json_t *take = json_array_get(takes, i), *audio = NULL;
        a->n_takes = i + 1;
        if (json_unpack(take, "{s:F, s?o}", "elapsed_s", &k->elapsed_s, "audio", &audio) != 0 ||
            load_string(take, "text", &k->text) ||
            (k->text == NULL && transcript_set(&k->text, "") != REH_OK) ||
            (json_is_object(audio) && load_audio(audio, &k->audio) != 0))
            return -1;
    }
    return 0;
}

static int load_answer(json_t *obj, struct transcript_answer *a)
{
    const char *mode = NULL, *outcome = NULL;
    json_int_t n = 0, limit = 0;
    double elapsed = 0, overtime = 0, paused = 0, think = 0;
    json_t *rating = NULL, *audio = NULL;
    if (json_unpack(obj, "{s:I, s:s, s:I, s:F, s?F, s?F, s:s, s?o, s?o, s?F}", "n", &n, "mode",
                    &mode, "limit_s", &limit, "elapsed_s", &elapsed, "overtime_s", &overtime,
                    "paused_s", &paused, "outcome", &outcome, "rating", &rating, "audio", &audio,
                    "think_s", &think) != 0 ||
        transcript_name_index(answer_mode_names, mode) < 0 ||
        transcript_name_index(answer_outcome_names, outcome) < 0 ||
        !store_in_range(n, 0, STORE_MAX_COUNT) || !store_in_range(limit, 0, STORE_MAX_SECONDS))
        return -1;
    a->n = (unsigned)n;
    a->mode = (enum answer_mode)transcript_name_index(answer_mode_names, mode);
    a->outcome = (enum answer_outcome)transcript_name_index(answer_outcome_names, outcome);
    a->limit_s = (unsigned)limit;
    a->elapsed_s = elapsed;
    a->overtime_s = overtime;
    a->paused_s = paused;
    a->think_s = think;
    if (json_is_integer(rating) && !store_in_range(json_integer_value(rating), 0, 5))
        return -1;
    a->rating = json_is_integer(rating) ? (int)json_integer_value(rating) : 0;
    if (load_string(obj, "question_id", &a->question_id) ||
        load_string(obj, "category", &a->category) || load_string(obj, "question", &a->question) ||
        load_string(obj, "section", &a->section) || load_string(obj, "text", &a->text) ||
        load_string(obj, "note", &a->note) || load_string(obj, "typed_note", &a->typed_note) ||
        a->question_id == NULL || a->question == NULL)
        return -1;
    if (a->text == NULL && transcript_set(&a->text, "") != REH_OK)
        return -1;
    if (a->section == NULL && transcript_set(&a->section, "") != REH_OK)
        return -1;
    a->text_len = strlen(a->text);
    json_t *analysis = json_object_get(obj, "analysis"),
           *source = json_object_get(obj, "text_source");
    if (json_is_object(analysis) && load_analysis(analysis, a) != 0)
        return -1;
    a->machine_text = json_is_string(source) && strcmp(json_string_value(source), "machine") == 0;
    json_t *coverage = json_object_get(obj, "coverage");
    if (json_is_object(coverage) && load_coverage(coverage, a) != 0)
        return -1;
    if (json_is_object(audio) && load_audio(audio, &a->audio) != 0)
        return -1;
    return load_takes(json_object_get(obj, "takes"), a);
}

/* A list of strings of a recorded question (absent: none). */
static int load_list(json_t *obj, const char *key, char ***list, size_t *n)
{
    json_t *array = json_object_get(obj, key);
    size_t size = json_array_size(array);
    if ((array != NULL && !json_is_array(array)) || size > STORE_MAX_COUNT)
        return -1;
    const char **items = calloc(size ? size : 1, sizeof *items);
    int rc = items == NULL || borrow_strings(array, items, size) != size ||
                     transcript_set_list(list, n, items, size) != REH_OK
                 ? -1
                 : 0;
    free(items);
    return rc;
}

static int load_planned(json_t *obj, struct transcript_planned *p)
{
    const char *kind = NULL, *mode = NULL;
    json_int_t limit = 0, think = 0, takes = 1;
    if (json_unpack(obj, "{s:s, s:I, s?I, s:s, s?I}", "kind", &kind, "limit_s", &limit, "think_s",
                    &think, "mode", &mode, "takes", &takes) != 0 ||
        transcript_name_index(question_kind_names, kind) < 0 ||
        !store_in_range(transcript_name_index(answer_mode_names, mode), MODE_TYPED, MODE_SPOKEN) ||
        !store_in_range(limit, 0, STORE_MAX_SECONDS) ||
        !store_in_range(think, 0, STORE_MAX_SECONDS) ||
        !store_in_range(takes, 1, SCENARIO_MAX_TAKES) || load_string(obj, "id", &p->id) ||
        load_string(obj, "text", &p->text) || load_string(obj, "section", &p->section) ||
        load_string(obj, "category", &p->category) ||
        load_string(obj, "model_answer", &p->model_answer) || p->id == NULL || p->text == NULL ||
        p->section == NULL || load_list(obj, "key_points", &p->key_points, &p->n_key_points) ||
        load_list(obj, "key_terms", &p->key_terms, &p->n_key_terms))
        return -1;
    p->kind = (enum question_kind)transcript_name_index(question_kind_names, kind);
    p->mode = (enum answer_mode)transcript_name_index(answer_mode_names, mode);
    p->limit_s = (unsigned)limit;
    p->think_s = (unsigned)think;
    p->takes = (unsigned)takes;
    return 0;
}

/* The settings a recorded plan is asked with, and the scenario's source. */
static int load_settings(json_t *scenario, struct transcript *t)
{
    struct scenario_settings *set = &t->settings;
    const char *mode = NULL, *overtime = NULL;
    json_t *warnings = NULL, *source = NULL;
    json_int_t think = 0, takes = 1;
    int voice = 0;
    if (json_unpack(scenario, "{s:s, s:s, s:o, s:I, s:I, s:b, s?o}", "mode", &mode, "overtime",
                    &overtime, "warnings_s", &warnings, "think_s", &think, "max_takes", &takes,
                    "voice", &voice, "source", &source) != 0 ||
        transcript_name_index(answer_mode_names, mode) < 0 ||
        transcript_name_index(overtime_names, overtime) < 0 || !json_is_array(warnings) ||
        json_array_size(warnings) > SCENARIO_MAX_WARNINGS ||
        !store_in_range(think, 0, STORE_MAX_SECONDS) ||
        !store_in_range(takes, 1, SCENARIO_MAX_TAKES) ||
        load_string(scenario, "description", &t->description))
        return -1;
    set->mode = (enum answer_mode)transcript_name_index(answer_mode_names, mode);
    set->overtime = (enum overtime_policy)transcript_name_index(overtime_names, overtime);
    set->think_s = (unsigned)think;
    set->max_takes = (unsigned)takes;
    set->voice = voice;
    for (size_t i = 0; i < json_array_size(warnings); i++) {
        json_t *w = json_array_get(warnings, i);
        if (!json_is_integer(w) || !store_in_range(json_integer_value(w), 1, STORE_MAX_SECONDS))
            return -1;
        set->warnings_s[set->n_warnings++] = (unsigned)json_integer_value(w);
    }
    if (source == NULL)
        return 0;
    return load_string(source, "id", &t->source_id) ||
                   load_string(source, "path", &t->source_path) ||
                   load_string(source, "sha256", &t->source_sha256) || t->source_path == NULL
               ? -1
               : 0;
}

/* The recorded plan, when there is one: every one of the n_planned
 * questions, and the settings they are asked with. */
static int load_plan(json_t *root, json_t *scenario, struct transcript *t)
{
    json_t *plan = json_object_get(root, "plan");
    if (plan == NULL || json_is_null(plan))
        return 0;
    if (!json_is_array(plan) || json_array_size(plan) != t->n_planned ||
        transcript_alloc_plan(t) != REH_OK || load_settings(scenario, t) != 0)
        return -1;
    for (size_t i = 0; i < t->n_planned; i++)
        if (load_planned(json_array_get(plan, i), &t->plan[i]) != 0)
            return -1;
    return 0;
}

/* The scenario's base and its questions, when it was made from another one:
 * every one of the n_planned questions by id. */
static int load_derived(json_t *scenario, struct transcript *t)
{
    json_t *questions = json_object_get(scenario, "questions");
    if (load_string(scenario, "based_on", &t->based_on) != 0)
        return REH_EDATA;
    if (t->based_on == NULL)
        return REH_OK;
    const char **ids = calloc(t->n_planned ? t->n_planned : 1, sizeof *ids);
    int rc = ids == NULL ? REH_ENOMEM : REH_EDATA;
    if (ids != NULL && json_array_size(questions) == t->n_planned &&
        borrow_strings(questions, ids, t->n_planned) == t->n_planned)
        rc = transcript_set_derived(t, t->based_on, ids);
    free(ids);
    return rc;
}

/* Reads a whole file (at most 64 MiB) into a new buffer. */
static int read_whole(const char *path, char **text, size_t *len)
{
    struct stat st;
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return -1;
    if (fstat(fd, &st) != 0 || st.st_size > (64 << 20) ||
        (*text = malloc((size_t)st.st_size + 1)) == NULL) {
        int saved = errno ? errno : EFBIG;
        close(fd);
        errno = saved;
        return -1;
    }
    size_t got = 0;
    while (got < (size_t)st.st_size) {
        ssize_t n = read(fd, *text + got, (size_t)st.st_size - got);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        got += (size_t)n;
    }
    close(fd);
    *len = got;
    return 0;
}

json_t *store_read_json(const char *path, size_t flags, json_error_t *jerr)
{
    char *text = NULL;
    size_t len = 0;
    if (read_whole(path, &text, &len) != 0)
        return NULL;
    json_t *root = json_loadb(text, len, flags, jerr);
    free(text);
    errno = 0;
    return root;
}

int store_write_json(const char *home, const char *name, const json_t *root, size_t flags,
                     struct diag *err)
{
    struct store st;
    char *text = json_dumps(root, flags);
    int rc = text == NULL ? diag_set(err, REH_ENOMEM, "out of memory") : store_make_dirs(home, err);
    /* The data home may be a symbolic link the user made; the files in it
     * are still replaced without following one. */
    if (rc == REH_OK && (rc = open_dir(&st, home, 0, err)) == REH_OK) {
        rc = store_write_file(&st, name, text, strlen(text), err);
        store_close(&st);
    }
    free(text);
    return rc;
}

int store_load(const char *dir, struct transcript *t, struct diag *err)
{
    char path[PATH_MAX + 16];
    char *text = NULL;
    size_t len = 0;

    memset(t, 0, sizeof *t);
    snprintf(path, sizeof path, "%s/session.json", dir);
    if (read_whole(path, &text, &len) != 0)
        return diag_set(err, REH_EIO, "cannot read %s: %s", path, strerror(errno));
    int rc = store_parse(text, len, path, t, err);
    free(text);
    return rc;
}

int store_parse(const char *text, size_t len, const char *path, struct transcript *t,
                struct diag *err)
{
    json_error_t jerr;
    json_t *root = NULL, *answers = NULL, *scenario = NULL;
    json_int_t format = 0, budget = 0, seed = 0, planned = 0;
    const char *status = NULL;
    double paused = 0;
    int rc = REH_OK;

    memset(t, 0, sizeof *t);
    root = json_loadb(text, len, JSON_REJECT_DUPLICATES, &jerr);
    if (root == NULL)
        return diag_at(err, path, (size_t)(jerr.line > 0 ? jerr.line : 1),
                       (size_t)(jerr.column > 0 ? jerr.column : 1), "%s", jerr.text);
    if (json_unpack(root, "{s:I}", "format", &format) != 0 || format != 1) {
        rc = diag_at(err, path, 1, 1, "unknown session format %lld; this rehearse reads format 1",
                     (long long)format);
        goto done;
    }
    if (json_unpack_ex(root, &jerr, 0, "{s:s, s:o, s:o, s?F, s?I}", "status", &status, "scenario",
                       &scenario, "answers", &answers, "paused_s", &paused, "planned",
                       &planned) != 0 ||
        json_unpack_ex(scenario, &jerr, 0, "{s:I, s?I}", "budget_s", &budget, "seed", &seed) != 0 ||
        !json_is_array(answers) || transcript_name_index(session_status_names, status) < 0) {
        rc = diag_at(err, path, 1, 1, "not a session: %s", jerr.text[0] ? jerr.text : "bad fields");
        goto done;
    }
    if (!store_in_range(planned, 0, STORE_MAX_COUNT) ||
        !store_in_range(budget, 0, STORE_MAX_SECONDS) ||
        json_array_size(answers) > STORE_MAX_COUNT) {
        rc = diag_at(err, path, 1, 1, "not a session: planned, budget_s or answers out of range");
        goto done;
    }
    size_t n = json_array_size(answers);
    t->format = 1;
    t->status = (enum session_status)transcript_name_index(session_status_names, status);
    t->budget_s = (unsigned)budget;
    t->seed = (uint64_t)seed;
    t->paused_s = paused;
    t->n_planned = (size_t)planned > n ? (size_t)planned : n;
    t->answers = calloc(t->n_planned ? t->n_planned : 1, sizeof *t->answers);
    if (t->answers == NULL || load_string(root, "id", &t->id) ||
        load_string(scenario, "id", &t->scenario_id) ||
        load_string(scenario, "title", &t->scenario_title) ||
        load_string(scenario, "bank", &t->bank_id) ||
        load_string(root, "started_at", &t->started_at) ||
        load_string(root, "ended_at", &t->ended_at) || t->id == NULL || t->scenario_id == NULL ||
        t->scenario_title == NULL) {
        rc = diag_at(err, path, 1, 1, "not a session: missing or wrong id or scenario");
        goto done;
    }
    if ((rc = load_derived(scenario, t)) != REH_OK) {
        rc = rc == REH_ENOMEM ? diag_set(err, rc, "out of memory")
                              : diag_at(err, path, 1, 1,
                                        "not a session: scenario.based_on must name a scenario "
                                        "and scenario.questions list the %zu questions",
                                        t->n_planned);
        goto done;
    }
    if (load_plan(root, scenario, t) != 0) {
        rc = diag_at(err, path, 1, 1,
                     "not a session: the recorded plan must list the %zu planned questions "
                     "and the scenario's settings",
                     t->n_planned);
        goto done;
    }
    for (size_t i = 0; i < n; i++) {
        t->n_answers = i + 1;
        if (load_answer(json_array_get(answers, i), &t->answers[i]) != 0) {
            rc = diag_at(err, path, 1, 1, "answer %zu is damaged", i + 1);
            goto done;
        }
    }
done:
    json_decref(root);
    return rc;
}

void store_close(struct store *st)
{
    if (st->dirfd >= 0)
        close(st->dirfd);
    st->dirfd = -1;
}
