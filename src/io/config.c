/* config: one YAML mapping, read with yamldoc. */
#include "config.h"
#include "../core/yamldoc.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char *const CONFIG_KEYS[] = {"transcriber", NULL};

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
    }
    ydoc_free(&doc);
    return rc;
}

void config_free(struct config *cfg)
{
    arena_free(&cfg->arena);
    memset(cfg, 0, sizeof *cfg);
}
