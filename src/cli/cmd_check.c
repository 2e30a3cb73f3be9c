/* check: validates scenario and bank files, reporting every error as
 * FILE:LINE:COL: message. */
#include "cli.h"
#include "../core/duration.h"
#include "../core/scenario.h"
#include "../core/yamldoc.h"
#include "../io/paths.h"

#include <getopt.h>
#include <string.h>

static const char USAGE[] =
    "Usage: rehearse check FILE...\n\n"
    "Validates scenario and bank files. A file with 'sections' is a scenario and is\n"
    "checked against the bank it names (found like `rehearse run` finds it); a file\n"
    "with 'categories' and 'questions' is a bank. Errors are printed as\n"
    "FILE:LINE:COL: message, up to 20 of each file (one per question or section\n"
    "of a list). An inline question without an id is asked as SCENARIO-sSECTION-qN\n"
    "(its section and its place in it, from 1): check says so.\n\n"
    "Exit status: 0 all valid, 65 a file is invalid, 1 a file cannot be read.\n\n"
    "Options:\n"
    "  -h, --help  show this help\n";

/* Says which id each inline question without one is asked as. */
static void print_derived_ids(const struct scenario *sc)
{
    for (size_t i = 0; i < sc->n_sections; i++)
        for (size_t j = 0; j < sc->sections[i].n_entries; j++) {
            const struct scenario_entry *e = &sc->sections[i].entries[j];
            if (e->id_derived)
                printf("%s:%zu:%zu: the question has no id; it is asked as %s\n", sc->path, e->line,
                       e->column, e->q->id);
        }
}

static int check_scenario(struct ydoc *doc, struct diag *err)
{
    struct scenario sc;
    struct bank bank;
    char path[PATH_MAX], used[16], budget[16];
    int rc = scenario_from_doc(&sc, doc, err);
    if (rc != REH_OK)
        return rc;
    print_derived_ids(&sc);
    if (paths_find(PATHS_BANKS, sc.bank_id, path, err) != REH_OK) {
        rc = diag_at(err, sc.path, sc.bank_line, sc.bank_column, "unknown bank '%s'", sc.bank_id);
        scenario_free(&sc);
        return rc;
    }
    rc = bank_load(&bank, path, err);
    if (rc == REH_OK)
        rc = scenario_resolve(&sc, &bank, err);
    if (rc == REH_OK)
        printf("%s: ok: scenario '%s', %zu questions, %s of %s\n", doc->name, sc.id,
               scenario_question_count(&sc),
               duration_format(scenario_planned_s(&sc, &bank), used, sizeof used),
               duration_format(sc.budget_s, budget, sizeof budget));
    bank_free(&bank);
    scenario_free(&sc);
    return rc;
}

static int check_bank(struct ydoc *doc, struct diag *err)
{
    struct bank bank;
    int rc = bank_from_doc(&bank, doc, err);
    if (rc != REH_OK)
        return rc;
    size_t answers = 0, follow_ups = 0;
    for (size_t i = 0; i < bank.n_questions; i++) {
        answers += bank.questions[i].model_answer != NULL;
        follow_ups += bank.questions[i].n_follow_ups;
    }
    printf("%s: ok: bank '%s', %zu categories, %zu questions, %zu with model answers, %zu "
           "follow-ups\n",
           doc->name, bank.id, bank.n_categories, bank.n_questions, answers, follow_ups);
    bank_free(&bank);
    return REH_OK;
}

/* Checks one file; the errors of its list items are kept in `errors`, the
 * error that ended the check is in err. */
static int check_file(const char *path, struct ydoc_errors *errors, struct diag *err)
{
    struct ydoc doc;
    int rc = ydoc_load_file(&doc, path, err);
    if (rc != REH_OK)
        return rc;
    doc.errors = errors;
    yaml_node_t *root = ydoc_root(&doc);
    if (root != NULL && root->type == YAML_MAPPING_NODE && ydoc_get(&doc, root, "sections"))
        rc = check_scenario(&doc, err);
    else if (root != NULL && root->type == YAML_MAPPING_NODE && ydoc_get(&doc, root, "categories"))
        rc = check_bank(&doc, err);
    else
        rc = diag_at(err, path, root ? ydoc_line(root) : 1, root ? ydoc_column(root) : 1,
                     "neither a scenario (no 'sections') nor a bank (no 'categories')");
    ydoc_free(&doc);
    return rc;
}

static int check_exec(int argc, char **argv)
{
    int status = CLI_OK;
    int parsed = cli_simple_options(&cmd_check_entry, argc, argv, NULL, 1);
    if (parsed != CLI_PARSED)
        return parsed;
    if (optind == argc)
        return cli_usage_error(&cmd_check_entry, "no file given");
    for (int i = optind; i < argc; i++) {
        struct diag err;
        struct ydoc_errors errors = {.n = 0};
        int rc = check_file(argv[i], &errors, &err);
        if (rc == REH_OK)
            continue;
        /* may quote the file */
        for (size_t j = 0; j < errors.n; j++)
            fprintf(stderr, "%s\n", cli_text(errors.list[j].message));
        if (errors.n == 0 || rc != REH_EDATA)
            fprintf(stderr, "%s\n", cli_text(err.message));
        int code = diag_exit_code(rc);
        if (status == CLI_OK || code == CLI_DATAERR)
            status = code;
    }
    return status;
}

const struct cli_command cmd_check_entry = {
    .name = "check",
    .summary = "validate scenario and bank files",
    .usage = USAGE,
    .exec = check_exec,
};
