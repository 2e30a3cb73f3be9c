/* yamldoc: pre-checks of the raw text, an event pass that refuses aliases and
 * deep nesting and reports syntax errors, then libyaml's document loader. */
#include "yamldoc.h"
#include "duration.h"
#include "text.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *node_kind(const yaml_node_t *node)
{
    switch (node->type) {
    case YAML_SCALAR_NODE:
        return "text";
    case YAML_SEQUENCE_NODE:
        return "a list";
    case YAML_MAPPING_NODE:
        return "a mapping";
    default:
        return "nothing";
    }
}

size_t ydoc_line(const yaml_node_t *node)
{
    return node->start_mark.line + 1;
}

size_t ydoc_column(const yaml_node_t *node)
{
    return node->start_mark.column + 1;
}

int ydoc_fail(const struct ydoc *doc, const yaml_node_t *at, struct diag *err, const char *fmt, ...)
{
    char text[DIAG_MAX];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(text, sizeof text, fmt, ap);
    va_end(ap);
    return diag_at(err, doc->name, ydoc_line(at), ydoc_column(at), "%s", text);
}

int ydoc_keep(struct ydoc *doc, int rc, const struct diag *err)
{
    if (rc != REH_EDATA || doc->errors == NULL || doc->errors->n >= YDOC_MAX_ERRORS)
        return rc;
    doc->errors->list[doc->errors->n++] = *err;
    return REH_OK;
}

int ydoc_kept(struct ydoc *doc, int rc, struct diag *err)
{
    if (rc != REH_OK) {
        ydoc_keep(doc, rc, err);
        return rc;
    }
    if (doc->errors == NULL || doc->errors->n == 0)
        return REH_OK;
    *err = doc->errors->list[0];
    return REH_EDATA;
}

/* Names control character cp in messages: "U+001B (^[)", "U+009B". */
static const char *control_text(uint32_t cp, char *out, size_t size)
{
    char name[TEXT_CONTROL_MAX];
    text_control_name(cp, name);
    if (name[0] == '^')
        snprintf(out, size, "U+%04X (%s)", (unsigned)cp, name);
    else
        snprintf(out, size, "U+%04X", (unsigned)cp);
    return out;
}

/* Checks encoding and indentation line by line, counting columns in
 * characters as libyaml does. */
static int check_text(const char *name, const unsigned char *text, size_t len, struct diag *err)
{
    size_t line = 1, col = 1;
    int in_indent = 1;
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        char shown[32];
        size_t n = text_utf8_next((const char *)text + i, len - i, &cp);
        if (cp == TEXT_INVALID)
            return diag_at(err, name, line, col,
                           "invalid UTF-8 (byte 0x%02x); save the file as UTF-8", text[i]);
        if (text[i] == '\0')
            return diag_at(err, name, line, col, "NUL byte in a text file");
        if (text_is_control(cp) && cp != '\r')
            return diag_at(err, name, line, col, "control character %s in a text file; remove it",
                           control_text(cp, shown, sizeof shown));
        if (text[i] == '\n') {
            line++, col = 1, in_indent = 1;
        } else {
            if (in_indent && text[i] == '\t')
                return diag_at(err, name, line, col,
                               "tab character in indentation; indent with spaces");
            if (text[i] != ' ' && text[i] != '\t')
                in_indent = 0;
            col++;
        }
        i += n;
    }
    return REH_OK;
}

static int parser_failure(const char *name, const yaml_parser_t *parser, struct diag *err)
{
    if (parser->error == YAML_MEMORY_ERROR)
        return diag_set(err, REH_ENOMEM, "%s: out of memory while parsing", name);
    const yaml_mark_t *mark = &parser->problem_mark;
    if (parser->context != NULL)
        return diag_at(err, name, mark->line + 1, mark->column + 1,
                       "YAML syntax error: %s %s started at line %zu, column %zu", parser->problem,
                       parser->context, parser->context_mark.line + 1,
                       parser->context_mark.column + 1);
    return diag_at(err, name, mark->line + 1, mark->column + 1, "YAML syntax error: %s",
                   parser->problem ? parser->problem : "unreadable input");
}

/* Walks the event stream once: syntax errors, aliases, nesting depth and
 * extra documents are reported here with their exact position. */
