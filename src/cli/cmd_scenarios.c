/* scenarios: lists built-in and user scenarios (id, title, budget, question
 * count, answer modes), as a table or JSON. */
#include "cli.h"
#include "../core/duration.h"
#include "../io/library.h"
#include "../io/model_json.h"
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

static int is_user(const struct listing *l)
{
    return strcmp(l->origin, "user") == 0;
}

/* The user's scenarios first, then the built-in ones, each by id. */
static int compare_listing(const void *a, const void *b)
{
    const struct listing *la = a, *lb = b;
    if (is_user(la) != is_user(lb))
        return is_user(lb) - is_user(la);
    return strcmp(la->id, lb->id);
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

static const char USAGE[] =
    "Usage: rehearse scenarios [--json]\n\n"
    "Lists the scenarios `rehearse run` can sit: yours first\n"
    "($XDG_CONFIG_HOME/rehearse/scenarios, $REHEARSE_HOME/scenarios), then the built-in\n"
    "ones. Yours are marked '*'. A file of yours with the same name as a built-in\n"
    "one replaces it.\n\n"
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
                                 "  ID                    BUDGET  QUESTIONS  MODES         TITLE"));
    size_t mine = 0;
    int status = CLI_OK;
    for (size_t i = 0; i < n && status == CLI_OK; i++) {
        struct scenario sc;
        struct bank bank;
        struct diag err;
        int rc = library_open(list[i].path, &sc, &bank, &err);
        if (rc != REH_OK) {
            cli_error("skipping %s", err.message);
            continue;
        }
        int typed, spoken;
        modes_of(&sc, &typed, &spoken);
        if (json) {
            json_t *one;
            rc = model_scenario_json(&sc, typed, spoken, list[i].origin, list[i].path, &one, &err);
            if (rc != REH_OK || json_array_append_new(array, one) != 0) {
                cli_error("%s", rc != REH_OK ? err.message : "out of memory listing the scenarios");
                status = rc != REH_OK ? diag_exit_code(rc) : CLI_FAILURE;
            }
        } else {
            char budget[16];
            mine += is_user(&list[i]);
            printf("%c %-21s %7s  %9zu  %-12s  %s\n", is_user(&list[i]) ? '*' : ' ', sc.id,
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
    if (status != CLI_OK) {
        json_decref(array);
        return status;
    }
    if (json) {
        json_dumpf(array, stdout, JSON_INDENT(2));
        fputc('\n', stdout);
    } else if (mine != 0) {
        printf("\n* your own scenario%s\n", mine == 1 ? "" : "s");
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
