/* run: sits a timed interview of a scenario; --dry-run prints the plan. */
#include "cli.h"
#include "../core/duration.h"
#include "../core/plan.h"
#include "../core/transcript.h"
#include "../io/library.h"
#include "../io/model_json.h"
#include "../io/paths.h"
#include "../io/session_lock.h"
#include "../io/answer_recorder.h"
#include "../io/store.h"
#include "../io/terminal.h"

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <time.h>
#include <unistd.h>

#define DEFAULT_SCENARIO "data-engineering-45"
#define WEAKEST_DEFAULT  8
#define WEAKEST_MAX      50

static const char USAGE[] =
    "Usage: rehearse run [SCENARIO|FILE] [OPTIONS]\n\n"
    "Sits a timed mock interview. SCENARIO is an id from `rehearse scenarios`\n"
    "(default: " DEFAULT_SCENARIO "); FILE is a path to a scenario file.\n"
    "During it /help lists the commands. On a terminal /quit and Ctrl-C ask\n"
    "once before ending (/quit again or y ends, Enter goes on, a second Ctrl-C\n"
    "within 2 s ends); through a pipe /quit ends at once. On a terminal /edit\n"
    "opens a typed answer so far in $VISUAL (else $EDITOR, else vi) while its\n"
    "clock runs on, and takes back what is saved.\n"
    "On a terminal the microphone is checked for three seconds before the first\n"
    "spoken question (s skips; `rehearse mic` checks it on its own).\n\n"
    "Options:\n"
    "  --mode typed|spoken|mixed  override the scenario's answer mode\n"
    "  --seed N                   reproducible question draw\n"
    "  --overtime hard|soft       hard: stop at the limit; soft: keep going\n"
    "  --device NAME|INDEX        input device for spoken answers (`rehearse devices`)\n"
    "  --sample-rate HZ           recording sample rate (default 16000)\n"
    "  --no-bell                  no terminal bell at the warnings and the limit\n"
    "  --weakest [N]              up to N questions (1-50, default 8; N a word of its\n"
    "                             own) chosen by the practice schedule, due ones\n"
    "                             weakest first (`rehearse due`), each for its\n"
    "                             suggested time (else 3 minutes), with SCENARIO's\n"
    "                             mode, overtime, warnings, think time, takes and\n"
    "                             voice\n"
    "  --voice                    read each question aloud before its clock starts\n"
    "                             (Enter, or Esc on a terminal, cuts the reading\n"
    "                             short; the think time follows); without an\n"
    "                             output device the intro says so\n"
    "  --study                    practice rather than mock conditions: after each\n"
    "                             question and its follow-ups, its model answer, key\n"
    "                             points and the key terms you named and missed\n"
    "                             (on a terminal, Enter goes on; the clock stops\n"
    "                             meanwhile), as the scenario's `reveal: after-answer`\n"
    "  -n, --dry-run              print the planned questions and limits, then exit\n"
    "  --json                     with --dry-run: print the plan as JSON\n"
    "  -h, --help                 show this help\n";

struct run_options {
    const char *scenario;
    enum answer_mode mode;
    int overtime; /* -1: the scenario's */
    int have_seed;
    uint64_t seed;
    const char *device;
    unsigned sample_rate;
    int dry_run, json;
    int no_bell, voice, study;
    size_t weakest; /* questions of a weakest-first session; 0: the scenario's */
    int scenario_given;
};

static int parse_choice(const char *arg, const char *const names[], int *index)
{
    for (int i = 0; names[i] != NULL; i++)
        if (strcmp(arg, names[i]) == 0) {
            *index = i;
            return 0;
        }
    return -1;
}