static int check_events(const char *name, const unsigned char *text, size_t len, struct diag *err)
{
    yaml_parser_t parser;
    yaml_event_t event;
    int depth = 0, documents = 0, rc = REH_OK, done = 0;

    if (!yaml_parser_initialize(&parser))
        return diag_set(err, REH_ENOMEM, "%s: out of memory", name);
    yaml_parser_set_input_string(&parser, text, len);
    while (!done && rc == REH_OK) {
        if (!yaml_parser_parse(&parser, &event)) {
            rc = parser_failure(name, &parser, err);
            break;
        }
        const yaml_mark_t *m = &event.start_mark;
        switch (event.type) {
        case YAML_ALIAS_EVENT:
            rc = diag_at(err, name, m->line + 1, m->column + 1,
                         "aliases are not supported (*%s); write the value out in full",
                         (const char *)event.data.alias.anchor);
            break;
        case YAML_DOCUMENT_START_EVENT:
            if (++documents > 1)
                rc = diag_at(err, name, m->line + 1, m->column + 1,
                             "a second YAML document; a file holds exactly one");
            break;
        case YAML_SEQUENCE_START_EVENT:
        case YAML_MAPPING_START_EVENT:
            if (++depth > YDOC_MAX_DEPTH)
                rc = diag_at(err, name, m->line + 1, m->column + 1, "nested deeper than %d levels",
                             YDOC_MAX_DEPTH);
            break;
        case YAML_SEQUENCE_END_EVENT:
        case YAML_MAPPING_END_EVENT:
            depth--;
            break;
        case YAML_STREAM_END_EVENT:
            done = 1;
            break;
        default:
            break;
        }
        yaml_event_delete(&event);
    }
    yaml_parser_delete(&parser);
    return rc;
}

int ydoc_load_buffer(struct ydoc *doc, const char *name, const unsigned char *text, size_t len,
                     struct diag *err)
{
    yaml_parser_t parser;
    int rc;

    memset(doc, 0, sizeof *doc);
    if (len > YDOC_MAX_BYTES)
        return diag_at(err, name, 1, 1, "file is larger than %u KiB", YDOC_MAX_BYTES / 1024);
    rc = check_text(name, text, len, err);
    if (rc == REH_OK)
        rc = check_events(name, text, len, err);
    if (rc != REH_OK)
        return rc;

    doc->name = strdup(name);
    if (doc->name == NULL || !yaml_parser_initialize(&parser)) {
        free(doc->name);
        doc->name = NULL;
        return diag_set(err, REH_ENOMEM, "%s: out of memory", name);
    }
    yaml_parser_set_input_string(&parser, text, len);
    if (!yaml_parser_load(&parser, &doc->doc)) {
        rc = parser_failure(name, &parser, err);
        free(doc->name);
        doc->name = NULL;
    } else {
        doc->loaded = 1;
    }
    yaml_parser_delete(&parser);
    return rc;
}

int ydoc_load_file(struct ydoc *doc, const char *path, struct diag *err)
{
    unsigned char *text = NULL;
    size_t len = 0;
    int rc = REH_OK;
    FILE *f = fopen(path, "rb");

    memset(doc, 0, sizeof *doc);
    if (f == NULL)
        return diag_set(err, REH_EIO, "%s: cannot open: %s", path, strerror(errno));
    text = malloc(YDOC_MAX_BYTES + 1);
    if (text == NULL) {
        rc = diag_set(err, REH_ENOMEM, "%s: out of memory", path);
        goto done;
    }
    len = fread(text, 1, YDOC_MAX_BYTES + 1, f);
    if (ferror(f)) {
        rc = diag_set(err, REH_EIO, "%s: cannot read: %s", path, strerror(errno));
        goto done;
    }
    rc = ydoc_load_buffer(doc, path, text, len, err);
done:
    free(text);
    fclose(f);
    return rc;
}

void ydoc_free(struct ydoc *doc)
{
    if (doc->loaded)
        yaml_document_delete(&doc->doc);
    free(doc->name);
    memset(doc, 0, sizeof *doc);
}

yaml_node_t *ydoc_root(struct ydoc *doc)
{
    return yaml_document_get_root_node(&doc->doc);
}

static const char *scalar(const yaml_node_t *node)
{
    return (const char *)node->data.scalar.value;
}

