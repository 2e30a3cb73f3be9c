/* lm: counts of words, word pairs and triples, turned into interpolated
 * Witten-Bell probabilities. For a history h seen c(h) times followed by
 * n(h) different words,
 *   p(w | h) = (c(h w) + n(h) p(w | h')) / (c(h) + n(h)),
 * h' being h without its first word; a word never seen after h gets the
 * back-off weight n(h) / (c(h) + n(h)) times p(w | h'), which is what the
 * ARPA format stores beside h. */
#include "lm.h"
#include "strbuf.h"

#include <ctype.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define BOS 0 /* <s> */
#define EOS 1 /* </s> */
#define UNK 2 /* <UNK>: the words of other models (see lm.h) */

struct gram {
    uint32_t w[3];
    uint32_t count;
};

/* The words of the text and their ids, an open-addressing hash table. */
struct vocab {
    char (*words)[LM_WORD_MAX + 1];
    size_t n;
    uint32_t *slots; /* id + 1, 0 for a free slot */
    size_t n_slots;  /* a power of two, more than twice the words */
};

struct model {
    struct vocab v;
    uint32_t *tokens; /* sentences, each <s> words </s> */
    size_t n_tokens;
    uint32_t *count1;     /* per word */
    struct gram *g2, *g3; /* sorted, counted */
    size_t n2, n3;
    double *hist_c1, *hist_n1;      /* per word as a history */
    double *p2, *hist_c2, *hist_n2; /* per pair */
};

static uint32_t vocab_id(struct vocab *v, const char *word)
{
    uint32_t h = 2166136261u;
    for (const char *c = word; *c; c++)
        h = (h ^ (unsigned char)*c) * 16777619u;
    for (size_t i = h & (v->n_slots - 1);; i = (i + 1) & (v->n_slots - 1)) {
        if (v->slots[i] == 0) {
            strcpy(v->words[v->n], word);
            v->slots[i] = (uint32_t)++v->n;
            return v->slots[i] - 1;
        }
        if (strcmp(v->words[v->slots[i] - 1], word) == 0)
            return v->slots[i] - 1;
    }
}

static int is_word_char(char c)
{
    return isalnum((unsigned char)c) || c == '\'';
}

static int ends_sentence(char c)
{
    return c == '.' || c == '!' || c == '?' || c == ';' || c == ':' || c == '\n';
}

/* Splits text into tokens; model.tokens must have room for them all. */
static void tokenize(struct model *m, const char *text)
{
    int open = 0; /* a sentence has started */
    for (const char *p = text;;) {
        if (*p == '\0' || ends_sentence(*p)) {
            if (open)
                m->tokens[m->n_tokens++] = EOS;
            open = 0;
            if (*p++ == '\0')
                return;
            continue;
        }
        if (!is_word_char(*p)) {
            p++;
            continue;
        }
        size_t len = 0;
        while (is_word_char(p[len]))
            len++;
        const char *start = p;
        p += len;
        while (len > 0 && *start == '\'') /* quotes, not apostrophes */
            start++, len--;
        while (len > 0 && start[len - 1] == '\'')
            len--;
        if (len == 0 || len > LM_WORD_MAX)
            continue;
        char word[LM_WORD_MAX + 1];
        for (size_t i = 0; i < len; i++)
            word[i] = (char)tolower((unsigned char)start[i]);
        word[len] = '\0';
        if (!open)
            m->tokens[m->n_tokens++] = BOS;
        open = 1;
        m->tokens[m->n_tokens++] = vocab_id(&m->v, word);
    }
}

static int gram_cmp(const void *a, const void *b)
{
    const struct gram *x = a, *y = b;
    for (int i = 0; i < 3; i++)
        if (x->w[i] != y->w[i])
            return x->w[i] < y->w[i] ? -1 : 1;
    return 0;
}

/* Collects the n-grams of order `order` into a new sorted array of distinct
 * ones with their counts. */
static struct gram *collect(const struct model *m, int order, size_t *n)
{
    struct gram *g = calloc(m->n_tokens + 1, sizeof *g);
    size_t k = 0;
    if (g == NULL)
        return NULL;
    for (size_t i = 0; i + (size_t)order <= m->n_tokens; i++) {
        int crosses = 0;
        for (int j = 0; j < order - 1; j++)
            crosses |= m->tokens[i + (size_t)j] == EOS;
        if (crosses || m->tokens[i + (size_t)order - 1] == BOS)
            continue;
        for (int j = 0; j < order; j++)
            g[k].w[j] = m->tokens[i + (size_t)j];
        g[k++].count = 1;
    }
    qsort(g, k, sizeof *g, gram_cmp);
    size_t out = 0;
    for (size_t i = 0; i < k; i++) {
        if (out > 0 && gram_cmp(&g[out - 1], &g[i]) == 0)
            g[out - 1].count++;
        else
            g[out++] = g[i];
    }
    *n = out;
    return g;
}

/* The index of the pair (a, b) among the pairs. */
static size_t pair_index(const struct model *m, uint32_t a, uint32_t b)
{
    struct gram key = {{a, b, 0}, 0};
    const struct gram *at = bsearch(&key, m->g2, m->n2, sizeof *m->g2, gram_cmp);
    return (size_t)(at - m->g2);
}

static double p1(const struct model *m, uint32_t w, double total)
{
    return m->count1[w] / total;
}

