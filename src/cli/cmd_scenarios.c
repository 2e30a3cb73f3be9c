/* scenarios: lists built-in and user scenarios (id, title, budget, question
 * count, answer modes), as a table or JSON. */
#include "cli.h"
#include "../core/duration.h"
#include "../io/library.h"
#include "../io/paths.h"

#include <dirent.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#define MAX_SCENARIOS 256

struct listing {
    char id[128];
    char path[PATH_MAX];
    const char *origin; /* "user" or "built-in" */
};

static int compare_listing(const void *a, const void *b)
{
    return strcmp(((const struct listing *)a)->id, ((const struct listing *)b)->id);
}

/* Collects every *.yaml of the scenario directories; a user file shadows a
 * built-in one of the same name. */
static size_t collect(struct listing *out, size_t max)
{
    char dirs[PATHS_MAX_DIRS][PATH_MAX];
    size_t n_dirs = paths_search_dirs(PATHS_SCENARIOS, dirs), n = 0;
    for (size_t d = 0; d < n_dirs; d++) {
        DIR *dir = opendir(dirs[d]);
        struct dirent *ent;
        if (dir == NULL)
            continue;
        while ((ent = readdir(dir)) != NULL && n < max) {
            size_t len = strlen(ent->d_name);
            if (len <= 5 || len - 5 >= sizeof out[n].id ||
                strcmp(ent->d_name + len - 5, ".yaml") != 0)
                continue;
            memcpy(out[n].id, ent->d_name, len - 5);
            out[n].id[len - 5] = '\0';
            int shadowed = 0;
            for (size_t i = 0; i < n; i++)
                shadowed |= strcmp(out[i].id, out[n].id) == 0;
            if (shadowed)
                continue;
            int len_path = snprintf(out[n].path, sizeof out[n].path, "%.*s/%s",
                                    (int)(sizeof out[n].path - 256), dirs[d], ent->d_name);
            if (len_path < 0 || (size_t)len_path >= sizeof out[n].path)
                continue;
            out[n].origin = d + 1 == n_dirs ? "built-in" : "user";
            n++;
        }
        closedir(dir);
    }
    qsort(out, n, sizeof *out, compare_listing);
    return n;
}

/* Which answer modes a session of this scenario uses. */
static void modes_of(const struct scenario *sc, int *typed, int *spoken)
{
    *typed = *spoken = 0;
    for (size_t i = 0; i < sc->n_sections; i++) {
        const struct scenario_section *s = &sc->sections[i];
        for (size_t j = 0; j < (s->pick ? 1 : s->n_entries); j++) {
            enum answer_mode entry = s->pick ? MODE_INHERIT : s->entries[j].mode;
            int spoken_here = scenario_mode_of(sc, s, entry, MODE_INHERIT) == MODE_SPOKEN;
            *spoken |= spoken_here;
            *typed |= !spoken_here;
        }
    }
}

static json_t *scenario_json(const struct scenario *sc, const struct listing *l)
{
    int typed, spoken;
    modes_of(sc, &typed, &spoken);
    json_t *modes = json_array();
    if (typed)
        json_array_append_new(modes, json_string("typed"));
    if (spoken)
        json_array_append_new(modes, json_string("spoken"));
    return json_pack("{s:s, s:s, s:s?, s:s, s:i, s:i, s:s, s:o, s:s, s:s}", "id", sc->id, "title",
                     sc->title, "description", sc->description, "bank", sc->bank_id, "budget_s",
                     (json_int_t)sc->budget_s, "questions", (json_int_t)scenario_question_count(sc),
                     "mode", answer_mode_names[sc->settings.mode], "modes", modes, "origin",
                     l->origin, "path", l->path);
}

static const char USAGE[] =
    "Usage: rehearse scenarios [--json]\n\n"
    "Lists the scenarios `rehearse run` can sit: yours first\n"
    "($XDG_CONFIG_HOME/rehearse/scenarios, $REHEARSE_HOME/scenarios), then the built-in\n"
    "ones. A file of yours with the same name as a built-in one replaces it.\n\n"
    "Options:\n"
    "  --json      print a JSON array (id, title, description, bank, budget_s,\n"
    "              questions, mode, modes, origin, path)\n"
    "  -h, --help  show this help\n";

static int scenarios_exec(int argc, char **argv)
{
    static struct listing list[MAX_SCENARIOS];
    int json = 0;
    int parsed = cli_simple_options(&cmd_scenarios_entry, argc, argv, &json, 0);
    if (parsed != CLI_PARSED)
        return parsed;
    size_t n = collect(list, MAX_SCENARIOS);
    json_t *array = json_array();
    if (!json && n > 0)
        printf("%s\n", cli_style(stdout, "1",
                                 "ID                    BUDGET  QUESTIONS  MODES         TITLE"));
    for (size_t i = 0; i < n; i++) {
        struct scenario sc;
        struct bank bank;
        struct diag err;
        int rc = library_open(list[i].path, &sc, &bank, &err);
        if (rc != REH_OK) {
            cli_error("skipping %s", err.message);
            continue;
        }
        if (json) {
            json_array_append_new(array, scenario_json(&sc, &list[i]));
        } else {
            char budget[16];
            int typed, spoken;
            modes_of(&sc, &typed, &spoken);
            printf("%-21s %7s  %9zu  %-12s  %s\n", sc.id,
                   duration_format(sc.budget_s, budget, sizeof budget),
                   scenario_question_count(&sc),
                   typed && spoken ? "typed+spoken"
                   : spoken        ? "spoken"
                                   : "typed",
                   cli_text(sc.title));
        }
        scenario_free(&sc);
        bank_free(&bank);
    }
    if (json) {
        json_dumpf(array, stdout, JSON_INDENT(2));
        fputc('\n', stdout);
    } else if (n == 0) {
        printf("No scenarios found. Put one in $XDG_CONFIG_HOME/rehearse/scenarios or set "
               "REHEARSE_DATA_DIR.\n");
    }
    json_decref(array);
    return CLI_OK;
}

const struct cli_command cmd_scenarios_entry = {
    .name = "scenarios",
    .summary = "list built-in and user scenarios",
    .usage = USAGE,
    .exec = scenarios_exec,
};