int ydoc_check_mapping(struct ydoc *doc, yaml_node_t *node, const char *what,
                       const char *const allowed[], struct diag *err)
{
    if (node->type != YAML_MAPPING_NODE)
        return ydoc_fail(doc, node, err, "expected a mapping for %s, found %s", what,
                         node_kind(node));
    for (yaml_node_pair_t *p = node->data.mapping.pairs.start; p < node->data.mapping.pairs.top;
         p++) {
        yaml_node_t *key = yaml_document_get_node(&doc->doc, p->key);
        if (key->type != YAML_SCALAR_NODE)
            return ydoc_fail(doc, key, err, "expected a plain key in %s, found %s", what,
                             node_kind(key));
        size_t i = 0;
        while (allowed[i] != NULL && strcmp(allowed[i], scalar(key)) != 0)
            i++;
        if (allowed[i] == NULL) {
            char expected[DIAG_MAX / 2] = "";
            size_t n = 0;
            for (size_t j = 0; allowed[j] != NULL && n < sizeof expected; j++)
                n += (size_t)snprintf(expected + n, sizeof expected - n, "%s%s", j ? ", " : "",
                                      allowed[j]);
            return ydoc_fail(doc, key, err, "unknown key '%.64s' in %s; expected one of: %s",
                             scalar(key), what, expected);
        }
        for (yaml_node_pair_t *q = node->data.mapping.pairs.start; q < p; q++) {
            yaml_node_t *earlier = yaml_document_get_node(&doc->doc, q->key);
            if (strcmp(scalar(earlier), scalar(key)) == 0)
                return ydoc_fail(doc, key, err, "duplicate key '%s' in %s", scalar(key), what);
        }
    }
    return REH_OK;
}

yaml_node_t *ydoc_get(struct ydoc *doc, yaml_node_t *map, const char *key)
{
    for (yaml_node_pair_t *p = map->data.mapping.pairs.start; p < map->data.mapping.pairs.top;
         p++) {
        yaml_node_t *k = yaml_document_get_node(&doc->doc, p->key);
        if (k->type == YAML_SCALAR_NODE && strcmp(scalar(k), key) == 0)
            return yaml_document_get_node(&doc->doc, p->value);
    }
    return NULL;
}

int ydoc_require(struct ydoc *doc, yaml_node_t *map, const char *key, const char *what,
                 yaml_node_t **value, struct diag *err)
{
    *value = ydoc_get(doc, map, key);
    if (*value == NULL)
        return ydoc_fail(doc, map, err, "missing key '%s' in %s", key, what);
    return REH_OK;
}

/* A scalar with no NUL inside and something other than white space. */
static int plain_text(struct ydoc *doc, yaml_node_t *node, const char *what, const char **out,
                      struct diag *err)
{
    if (node->type != YAML_SCALAR_NODE)
        return ydoc_fail(doc, node, err, "expected text for '%s', found %s", what, node_kind(node));
    const char *s = scalar(node);
    if (strlen(s) != node->data.scalar.length)
        return ydoc_fail(doc, node, err, "'%s' contains a NUL character", what);
    for (size_t i = 0; i < node->data.scalar.length;) {
        uint32_t cp;
        char shown[32];
        i += text_utf8_next(s + i, node->data.scalar.length - i, &cp);
        if (text_is_control(cp) || cp == '\r')
            return ydoc_fail(doc, node, err,
                             "'%s' contains the control character %s; only newlines and tabs "
                             "may be written in text",
                             what, control_text(cp, shown, sizeof shown));
    }
    if (s[strspn(s, " \t\r\n")] == '\0')
        return ydoc_fail(doc, node, err, "'%s' is empty", what);
    *out = s;
    return REH_OK;
}

int ydoc_text(struct ydoc *doc, yaml_node_t *node, const char *what, struct arena *arena,
              const char **out, struct diag *err)
{
    const char *s = NULL;
    int rc = plain_text(doc, node, what, &s, err);
    if (rc != REH_OK)
        return rc;
    *out = arena_strdup(arena, s);
    if (*out == NULL)
        return diag_set(err, REH_ENOMEM, "%s: out of memory", doc->name);
    return REH_OK;
}

int ydoc_slug(struct ydoc *doc, yaml_node_t *node, const char *what, struct arena *arena,
              const char **out, struct diag *err)
{
    int rc = ydoc_text(doc, node, what, arena, out, err);
    if (rc != REH_OK)
        return rc;
    const char *s = *out;
    size_t len = strlen(s);
    if (len > 64 || s[0] == '-' || strspn(s, "abcdefghijklmnopqrstuvwxyz0123456789-") != len)
        return ydoc_fail(doc, node, err,
                         "'%s' must be a slug of at most 64 characters a-z, 0-9 and '-', "
                         "not starting with '-' (found \"%.64s\")",
                         what, s);
    return REH_OK;
}

