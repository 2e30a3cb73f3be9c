/* yamldoc: loads one YAML document with libyaml after the checks our files
 * need (size, UTF-8, tab indentation, no aliases, bounded nesting) and offers
 * typed accessors whose errors name the file, line and column. The bank and
 * scenario loaders are built on it. */
#ifndef REHEARSE_YAMLDOC_H
#define REHEARSE_YAMLDOC_H

#include "arena.h"
#include "diag.h"

#include <stddef.h>
#include <yaml.h>

#define YDOC_MAX_BYTES (1u << 20)
#define YDOC_MAX_DEPTH 32

#define YDOC_MAX_ERRORS 20

/* The errors of a file kept so that its loader goes on past them. */
struct ydoc_errors {
    struct diag list[YDOC_MAX_ERRORS];
    size_t n;
};

struct ydoc {
    char *name; /* the path shown in messages, owned */
    yaml_document_t doc;
    int loaded;
    /* NULL (loaders stop at the first error), or set by the caller after
     * loading: the loaders keep the errors of list items here, up to
     * YDOC_MAX_ERRORS, and go on with the next item. Not owned. */
    struct ydoc_errors *errors;
};

/* In a loader's loop over the items of a list, after item error rc (err
 * set): REH_OK when the error is kept in doc->errors and the loop goes on
 * with the next item, else rc (the loop stops: no collector, no room left,
 * or not an error of the file's data). */
int ydoc_keep(struct ydoc *doc, int rc, const struct diag *err);

/* At the end of a loader, from its result rc: the first error kept when rc
 * is REH_OK (err set to it), else rc, whose error of the data is kept too
 * while there is room. */
int ydoc_kept(struct ydoc *doc, int rc, struct diag *err);

/* Reads and parses the file at `path`. On success the caller owns `doc` and
 * releases it with ydoc_free; on failure nothing needs freeing. Returns REH_OK,
 * REH_EIO (file unreadable; message says why), REH_EDATA or REH_ENOMEM. */
int ydoc_load_file(struct ydoc *doc, const char *path, struct diag *err);

/* Same as ydoc_load_file for text already in memory; `name` is used in
 * messages. */
int ydoc_load_buffer(struct ydoc *doc, const char *name, const unsigned char *text, size_t len,
                     struct diag *err);

void ydoc_free(struct ydoc *doc);

/* The root node, or NULL for a document with no content. */
yaml_node_t *ydoc_root(struct ydoc *doc);

/* Sets err to "FILE:LINE:COL: message" at the node's position, returns
 * REH_EDATA. */
int ydoc_fail(const struct ydoc *doc, const yaml_node_t *at, struct diag *err, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* Checks that `node` is a mapping whose keys are plain text, unique and among
 * the NULL-terminated `allowed` list. `what` names the mapping in messages
 * ("section", "question"). */
int ydoc_check_mapping(struct ydoc *doc, yaml_node_t *node, const char *what,
                       const char *const allowed[], struct diag *err);

/* The value of `key` in a mapping already checked, or NULL. */
yaml_node_t *ydoc_get(struct ydoc *doc, yaml_node_t *map, const char *key);

/* Like ydoc_get, but a missing key is the error "missing key 'KEY' in WHAT". */
int ydoc_require(struct ydoc *doc, yaml_node_t *map, const char *key, const char *what,
                 yaml_node_t **value, struct diag *err);

/* Copies a non-empty text value into the arena. `what` names the field. */
int ydoc_text(struct ydoc *doc, yaml_node_t *node, const char *what, struct arena *arena,
              const char **out, struct diag *err);

/* Like ydoc_text, and the value must be a slug: [a-z0-9-], starting with a
 * letter or digit, at most 64 characters, so it can be part of a file name. */
int ydoc_slug(struct ydoc *doc, yaml_node_t *node, const char *what, struct arena *arena,
              const char **out, struct diag *err);

/* A duration (see duration.h) in whole seconds. */
int ydoc_duration(struct ydoc *doc, yaml_node_t *node, const char *what, unsigned *seconds,
                  struct diag *err);

/* A whole number in [min, max]. */
int ydoc_uint(struct ydoc *doc, yaml_node_t *node, const char *what, unsigned long long min,
              unsigned long long max, unsigned long long *out, struct diag *err);

/* One of the NULL-terminated `names`; `*index` is its position. */
int ydoc_choice(struct ydoc *doc, yaml_node_t *node, const char *what, const char *const names[],
                int *index, struct diag *err);

/* A sequence of non-empty texts, copied into the arena as an array. */
int ydoc_text_list(struct ydoc *doc, yaml_node_t *node, const char *what, struct arena *arena,
                   const char ***items, size_t *count, struct diag *err);

/* Checks that node is a sequence; `what` names it. */
int ydoc_check_sequence(struct ydoc *doc, yaml_node_t *node, const char *what, struct diag *err);

/* The number of items of a sequence node, and item i of it. */
size_t ydoc_length(const yaml_node_t *seq);
yaml_node_t *ydoc_item(struct ydoc *doc, const yaml_node_t *seq, size_t i);

/* Checks that node is a sequence of at least one item ("'WHAT' is empty;
 * HINT" when it has none) and allocates an array for its items, each of
 * `size` bytes, in the arena: *items (zeroed) and their number *count. */
int ydoc_list(struct ydoc *doc, yaml_node_t *node, const char *what, const char *hint,
              struct arena *arena, size_t size, void **items, size_t *count, struct diag *err);

/* 1-based line and column of a node. */
size_t ydoc_line(const yaml_node_t *node);
size_t ydoc_column(const yaml_node_t *node);

#endif
