/* cli_complete: the candidates for shell completion (`rehearse --complete`).
 * The shells' scripts stay thin: they hand over the words typed so far and
 * print what comes back. Options are read from each command's --help text,
 * so completion, help and the man page cannot drift apart. */
#include "cli.h"
#include "../core/bank.h"
#include "../io/audio_api.h"
#include "../io/library.h"
#include "../io/paths.h"
#include "../io/session_dir.h"

#include <dirent.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

/* The first line of the output when file names fit too: the script adds
 * the shell's own file completion. */
#define COMPLETE_FILES "@files"

/* What an option's value is. */
enum complete_value {
    VALUE_NONE, /* a number or free text: nothing to offer */
    VALUE_FILES,
    VALUE_DEVICES,
    VALUE_CATEGORIES,
    VALUE_BANKS,
    VALUE_CHOICES,
};

static const struct {
    const char *option;
    enum complete_value kind;
    const char *choices; /* VALUE_CHOICES: separated by spaces */
} OPTION_VALUES[] = {
    {"--mode", VALUE_CHOICES, "typed spoken mixed"},
    {"--overtime", VALUE_CHOICES, "hard soft"},
    {"--format", VALUE_CHOICES, "md html json"},
    {"--device", VALUE_DEVICES, NULL},
    {"--category", VALUE_CATEGORIES, NULL},
    {"--bank", VALUE_BANKS, NULL},
    {"--output", VALUE_FILES, NULL},
};

/* The commands whose one argument is a SESSION. */
static const char *const SESSION_COMMANDS[] = {"show",   "review",  "resume", "play",
                                               "export", "analyze", NULL};

static void offer(const char *candidate, const char *prefix)
{
    if (candidate != NULL && strncmp(candidate, prefix, strlen(prefix)) == 0)
        printf("%s\n", candidate);
}

/* One option of a command's help text: "-f, --format F" has the short
 * name "-f", the long name "--format" and takes a value; "--weakest [N]" and
 * "--json" take none. */
struct help_option {
    char short_name[3];
    char long_name[48];
    int valued;
};

#define MAX_HELP_OPTIONS 32

/* Reads the options of cmd from the lines after "Options:" of its help
 * that start with '-' after the indent. Returns how many (at most max). */
static size_t help_options(const struct cli_command *cmd, struct help_option *out, size_t max)
{
    size_t n = 0;
    const char *p = strstr(cmd->usage, "\nOptions:\n");
    while (p != NULL && n < max && (p = strchr(p + 1, '\n')) != NULL) {
        const char *o = p + 1 + strspn(p + 1, " ");
        if (o == p + 1 || *o != '-')
            continue;
        struct help_option *h = &out[n++];
        memset(h, 0, sizeof *h);
        for (; *o == '-'; o += strspn(o, ", ")) {
            size_t len = strcspn(o, " ,\n");
            if (len == 2)
                memcpy(h->short_name, o, 2);
            else
                snprintf(h->long_name, sizeof h->long_name, "%.*s", (int)len, o);
            h->valued = o[len] == ' ' && o[len + 1] != ' ' && o[len + 1] != '[';
            o += len;
        }
    }
    return n;
}

/* The option of cmd that `word` names (short or long), or NULL. */
static const struct help_option *find_option(const struct help_option *opts, size_t n,
                                             const char *word)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(opts[i].short_name, word) == 0 || strcmp(opts[i].long_name, word) == 0)
            return &opts[i];
    return NULL;
}

static void offer_files_in(enum paths_kind kind, const char *prefix)
{
    char dirs[PATHS_MAX_DIRS][PATH_MAX];
    size_t n = paths_search_dirs(kind, dirs);
    for (size_t i = 0; i < n; i++) {
        DIR *d = opendir(dirs[i]);
        struct dirent *ent;
        while (d != NULL && (ent = readdir(d)) != NULL) {
            size_t len = strlen(ent->d_name);
            if (ent->d_name[0] != '.' && len > 5 && strcmp(ent->d_name + len - 5, ".yaml") == 0) {
                ent->d_name[len - 5] = '\0';
                offer(ent->d_name, prefix);
            }
        }
        if (d != NULL)
            closedir(d);
    }
}

static void offer_sessions(const char *prefix)
{
    char home[PATH_MAX], **ids;
    size_t n;
    struct diag err;
    offer("last", prefix);
    if (paths_home(home, &err) != REH_OK ||
        session_dir_list(home, &ids, &n, NULL, NULL, &err) != REH_OK)
        return;
    for (size_t i = 0; i < n; i++)
        offer(ids[i], prefix);
    session_dir_free(ids);
}

