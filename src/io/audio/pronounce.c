/* pronounce: a word cut into dictionary words by dynamic programming, and
 * flite's CMU lexicon, whose phones are the dictionary's in lower case with
 * stress marks ("ax" being its unstressed "ah"). */
#include "pronounce.h"

#include <ctype.h>
#include <flite/flite.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_PARTS 4
#define MAX_LEN   64

/* Declared by no header of flite1-dev. */
cst_lexicon *cmu_lex_init(void);

static const char *const digit_names[10] = {"zero", "one", "two",   "three", "four",
                                            "five", "six", "seven", "eight", "nine"};

/* The dictionary's pronunciation of the n bytes at part (a digit by its
 * name), a new string, or NULL. */
static char *lookup(ps_decoder_t *ps, const char *part, size_t n)
{
    char word[MAX_LEN + 1];
    if (n == 1 && isdigit((unsigned char)part[0]))
        return ps_lookup_word(ps, digit_names[part[0] - '0']);
    memcpy(word, part, n);
    word[n] = '\0';
    return ps_lookup_word(ps, word);
}

/* The pronunciation of the fewest dictionary words `word` is made of, into
 * out; 0 when it takes more than MAX_PARTS. */
static int by_parts(ps_decoder_t *ps, const char *word, char *out, size_t size)
{
    size_t len = strlen(word), parts[MAX_LEN + 1], from[MAX_LEN + 1];
    if (len > MAX_LEN)
        return 0;
    parts[0] = 0;
    for (size_t i = 1; i <= len; i++) {
        parts[i] = MAX_PARTS + 1;
        for (size_t j = 0; j < i; j++) {
            if (parts[j] + 1 >= parts[i])
                continue;
            char *p = lookup(ps, word + j, i - j);
            if (p != NULL) {
                parts[i] = parts[j] + 1;
                from[i] = j;
            }
            free(p);
        }
    }
    if (parts[len] > MAX_PARTS)
        return 0;
    size_t cut[MAX_PARTS + 1], n = 0, used = 0;
    for (size_t i = len; i > 0; i = from[i])
        cut[n++] = i;
    cut[n] = 0;
    out[0] = '\0';
    for (size_t k = n; k > 0; k--) {
        char *p = lookup(ps, word + cut[k], cut[k - 1] - cut[k]);
        int w = p != NULL ? snprintf(out + used, size - used, "%s%s", used ? " " : "", p) : -1;
        free(p);
        if (w < 0 || (size_t)w >= size - used)
            return 0;
        used += (size_t)w;
    }
    return 1;
}

static cst_lexicon *cmu_lexicon;

static void load_lexicon(void)
{
    cmu_lexicon = cmu_lex_init();
}

int pronounce_phones(const char *word, char *out, size_t size)
{
    static pthread_once_t once = PTHREAD_ONCE_INIT;
    size_t used = 0;
    pthread_once(&once, load_lexicon);
    cst_val *phones = lex_lookup(cmu_lexicon, word, NULL, NULL);
    out[0] = '\0';
    for (const cst_val *v = phones; v != NULL; v = val_cdr(v)) {
        char phone[8];
        const char *ph = val_string(val_car(v));
        size_t n = strcspn(ph, "0123456789");
        if (n == 0 || n >= sizeof phone || strcmp(ph, "pau") == 0)
            continue;
        for (size_t i = 0; i <= n; i++)
            phone[i] = i < n ? (char)toupper((unsigned char)ph[i]) : '\0';
        const char *mapped = strcmp(phone, "AX") == 0    ? "AH"
                             : strcmp(phone, "AXR") == 0 ? "ER"
                                                         : phone;
        int w = snprintf(out + used, size - used, "%s%s", used ? " " : "", mapped);
        if (w < 0 || (size_t)w >= size - used) {
            used = 0;
            break;
        }
        used += (size_t)w;
    }
    delete_val(phones);
    return used > 0;
}

int pronounce_add(ps_decoder_t *ps, const char *word, int update)
{
    char parts[PRONOUNCE_MAX], lexicon[PRONOUNCE_MAX], alternate[MAX_LEN + 8];
    int have_parts = by_parts(ps, word, parts, sizeof parts);
    int have_lexicon = pronounce_phones(word, lexicon, sizeof lexicon) &&
                       !(have_parts && strcmp(parts, lexicon) == 0);
    int added = 0;
    if (have_parts)
        added += ps_add_word(ps, word, parts, update && !have_lexicon) >= 0;
    if (have_lexicon) {
        snprintf(alternate, sizeof alternate, have_parts ? "%s(2)" : "%s", word);
        added += ps_add_word(ps, alternate, lexicon, update) >= 0;
    }
    return added;
}
