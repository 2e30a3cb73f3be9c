/* term_markdown: walks the tree libcmark parses and lays each block out as
 * lines: the prefixes of the containers it is in (a quote's bar, a list
 * item's bullet then its indent), then its words, wrapped to the width. */
#include "term_markdown.h"
#include "../core/strbuf.h"
#include "../core/text.h"

#include <cmark.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_DEPTH 16
#define MIN_WIDTH 20

/* The prefix a container puts before each line of what it holds: `first`
 * on its first line, `rest` on the others. */
struct prefix {
    char first[16], rest[16];
    const char *sgr; /* its style, NULL: none */
    int used;        /* its first line is written */
};

/* A run of text in one style; a word is one or more runs, a line one or
 * more words. */
struct run {
    const char *text;
    size_t len;
    char sgr[16];
    int space_before; /* starts a new word */
    int break_before; /* starts a new line */
};

struct layout {
    struct strbuf out;
    unsigned width;
    int color;
    struct prefix prefixes[MAX_DEPTH];
    size_t depth;
    struct run *runs;
    size_t n_runs, cap_runs;
    int failed;
};

/* Columns taken by n bytes of text on a terminal (wide and combining
 * characters counted as they show). */
static unsigned columns(const char *s, size_t n)
{
    return (unsigned)text_columns(s, n);
}

static void styled(struct layout *l, const char *sgr, const char *text, size_t len)
{
    if (l->color && sgr != NULL && sgr[0] != '\0')
        strbuf_printf(&l->out, "\033[%sm%.*s\033[0m", sgr, (int)len, text);
    else
        strbuf_append(&l->out, text, len);
}

/* Writes the prefixes of a new line and returns their width; a blank line's
 * without trailing spaces. */
static unsigned begin_line(struct layout *l, int blank)
{
    unsigned w = 0;
    for (size_t i = 0; i < l->depth; i++) {
        struct prefix *p = &l->prefixes[i];
        const char *s = p->used ? p->rest : p->first;
        size_t n = strlen(s);
        if (blank)
            while (n > 0 && s[n - 1] == ' ')
                n--;
        if (!blank)
            p->used = 1;
        styled(l, p->sgr, s, n);
        w += columns(s, strlen(s));
    }
    return w;
}

static void blank_line(struct layout *l)
{
    begin_line(l, 1);
    strbuf_append(&l->out, "\n", 1);
}

static void add_run(struct layout *l, const char *text, size_t len, const char *sgr, int space,
                    int brk)
{
    if (l->n_runs == l->cap_runs) {
        size_t cap = l->cap_runs ? 2 * l->cap_runs : 64;
        struct run *more = realloc(l->runs, cap * sizeof *more);
        if (more == NULL) {
            l->failed = 1;
            return;
        }
        l->runs = more;
        l->cap_runs = cap;
    }
    struct run *r = &l->runs[l->n_runs++];
    r->text = text;
    r->len = len;
    snprintf(r->sgr, sizeof r->sgr, "%s", sgr);
    r->space_before = space;
    r->break_before = brk;
}

/* Cuts text into runs at its spaces: a space starts a new word. */
static void add_text(struct layout *l, const char *text, const char *sgr, int *space)
{
    for (const char *s = text; *s != '\0';) {
        size_t gap = strspn(s, " ");
        *space |= gap > 0;
        s += gap;
        size_t n = strcspn(s, " ");
        if (n > 0) {
            add_run(l, s, n, sgr, *space, 0);
            *space = 0;
        }
        s += n;
    }
}

/* The runs of the inline nodes under `node`, in the style `sgr` and
 * what they add to it. *space: the next run starts a new word. */
static void inlines(struct layout *l, cmark_node *node, const char *sgr, int *space)
{
    for (cmark_node *n = cmark_node_first_child(node); n != NULL; n = cmark_node_next(n)) {
        char inner[16];
        const char *add = NULL;
        switch (cmark_node_get_type(n)) {
        case CMARK_NODE_TEXT:
        case CMARK_NODE_HTML_INLINE:
            add_text(l, cmark_node_get_literal(n), sgr, space);
            break;
        case CMARK_NODE_CODE:
            snprintf(inner, sizeof inner, "%s%s33", sgr, sgr[0] ? ";" : "");
            add_text(l, cmark_node_get_literal(n), inner, space);
            break;
        case CMARK_NODE_SOFTBREAK:
            *space = 1;
            break;
        case CMARK_NODE_LINEBREAK:
            add_run(l, "", 0, "", 0, 1);
            *space = 0;
            break;
        case CMARK_NODE_STRONG:
            add = "1";
            break;
        case CMARK_NODE_EMPH:
            add = "3";
            break;
        case CMARK_NODE_LINK:
        case CMARK_NODE_IMAGE:
            add = "4";
            break;
        default:
            inlines(l, n, sgr, space);
            break;
        }
        if (add != NULL) {
            snprintf(inner, sizeof inner, "%s%s%s", sgr, sgr[0] ? ";" : "", add);
            inlines(l, n, inner, space);
        }
    }
}

/* Switches the style of what follows from *open to sgr. */
static void restyle(struct layout *l, const char **open, const char *sgr)
{
    if (!l->color || strcmp(*open, sgr) == 0)
        return;
    if ((*open)[0] != '\0')
        strbuf_printf(&l->out, "\033[0m");
    if (sgr[0] != '\0')
        strbuf_printf(&l->out, "\033[%sm", sgr);
    *open = sgr;
}