static void offer_categories(const char *bank_id, const char *prefix)
{
    struct bank bank;
    struct diag err;
    if (library_open_bank(bank_id, &bank, &err) != REH_OK)
        return;
    for (size_t i = 0; i < bank.n_categories; i++)
        offer(bank.categories[i].id, prefix);
    bank_free(&bank);
}

/* The names of the input devices, from the device list's JSON. */
static void offer_devices(const char *prefix)
{
    struct diag err;
    char *text = NULL;
    size_t len = 0;
    const struct audio_api *api = audio_api_load(&err);
    FILE *mem = open_memstream(&text, &len);
    if (mem == NULL || api == NULL || api->open(&err) != REH_OK) {
        if (mem != NULL)
            fclose(mem);
        free(text);
        return;
    }
    api->list_devices(mem, 1, &err);
    api->close();
    fclose(mem);
    json_t *list = json_loadb(text, len, 0, NULL), *dev;
    size_t i;
    json_array_foreach(list, i, dev)
    {
        if (json_integer_value(json_object_get(dev, "input_channels")) > 0)
            offer(json_string_value(json_object_get(dev, "name")), prefix);
    }
    json_decref(list);
    free(text);
}

static void offer_value(enum complete_value kind, const char *choices, const char *bank_id,
                        const char *prefix)
{
    char buf[128];
    switch (kind) {
    case VALUE_FILES:
        printf("%s\n", COMPLETE_FILES);
        break;
    case VALUE_DEVICES:
        offer_devices(prefix);
        break;
    case VALUE_CATEGORIES:
        offer_categories(bank_id, prefix);
        break;
    case VALUE_BANKS:
        offer_files_in(PATHS_BANKS, prefix);
        break;
    case VALUE_CHOICES:
        snprintf(buf, sizeof buf, "%s", choices);
        for (char *save = NULL, *w = strtok_r(buf, " ", &save); w; w = strtok_r(NULL, " ", &save))
            offer(w, prefix);
        break;
    case VALUE_NONE:
        break;
    }
}

/* The value of option `name` (long form), for an option that takes one. */
static void offer_option_value(const char *name, const char *bank_id, const char *prefix)
{
    for (size_t i = 0; i < sizeof OPTION_VALUES / sizeof OPTION_VALUES[0]; i++)
        if (strcmp(OPTION_VALUES[i].option, name) == 0)
            offer_value(OPTION_VALUES[i].kind, OPTION_VALUES[i].choices, bank_id, prefix);
}

static int is_session_command(const char *name)
{
    for (size_t i = 0; SESSION_COMMANDS[i] != NULL; i++)
        if (strcmp(SESSION_COMMANDS[i], name) == 0)
            return 1;
    return 0;
}

/* A positional argument of cmd, the n-th (0-based). */
static void offer_argument(const struct cli_command *cmd, size_t n, const char *prefix)
{
    if (strcmp(cmd->name, "run") == 0 && n == 0) {
        printf("%s\n", COMPLETE_FILES);
        offer_files_in(PATHS_SCENARIOS, prefix);
    } else if (strcmp(cmd->name, "check") == 0) {
        printf("%s\n", COMPLETE_FILES);
    } else if (is_session_command(cmd->name) && n == 0) {
        offer_sessions(prefix);
    }
}

int cli_complete(const struct cli_command *const *commands, size_t n_commands, int argc,
                 char **argv)
{
    /* argv: the words after "rehearse", the last one being completed. */
    const char *current = argc > 0 ? argv[argc - 1] : "";
    const struct cli_command *cmd = NULL;
    struct help_option opts[MAX_HELP_OPTIONS];
    if (argc <= 1) {
        for (size_t i = 0; i < n_commands; i++)
            offer(commands[i]->name, current);
        offer("--help", current);
        offer("--version", current);
        return CLI_OK;
    }
    for (size_t i = 0; i < n_commands && cmd == NULL; i++)
        if (strcmp(commands[i]->name, argv[0]) == 0)
            cmd = commands[i];
    if (cmd == NULL)
        return CLI_OK;
    size_t n_opts = help_options(cmd, opts, MAX_HELP_OPTIONS), positional = 0;
    const char *bank_id = CLI_DEFAULT_BANK;
    for (int i = 1; i < argc - 1; i++) {
        const struct help_option *o = find_option(opts, n_opts, argv[i]);
        if (argv[i][0] != '-')
            positional++;
        if (o == NULL || !o->valued)
            continue;
        if (i == argc - 2) { /* the word being completed is this option's value */
            offer_option_value(o->long_name, bank_id, current);
            return CLI_OK;
        }
        if (strcmp(o->long_name, "--bank") == 0)
            bank_id = argv[i + 1];
        i++;
    }
    if (current[0] == '-') {
        for (size_t i = 0; i < n_opts; i++)
            offer(opts[i].long_name, current);
    } else {
        offer_argument(cmd, positional, current);
    }
    return CLI_OK;
}