int ydoc_duration(struct ydoc *doc, yaml_node_t *node, const char *what, unsigned *seconds,
                  struct diag *err)
{
    const char *s = NULL, *why = NULL;
    int rc = plain_text(doc, node, what, &s, err);
    if (rc != REH_OK)
        return rc;
    if (duration_parse(s, seconds, &why) != REH_OK)
        return ydoc_fail(doc, node, err, "'%s': %s (found \"%.32s\")", what, why, s);
    return REH_OK;
}

int ydoc_uint(struct ydoc *doc, yaml_node_t *node, const char *what, unsigned long long min,
              unsigned long long max, unsigned long long *out, struct diag *err)
{
    const char *s = NULL;
    char *end;
    int rc = plain_text(doc, node, what, &s, err);
    if (rc != REH_OK)
        return rc;
    errno = 0;
    unsigned long long v = strtoull(s, &end, 10);
    if (s[0] < '0' || s[0] > '9' || *end != '\0' || errno == ERANGE || v < min || v > max)
        return ydoc_fail(doc, node, err,
                         "'%s' must be a whole number from %llu to %llu (found "
                         "\"%.32s\")",
                         what, min, max, s);
    *out = v;
    return REH_OK;
}

int ydoc_choice(struct ydoc *doc, yaml_node_t *node, const char *what, const char *const names[],
                int *index, struct diag *err)
{
    const char *s = NULL;
    int rc = plain_text(doc, node, what, &s, err);
    if (rc != REH_OK)
        return rc;
    char expected[DIAG_MAX / 2] = "";
    size_t n = 0;
    for (int i = 0; names[i] != NULL; i++) {
        if (strcmp(names[i], s) == 0) {
            *index = i;
            return REH_OK;
        }
        if (n < sizeof expected)
            n += (size_t)snprintf(expected + n, sizeof expected - n, "%s%s", i ? ", " : "",
                                  names[i]);
    }
    return ydoc_fail(doc, node, err, "'%s' must be one of %s (found \"%.32s\")", what, expected, s);
}

int ydoc_check_sequence(struct ydoc *doc, yaml_node_t *node, const char *what, struct diag *err)
{
    if (node->type != YAML_SEQUENCE_NODE)
        return ydoc_fail(doc, node, err, "expected a list for '%s', found %s", what,
                         node_kind(node));
    return REH_OK;
}

size_t ydoc_length(const yaml_node_t *seq)
{
    return (size_t)(seq->data.sequence.items.top - seq->data.sequence.items.start);
}

yaml_node_t *ydoc_item(struct ydoc *doc, const yaml_node_t *seq, size_t i)
{
    return yaml_document_get_node(&doc->doc, seq->data.sequence.items.start[i]);
}

int ydoc_list(struct ydoc *doc, yaml_node_t *node, const char *what, const char *hint,
              struct arena *arena, size_t size, void **items, size_t *count, struct diag *err)
{
    int rc = ydoc_check_sequence(doc, node, what, err);
    if (rc != REH_OK)
        return rc;
    size_t n = ydoc_length(node);
    if (n == 0)
        return ydoc_fail(doc, node, err, "'%s' is empty; %s", what, hint);
    if ((*items = arena_alloc(arena, n * size)) == NULL)
        return diag_set(err, REH_ENOMEM, "%s: out of memory", doc->name);
    *count = n;
    return REH_OK;
}

int ydoc_text_list(struct ydoc *doc, yaml_node_t *node, const char *what, struct arena *arena,
                   const char ***items, size_t *count, struct diag *err)
{
    int rc = ydoc_check_sequence(doc, node, what, err);
    if (rc != REH_OK)
        return rc;
    size_t n = ydoc_length(node);
    const char **list = arena_alloc(arena, (n ? n : 1) * sizeof *list);
    if (list == NULL)
        return diag_set(err, REH_ENOMEM, "%s: out of memory", doc->name);
    for (size_t i = 0; i < n; i++) {
        rc = ydoc_text(doc, ydoc_item(doc, node, i), what, arena, &list[i], err);
        if (rc != REH_OK)
            return rc;
    }
    *items = list;
    *count = n;
    return REH_OK;
}