/* Counts everything and estimates the pairs' probabilities. */
static int estimate(struct model *m, double *total)
{
    size_t nv = m->v.n;
    m->count1 = calloc(nv, sizeof *m->count1);
    m->hist_c1 = calloc(nv, sizeof *m->hist_c1);
    m->hist_n1 = calloc(nv, sizeof *m->hist_n1);
    m->g2 = collect(m, 2, &m->n2);
    m->g3 = collect(m, 3, &m->n3);
    m->p2 = calloc(m->n2 + 1, sizeof *m->p2);
    m->hist_c2 = calloc(m->n2 + 1, sizeof *m->hist_c2);
    m->hist_n2 = calloc(m->n2 + 1, sizeof *m->hist_n2);
    if (m->count1 == NULL || m->hist_c1 == NULL || m->hist_n1 == NULL || m->g2 == NULL ||
        m->g3 == NULL || m->p2 == NULL || m->hist_c2 == NULL || m->hist_n2 == NULL)
        return REH_ENOMEM;
    *total = 0;
    for (size_t i = 0; i < m->n_tokens; i++) {
        m->count1[m->tokens[i]]++;
        *total += m->tokens[i] != BOS;
    }
    for (size_t i = 0; i < m->n2; i++) {
        m->hist_c1[m->g2[i].w[0]] += m->g2[i].count;
        m->hist_n1[m->g2[i].w[0]] += 1;
    }
    for (size_t i = 0; i < m->n2; i++) {
        uint32_t u = m->g2[i].w[0], v = m->g2[i].w[1];
        m->p2[i] =
            (m->g2[i].count + m->hist_n1[u] * p1(m, v, *total)) / (m->hist_c1[u] + m->hist_n1[u]);
    }
    for (size_t i = 0; i < m->n3; i++) {
        size_t h = pair_index(m, m->g3[i].w[0], m->g3[i].w[1]);
        m->hist_c2[h] += m->g3[i].count;
        m->hist_n2[h] += 1;
    }
    return REH_OK;
}

static void put_prob(struct strbuf *b, double p)
{
    strbuf_printf(b, "%.6f", log10(p));
}

static void put_bow(struct strbuf *b, double c, double n)
{
    if (n > 0)
        strbuf_printf(b, "\t%.6f", log10(n / (c + n)));
}

static void write_arpa(const struct model *m, double total, struct strbuf *b)
{
    strbuf_printf(b, "\\data\\\nngram 1=%zu\nngram 2=%zu\n", m->v.n, m->n2);
    if (m->n3 > 0)
        strbuf_printf(b, "ngram 3=%zu\n", m->n3);
    strbuf_printf(b, "\n\\1-grams:\n");
    for (uint32_t w = 0; w < m->v.n; w++) {
        if (w == BOS || w == UNK)
            strbuf_printf(b, "-99.000000");
        else
            put_prob(b, p1(m, w, total));
        strbuf_printf(b, "\t%s", m->v.words[w]);
        put_bow(b, m->hist_c1[w], m->hist_n1[w]);
        strbuf_printf(b, "\n");
    }
    strbuf_printf(b, "\n\\2-grams:\n");
    for (size_t i = 0; i < m->n2; i++) {
        put_prob(b, m->p2[i]);
        strbuf_printf(b, "\t%s %s", m->v.words[m->g2[i].w[0]], m->v.words[m->g2[i].w[1]]);
        put_bow(b, m->hist_c2[i], m->hist_n2[i]);
        strbuf_printf(b, "\n");
    }
    if (m->n3 > 0)
        strbuf_printf(b, "\n\\3-grams:\n");
    for (size_t i = 0; i < m->n3; i++) {
        const struct gram *g = &m->g3[i];
        size_t h = pair_index(m, g->w[0], g->w[1]);
        double p = (g->count + m->hist_n2[h] * m->p2[pair_index(m, g->w[1], g->w[2])]) /
                   (m->hist_c2[h] + m->hist_n2[h]);
        put_prob(b, p);
        strbuf_printf(b, "\t%s %s %s\n", m->v.words[g->w[0]], m->v.words[g->w[1]],
                      m->v.words[g->w[2]]);
    }
    strbuf_printf(b, "\n\\end\\\n");
}

int lm_arpa(const char *text, char **arpa, struct diag *err)
{
    size_t len = strlen(text);
    struct model m = {0};
    struct strbuf b = {0};
    double total;
    int rc = REH_ENOMEM;
    *arpa = NULL;
    /* At most a word per two bytes (one and its separator), and three tokens
     * (<s> word </s>) per two; the vocabulary has <s> and </s> besides. */
    size_t most = len + 2;
    for (m.v.n_slots = 16; m.v.n_slots < 2 * most; m.v.n_slots *= 2)
        ;
    m.v.words = malloc(most * sizeof *m.v.words);
    m.v.slots = calloc(m.v.n_slots, sizeof *m.v.slots);
    m.tokens = malloc((2 * len + 3) * sizeof *m.tokens);
    if (m.v.words == NULL || m.v.slots == NULL || m.tokens == NULL)
        goto done;
    vocab_id(&m.v, "<s>");
    vocab_id(&m.v, "</s>");
    vocab_id(&m.v, "<UNK>");
    tokenize(&m, text);
    if (m.n_tokens == 0) {
        rc = diag_set(err, REH_EDATA, "no words to model");
        goto done;
    }
    if (estimate(&m, &total) != REH_OK)
        goto done;
    write_arpa(&m, total, &b);
    *arpa = strbuf_finish(&b);
    rc = *arpa != NULL ? REH_OK : REH_ENOMEM;
done:
    if (rc == REH_ENOMEM)
        diag_set(err, REH_ENOMEM, "out of memory");
    free(m.v.words);
    free(m.v.slots);
    free(m.tokens);
    free(m.count1);
    free(m.hist_c1);
    free(m.hist_n1);
    free(m.g2);
    free(m.g3);
    free(m.p2);
    free(m.hist_c2);
    free(m.hist_n2);
    return rc;
}
