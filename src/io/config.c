/* config: one YAML mapping, read with yamldoc; the interviewer's is nested. */
#include "config.h"
#include "../core/duration.h"
#include "../core/yamldoc.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char *const CONFIG_KEYS[] = {"transcriber", "interviewer", NULL};
static const char *const INTERVIEWER_KEYS[] = {
    "url", "model", "timeout", "allow_remote", "rubric", "rubric_in_schedule", NULL};
static const char *const BOOLEAN_NAMES[] = {"false", "true", NULL};

/* Whether the settings have a place: $XDG_CONFIG_HOME/rehearse/config.yaml,
 * else ~/.config/rehearse/config.yaml, written into out. */
static int config_path(char out[PATH_MAX])
{
    const char *xdg = getenv("XDG_CONFIG_HOME"), *home = getenv("HOME");
    if (xdg != NULL && *xdg == '/')
        return snprintf(out, PATH_MAX, "%s/rehearse/config.yaml", xdg) < PATH_MAX;
    return home != NULL && *home != '\0' &&
           snprintf(out, PATH_MAX, "%s/.config/rehearse/config.yaml", home) < PATH_MAX;
}

/* The interviewer mapping at `map` into cfg->interviewer. */
static int config_interviewer(struct config *cfg, struct ydoc *doc, yaml_node_t *map,
                              const char *path, struct diag *err)
{
    struct config_interviewer *itv = arena_alloc(&cfg->arena, sizeof *itv);
    unsigned timeout_s = CONFIG_TIMEOUT_DEFAULT_S;
    char shown[16];
    yaml_node_t *url = NULL, *v;
    if (itv == NULL)
        return diag_set(err, REH_ENOMEM, "out of memory");
    *itv = (struct config_interviewer){.rubric = 1};
    int rc = ydoc_check_mapping(doc, map, "interviewer", INTERVIEWER_KEYS, err);
    if (rc == REH_OK)
        rc = ydoc_require(doc, map, "url", "interviewer", &url, err);
    if (rc == REH_OK)
        rc = ydoc_text(doc, url, "url", &cfg->arena, &itv->url, err);
    if (rc == REH_OK && (rc = ydoc_require(doc, map, "model", "interviewer", &v, err)) == REH_OK)
        rc = ydoc_text(doc, v, "model", &cfg->arena, &itv->model, err);
    if (rc == REH_OK && (v = ydoc_get(doc, map, "timeout")) != NULL &&
        (rc = ydoc_duration(doc, v, "timeout", &timeout_s, err)) == REH_OK &&
        timeout_s > CONFIG_TIMEOUT_MAX_S)
        rc = ydoc_fail(doc, v, err, "'timeout' must be at most 5m (found %s)",
                       duration_format(timeout_s, shown, sizeof shown));
    if (rc == REH_OK && (v = ydoc_get(doc, map, "allow_remote")) != NULL)
        rc = ydoc_choice(doc, v, "allow_remote", BOOLEAN_NAMES, &itv->allow_remote, err);
    if (rc == REH_OK && (v = ydoc_get(doc, map, "rubric")) != NULL)
        rc = ydoc_choice(doc, v, "rubric", BOOLEAN_NAMES, &itv->rubric, err);
    if (rc == REH_OK && (v = ydoc_get(doc, map, "rubric_in_schedule")) != NULL)
        rc =
            ydoc_choice(doc, v, "rubric_in_schedule", BOOLEAN_NAMES, &itv->rubric_in_schedule, err);
    if (rc != REH_OK)
        return rc;
    itv->timeout_ms = timeout_s * 1000u;
    itv->file = arena_strdup(&cfg->arena, path);
    itv->line = ydoc_line(url);
    itv->column = ydoc_column(url);
    if (itv->file == NULL)
        return diag_set(err, REH_ENOMEM, "out of memory");
    cfg->interviewer = itv;
    return REH_OK;
}

int config_load(struct config *cfg, struct diag *err)
{
    char path[PATH_MAX];
    struct ydoc doc;
    memset(cfg, 0, sizeof *cfg);
    if (!config_path(path) || access(path, F_OK) != 0)
        return REH_OK;
    int rc = ydoc_load_file(&doc, path, err);
    if (rc != REH_OK)
        return rc;
    yaml_node_t *root = ydoc_root(&doc), *v;
    if (root != NULL) {
        rc = ydoc_check_mapping(&doc, root, "the settings", CONFIG_KEYS, err);
        if (rc == REH_OK && (v = ydoc_get(&doc, root, "transcriber")) != NULL) {
            const char **argv;
            rc = ydoc_text_list(&doc, v, "transcriber", &cfg->arena, &argv, &cfg->n_transcriber,
                                err);
            if (rc == REH_OK && cfg->n_transcriber == 0)
                rc = ydoc_fail(&doc, v, err,
                               "'transcriber' is empty; give the command and its "
                               "arguments, or remove the key");
            if (rc == REH_OK) {
                cfg->transcriber =
                    arena_alloc(&cfg->arena, (cfg->n_transcriber + 1) * sizeof *argv);
                if (cfg->transcriber == NULL)
                    rc = diag_set(err, REH_ENOMEM, "out of memory");
                else
                    memcpy(cfg->transcriber, argv, cfg->n_transcriber * sizeof *argv);
            }
        }
        if (rc == REH_OK && (v = ydoc_get(&doc, root, "interviewer")) != NULL)
            rc = config_interviewer(cfg, &doc, v, path, err);
    }
    ydoc_free(&doc);
    return rc;
}

void config_free(struct config *cfg)
{
    arena_free(&cfg->arena);
    memset(cfg, 0, sizeof *cfg);
}