static int parse_options(int argc, char **argv, struct run_options *o)
{
    static const struct option options[] = {{"mode", required_argument, NULL, 'm'},
                                            {"seed", required_argument, NULL, 's'},
                                            {"overtime", required_argument, NULL, 'o'},
                                            {"device", required_argument, NULL, 'd'},
                                            {"sample-rate", required_argument, NULL, 'r'},
                                            {"dry-run", no_argument, NULL, 'n'},
                                            {"no-bell", no_argument, NULL, 'b'},
                                            {"voice", no_argument, NULL, 'v'},
                                            {"study", no_argument, NULL, 'S'},
                                            {"weakest", no_argument, NULL, 'w'},
                                            {"json", no_argument, NULL, 'j'},
                                            {"help", no_argument, NULL, 'h'},
                                            {0, 0, 0, 0}};
    int c, index;
    char *end;

    optind = 1;
    while ((c = getopt_long(argc, argv, "nh", options, NULL)) != -1) {
        switch (c) {
        case 'm':
            if (parse_choice(optarg, answer_mode_names, &index) != 0)
                return cli_usage_error(
                    &cmd_run_entry, "--mode must be typed, spoken or mixed (found '%s')", optarg);
            o->mode = (enum answer_mode)index;
            break;
        case 'o':
            if (parse_choice(optarg, overtime_names, &o->overtime) != 0)
                return cli_usage_error(&cmd_run_entry,
                                       "--overtime must be hard or soft (found '%s')", optarg);
            break;
        case 's':
            errno = 0;
            o->seed = strtoull(optarg, &end, 10);
            if (optarg[0] < '0' || optarg[0] > '9' || *end != '\0' || errno == ERANGE ||
                o->seed > INT64_MAX)
                return cli_usage_error(&cmd_run_entry, "--seed must be a whole number (found '%s')",
                                       optarg);
            o->have_seed = 1;
            break;
        case 'd':
            o->device = optarg;
            break;
        case 'r':
            o->sample_rate = (unsigned)strtoul(optarg, &end, 10);
            if (*end != '\0' || o->sample_rate < 8000 || o->sample_rate > 192000)
                return cli_usage_error(&cmd_run_entry,
                                       "--sample-rate must be from 8000 to 192000 (found '%s')",
                                       optarg);
            break;
        case 'n':
            o->dry_run = 1;
            break;
        case 'b':
            o->no_bell = 1;
            break;
        case 'v':
            o->voice = 1;
            break;
        case 'S':
            o->study = 1;
            break;
        case 'w':
            o->weakest = WEAKEST_DEFAULT;
            break;
        case 'j':
            o->json = 1;
            break;
        case 'h':
            fputs(USAGE, stdout);
            return -1;
        default:
            return cli_usage_error(&cmd_run_entry, "unknown option");
        }
    }
    /* --weakest takes an optional count: the argument that is a number. */
    for (; optind < argc; optind++) {
        const char *arg = argv[optind];
        if (o->weakest && strspn(arg, "0123456789") == strlen(arg)) {
            unsigned long n = strtoul(arg, NULL, 10);
            if (n < 1 || n > WEAKEST_MAX)
                return cli_usage_error(&cmd_run_entry,
                                       "--weakest takes 1 to %d questions (found '%s')",
                                       WEAKEST_MAX, arg);
            o->weakest = n;
        } else if (o->scenario_given) {
            break;
        } else {
            o->scenario = arg;
            o->scenario_given = 1;
        }
    }
    if (optind < argc)
        return cli_usage_error(&cmd_run_entry, "unexpected argument '%s'", argv[optind]);
    if (o->json && !o->dry_run)
        return cli_usage_error(&cmd_run_entry, "--json goes with --dry-run");
    return CLI_OK;
}

static uint64_t fresh_seed(void)
{
    uint64_t seed;
    if (getrandom(&seed, sizeof seed, GRND_NONBLOCK) != (ssize_t)sizeof seed)
        seed = (uint64_t)time(NULL) ^ ((uint64_t)clock() << 32);
    return seed % 1000000000u; /* short enough to type back with --seed */
}

