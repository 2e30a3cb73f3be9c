/* bank: prints the question bank, grouped by category, as text or JSON. */
#include "cli.h"
#include "../core/duration.h"
#include "../core/text.h"
#include "../io/library.h"
#include "../io/model_json.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

static const char USAGE[] =
    "Usage: rehearse bank [--category C] [--bank ID] [--json]\n\n"
    "Prints the question bank: every question's id, kind, suggested time and text,\n"
    "grouped by category. Questions with a model answer are marked '*'. The text\n"
    "wraps at word boundaries to the screen's width (on a narrow screen it starts\n"
    "on the line under the id); a pipe gets each question on one line (unless\n"
    "COLUMNS is set).\n\n"
    "Options:\n"
    "  -c, --category C  only the questions of category C (an id such as 'storage')\n"
    "  -b, --bank ID     another bank (default: " CLI_DEFAULT_BANK ")\n"
    "  --json            print JSON: {id, title, categories: [{id, title}],\n"
    "                    questions: [{id, category, kind, suggested_time_s, text,\n"
    "                    model_answer, key_points, key_terms}]}\n"
    "  -h, --help        show this help\n";

static int print_text(const struct bank *bank, const char *category)
{
    size_t width = cli_columns(stdout);
    printf("%s (%zu questions, * = with model answer)\n",
           cli_style(stdout, "1", cli_text(bank->title)), bank->n_questions);
    for (size_t c = 0; c < bank->n_categories; c++) {
        const struct category *cat = &bank->categories[c];
        if (category != NULL && strcmp(category, cat->id) != 0)
            continue;
        char heading[256];
        snprintf(heading, sizeof heading, "%s [%s]", cli_text(cat->title), cat->id);
        printf("\n%s\n", cli_style(stdout, "1", heading));
        for (size_t i = 0; i < bank->n_questions; i++) {
            const struct question *q = &bank->questions[i];
            char time[16], head[128];
            if (strcmp(q->category, cat->id) != 0)
                continue;
            snprintf(head, sizeof head, "%c %-28s %-10s %5s  ", q->model_answer ? '*' : ' ',
                     cli_text(q->id), question_kind_names[q->kind],
                     duration_format(q->suggested_s, time, sizeof time));
            size_t indent = text_columns(head, strlen(head));
            const char *under = ""; /* on a narrow screen the text starts under the id */
            if (width != 0 && width < indent + TEXT_WRAP_MIN) {
                head[strlen(head) - 2] = '\0';
                under = "\n    ";
                indent = 4;
            }
            char *text = text_wrap(cli_text(q->text), width, indent);
            if (text == NULL) {
                cli_error("out of memory");
                return CLI_FAILURE;
            }
            printf("%s%s%s\n", head, under, text);
            free(text);
        }
    }
    return CLI_OK;
}

static int print_json(const struct bank *bank, const char *category)
{
    json_t *root;
    struct diag err;
    int rc = model_bank_json(bank, category, &root, &err);
    if (rc != REH_OK) {
        cli_error("%s", err.message);
        return diag_exit_code(rc);
    }
    json_dumpf(root, stdout, JSON_INDENT(2));
    fputc('\n', stdout);
    json_decref(root);
    return CLI_OK;
}

static int bank_exec(int argc, char **argv)
{
    static const struct option options[] = {{"category", required_argument, NULL, 'c'},
                                            {"bank", required_argument, NULL, 'b'},
                                            {"json", no_argument, NULL, 'j'},
                                            {"help", no_argument, NULL, 'h'},
                                            {0, 0, 0, 0}};
    const char *category = NULL, *id = CLI_DEFAULT_BANK;
    int json = 0, c;
    struct bank bank;
    struct diag err;

    optind = 1;
    while ((c = getopt_long(argc, argv, "c:b:h", options, NULL)) != -1) {
        switch (c) {
        case 'c':
            category = optarg;
            break;
        case 'b':
            id = optarg;
            break;
        case 'j':
            json = 1;
            break;
        case 'h':
            fputs(USAGE, stdout);
            return CLI_OK;
        default:
            return cli_usage_error(&cmd_bank_entry, "unknown option");
        }
    }
    if (optind < argc)
        return cli_usage_error(&cmd_bank_entry, "unexpected argument '%s'", argv[optind]);
    int rc = library_open_bank(id, &bank, &err);
    if (rc != REH_OK) {
        cli_error("%s", err.message);
        return diag_exit_code(rc);
    }
    if (category != NULL && bank_category(&bank, category) == NULL) {
        char known[512] = "";
        size_t n = 0;
        for (size_t i = 0; i < bank.n_categories && n < sizeof known; i++)
            n += (size_t)snprintf(known + n, sizeof known - n, "%s%s", i ? ", " : "",
                                  bank.categories[i].id);
        rc = cli_usage_error(&cmd_bank_entry, "unknown category '%s'; the categories are: %s",
                             category, known);
        bank_free(&bank);
        return rc;
    }
    if (json)
        rc = print_json(&bank, category);
    else
        rc = print_text(&bank, category);
    bank_free(&bank);
    return rc;
}

const struct cli_command cmd_bank_entry = {
    .name = "bank",
    .summary = "print the question bank",
    .usage = USAGE,
    .exec = bank_exec,
};