/* Lays the runs gathered out as lines, words whole, and forgets them. */
static void flow(struct layout *l)
{
    size_t i = 0;
    while (i < l->n_runs) {
        unsigned taken = begin_line(l, 0), used = 0;
        unsigned left = l->width > taken ? l->width - taken : 1;
        const char *open = "";
        int first = 1;
        if (l->runs[i].break_before && l->runs[i].len == 0)
            i++;
        while (i < l->n_runs) {
            size_t end = i + 1; /* the word: runs up to the next space */
            unsigned w = columns(l->runs[i].text, l->runs[i].len);
            while (end < l->n_runs && !l->runs[end].space_before && !l->runs[end].break_before)
                w += columns(l->runs[end].text, l->runs[end].len), end++;
            if (l->runs[i].break_before || (!first && used + 1 + w > left))
                break;
            if (!first) {
                if (strcmp(open, l->runs[i].sgr) != 0)
                    restyle(l, &open, "");
                strbuf_append(&l->out, " ", 1);
            }
            for (; i < end; i++) {
                restyle(l, &open, l->runs[i].sgr);
                strbuf_append(&l->out, l->runs[i].text, l->runs[i].len);
            }
            used += w + !first;
            first = 0;
        }
        restyle(l, &open, "");
        strbuf_append(&l->out, "\n", 1);
    }
    l->n_runs = 0;
}

/* Writes the lines of a literal block as they are. */
static void literal(struct layout *l, const char *text, const char *sgr)
{
    for (const char *s = text; *s != '\0';) {
        size_t n = strcspn(s, "\n");
        begin_line(l, 0);
        styled(l, sgr, s, n);
        strbuf_append(&l->out, "\n", 1);
        s += n + (s[n] == '\n');
    }
}

static void block(struct layout *l, cmark_node *node);

/* The blocks under node, a blank line between them unless `tight`, each
 * behind the prefix p (NULL: none more). */
static void blocks(struct layout *l, cmark_node *node, const struct prefix *p, int tight)
{
    if (p != NULL && l->depth < MAX_DEPTH)
        l->prefixes[l->depth++] = *p;
    else
        p = NULL;
    for (cmark_node *n = cmark_node_first_child(node); n != NULL; n = cmark_node_next(n)) {
        if (n != cmark_node_first_child(node) && !tight)
            blank_line(l);
        block(l, n);
    }
    if (p != NULL)
        l->depth--;
}

static void list(struct layout *l, cmark_node *node)
{
    int ordered = cmark_node_get_list_type(node) == CMARK_ORDERED_LIST;
    int number = cmark_node_get_list_start(node), tight = cmark_node_get_list_tight(node);
    char close = cmark_node_get_list_delim(node) == CMARK_PAREN_DELIM ? ')' : '.';
    for (cmark_node *item = cmark_node_first_child(node); item != NULL;
         item = cmark_node_next(item)) {
        struct prefix p = {.sgr = NULL};
        if (ordered)
            snprintf(p.first, sizeof p.first, "%d%c ", number++, close);
        else
            snprintf(p.first, sizeof p.first, "\u2022 ");
        snprintf(p.rest, sizeof p.rest, "%*s", (int)columns(p.first, strlen(p.first)), "");
        if (item != cmark_node_first_child(node) && !tight)
            blank_line(l);
        blocks(l, item, &p, tight);
    }
}

static void block(struct layout *l, cmark_node *node)
{
    static const struct prefix quote = {"\u2502 ", "\u2502 ", "36", 0};
    static const char *const heading_sgr[] = {"1;4", "1", "1", "1", "1", "1", "1"};
    int space = 0;
    switch (cmark_node_get_type(node)) {
    case CMARK_NODE_PARAGRAPH:
        inlines(l, node, "", &space);
        flow(l);
        break;
    case CMARK_NODE_HEADING: {
        int level = cmark_node_get_heading_level(node);
        inlines(l, node, heading_sgr[level >= 1 && level <= 6 ? level - 1 : 6], &space);
        flow(l);
        break;
    }
    case CMARK_NODE_BLOCK_QUOTE:
        blocks(l, node, &quote, 0);
        break;
    case CMARK_NODE_LIST:
        list(l, node);
        break;
    case CMARK_NODE_CODE_BLOCK:
        literal(l, cmark_node_get_literal(node), "33");
        break;
    case CMARK_NODE_HTML_BLOCK:
        literal(l, cmark_node_get_literal(node), NULL);
        break;
    case CMARK_NODE_THEMATIC_BREAK: {
        unsigned w = l->width - begin_line(l, 0);
        for (unsigned i = 0; i < (w < 40 ? w : 40); i++)
            styled(l, "2", "\u2500", strlen("\u2500"));
        strbuf_append(&l->out, "\n", 1);
        break;
    }
    default:
        blocks(l, node, NULL, 0);
        break;
    }
}

char *term_markdown(const char *markdown, unsigned width, int color)
{
    struct layout l = {.width = width < MIN_WIDTH ? MIN_WIDTH : width, .color = color};
    cmark_node *doc = cmark_parse_document(markdown, strlen(markdown), CMARK_OPT_DEFAULT);
    if (doc == NULL)
        return NULL;
    blocks(&l, doc, NULL, 0);
    cmark_node_free(doc);
    free(l.runs);
    char *out = strbuf_finish(&l.out);
    if (l.failed) {
        free(out);
        return NULL;
    }
    return out;
}