static void print_plan(const struct plan *plan, const struct scenario *sc)
{
    char budget[16], planned[16], limit[16];
    unsigned total = 0;
    for (size_t i = 0; i < plan->n_items; i++)
        total += plan->items[i].limit_s;
    printf("%s\n", cli_style(stdout, "1", cli_text(sc->title)));
    printf("scenario %s, budget %s (%s of questions), overtime %s, seed %llu\n\n", sc->id,
           duration_format(sc->budget_s, budget, sizeof budget),
           duration_format(total, planned, sizeof planned), overtime_names[sc->settings.overtime],
           (unsigned long long)plan->seed);
    for (size_t i = 0; i < plan->n_items; i++) {
        const struct plan_item *it = &plan->items[i];
        printf("%2zu/%zu  %-6s %-6s  %-26s %s\n      %s\n", i + 1, plan->n_items,
               it->limit_s ? duration_format(it->limit_s, limit, sizeof limit) : "none",
               answer_mode_names[it->mode], cli_text(sc->sections[it->section].title), it->q->id,
               cli_text(it->q->text));
    }
}

/* The scenario file a session is drawn from, recorded in it. */
struct source {
    char path[PATH_MAX];
    char sha256[LIBRARY_SHA256_HEX];
};

/* Removes the directory of a session that never asked a question: its
 * first save, its lock, and the directory itself. */
static void discard_session(struct store *st)
{
    static const char *const files[] = {"session.json", "transcript.md", SESSION_LOCK_FILE};
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++)
        unlinkat(st->dirfd, files[i], 0);
    rmdir(st->dir);
}

/* Sits the interview of a drawn plan: creates the session directory first,
 * so an unwritable home is reported before any question. */
static int interview(const struct scenario *sc, const struct plan *plan,
                     const struct run_options *o, const struct source *source)
{
    char home[PATH_MAX];
    struct store store;
    struct session_lock lock;
    struct transcript t;
    struct diag err;

    int rc = cli_interview_settings();
    if (rc != CLI_OK)
        return rc;
    if (paths_home(home, &err) != REH_OK) {
        cli_error("no place for sessions: set REHEARSE_HOME (or HOME) to a writable directory");
        return CLI_FAILURE;
    }
    terminal_hold_signals();
    if (store_create(&store, home, sc->id, time(NULL), &err) != REH_OK) {
        cli_error("%s", err.message);
        return CLI_FAILURE;
    }
    /* Held for the whole interview, its analysis included. */
    rc = cli_lock_session(&lock, &store, "run", 0, "cannot start");
    if (rc != CLI_OK) {
        store_close(&store);
        return rc;
    }
    rc = CLI_FAILURE;
    if (transcript_init(&t, store.id, sc, plan) != REH_OK ||
        transcript_set_source(&t, sc->based_on ? sc->based_on : sc->id, source->path,
                              source->sha256) != REH_OK) {
        cli_error("out of memory");
    } else if (store_save(&store, &t, &err) != REH_OK) {
        /* A full disk is found before the first question, not after it. */
        cli_error("%s", err.message);
        discard_session(&store);
    } else
        rc = cli_interview(&(struct interview){.sc = sc,
                                               .plan = plan,
                                               .store = &store,
                                               .t = &t,
                                               .device = o->device,
                                               .sample_rate = o->sample_rate,
                                               .no_bell = o->no_bell,
                                               .voice = o->voice || sc->settings.voice});
    if (rc == CLI_USAGE) /* no such device: nothing was asked */
        discard_session(&store);
    session_lock_release(&lock);
    transcript_free(&t);
    store_close(&store);
    return rc;
}

/* Replaces the questions of *sc by the n the practice schedule chooses
 * from its bank, keeping the scenario's other settings; new questions are
 * drawn with `seed`, or the day's when it is NULL. */
static int choose_weakest(struct scenario *sc, const struct bank *bank, size_t n,
                          const uint64_t *seed, int quiet)
{
    struct schedule s;
    struct scenario weakest;
    struct diag err;
    size_t got = 0, counts[SCHEDULE_AHEAD + 1] = {0}, provisional = 0;
    int today, rc = cli_today(&today);
    struct schedule_pick *picks = calloc(n, sizeof *picks);
    const char **ids = calloc(n, sizeof *ids);
    char title[96];

    schedule_init(&s);
    if (rc == CLI_OK && (picks == NULL || ids == NULL)) {
        cli_error("out of memory");
        rc = CLI_FAILURE;
    }
    if (rc == CLI_OK)
        rc = cli_schedule(bank->id, &s);
    if (rc == CLI_OK)
        rc = cli_pick(bank, &s, today, n, seed != NULL ? *seed : (uint64_t)today, picks, &got);
    if (rc != CLI_OK)
        goto done;
    for (size_t i = 0; i < got; i++) {
        const struct schedule_item *it = schedule_find(&s, picks[i].id);
        ids[i] = picks[i].id;
        counts[picks[i].reason]++;
        provisional += it != NULL && it->provisional;
    }
    snprintf(title, sizeof title, "Weakest first: %zu question%s of %s", got, got == 1 ? "" : "s",
             bank->title);
    if (scenario_of_questions(&weakest, sc, CLI_WEAKEST_ID, title, CLI_WEAKEST_SECTION, ids, got,
                              &err) != REH_OK ||
        scenario_resolve(&weakest, bank, &err) != REH_OK ||
        scenario_sections_by_category(&weakest, bank, &err) != REH_OK) {
        cli_error("%s", err.message);
        scenario_free(&weakest);
        rc = CLI_FAILURE;
        goto done;
    }
    scenario_free(sc);
    *sc = weakest;
    if (!quiet)
        printf("Chosen by your practice schedule: %zu due, %zu new, %zu ahead of time.\n",
               counts[SCHEDULE_DUE], counts[SCHEDULE_NEW], counts[SCHEDULE_AHEAD]);
    if (!quiet && provisional > 0)
        printf("%zu of them %s a provisional grade (not rated yet): `rehearse review` rates %s.\n",
               provisional, provisional == 1 ? "has" : "have", provisional == 1 ? "it" : "them");
done:
    free(ids);
    free(picks);
    schedule_free(&s);
    return rc;
}

static int run_exec(int argc, char **argv)
{
    struct run_options o = {.scenario = DEFAULT_SCENARIO,
                            .mode = MODE_INHERIT,
                            .overtime = -1,
                            .sample_rate = ANSWER_RECORDER_DEFAULT_RATE};
    struct scenario sc;
    struct bank bank;
    struct plan plan;
    struct source source;
    struct diag err;

    int rc = parse_options(argc, argv, &o);
    if (rc != CLI_OK)
        return rc < 0 ? CLI_OK : rc;
    rc = library_open(o.scenario, &sc, &bank, &err);
    if (rc != REH_OK) {
        cli_error("%s", err.message);
        return diag_exit_code(rc);
    }
    if (!o.dry_run && (rc = library_source(sc.path, source.path, source.sha256, &err)) != REH_OK) {
        cli_error("%s", err.message);
        rc = diag_exit_code(rc);
        goto done;
    }
    if (o.overtime >= 0)
        sc.settings.overtime = (enum overtime_policy)o.overtime;
    if (o.study)
        sc.settings.reveal = REVEAL_AFTER_ANSWER;
    uint64_t seed = o.have_seed ? o.seed : sc.seed_random ? fresh_seed() : sc.seed;
    if (o.weakest &&
        (rc = choose_weakest(&sc, &bank, o.weakest, o.have_seed ? &seed : NULL, o.json)) != CLI_OK)
        goto done;
    rc = plan_draw(&plan, &sc, &bank, seed, o.mode, &err);
    if (rc != REH_OK) {
        cli_error("%s", err.message);
        rc = diag_exit_code(rc);
        goto done;
    }
    if (o.dry_run && o.json) {
        json_t *root;
        rc = model_plan_json(&plan, &sc, seed, &root, &err);
        if (rc == REH_OK) {
            json_dumpf(root, stdout, JSON_INDENT(2));
            fputc('\n', stdout);
            json_decref(root);
        } else {
            cli_error("%s", err.message);
            rc = diag_exit_code(rc);
        }
    } else if (o.dry_run) {
        print_plan(&plan, &sc);
    } else {
        rc = interview(&sc, &plan, &o, &source);
    }
    plan_free(&plan);
done:
    scenario_free(&sc);
    bank_free(&bank);
    return rc;
}

const struct cli_command cmd_run_entry = {
    .name = "run",
    .summary = "sit a timed interview (default: " DEFAULT_SCENARIO ")",
    .usage = USAGE,
    .exec = run_exec,
};
