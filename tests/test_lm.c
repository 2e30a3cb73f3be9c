/* The domain language model: its estimates (core/lm) and its file in the
 * cache (io/domain_lm). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/lm.h"
#include "io/domain_lm.h"
#include "scratch.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* "A b. A c!": p(a) = 2/6; after <s>, a was seen twice and nothing else,
 * p(a | <s>) = (2 + 1/3) / 3 = 7/9 with back-off weight 1/3; after "<s> a",
 * b and c once each, p(b | <s> a) = (1 + 2 p(b | a)) / 4 = 5/12 where
 * p(b | a) = (1 + 2/6) / 4 = 1/3, back-off weight 2/4. */
static void estimates_are_witten_bell(void **state)
{
    (void)state;
    struct diag err;
    char *arpa;
    assert_int_equal(lm_arpa("A b. A c!", &arpa, &err), REH_OK);
    assert_non_null(strstr(arpa, "\\data\\\nngram 1=6\nngram 2=5\nngram 3=4\n"));
    assert_non_null(strstr(arpa, "\n-99.000000\t<s>\t-0.477121\n"));
    assert_non_null(strstr(arpa, "\n-0.477121\ta\t-0.301030\n"));
    assert_non_null(strstr(arpa, "\n-99.000000\t<UNK>\n"));
    assert_non_null(strstr(arpa, "\n-0.109144\t<s> a\t-0.301030\n"));
    assert_non_null(strstr(arpa, "\n-0.477121\ta b\t-0.301030\n"));
    assert_non_null(strstr(arpa, "\n-0.380211\t<s> a b\n"));
    assert_non_null(strstr(arpa, "\n\\end\\\n"));
    free(arpa);
}

/* Words are lower case, split at hyphens and other marks, apostrophes kept
 * inside a word and quotes dropped; a sentence ends at '.', '?', ':', ';',
 * '!' or a line break; a text with no word has no model. */
static void words_and_sentences(void **state)
{
    (void)state;
    struct diag err;
    char *arpa;
    assert_int_equal(lm_arpa("'Real-time' isn't S3\nOK", &arpa, &err), REH_OK);
    assert_non_null(strstr(arpa, "ngram 1=8\nngram 2=7\nngram 3=5\n"));
    assert_non_null(strstr(arpa, "\treal time isn't\n"));
    assert_non_null(strstr(arpa, "\tisn't s3 </s>\n"));
    assert_non_null(strstr(arpa, "\t<s> ok\t"));
    free(arpa);
    assert_int_equal(lm_arpa(" ... -- ", &arpa, &err), REH_EDATA);
    assert_null(arpa);
}

/* The model is written once into $XDG_CACHE_HOME/rehearse under the hash
 * of its text and found there the next time; another text has another file;
 * a deleted cache is made again. */
static void cached_by_content(void **state)
{
    (void)state;
    char dir[SCRATCH_MAX], cache[PATH_MAX];
    struct diag err;
    struct domain_lm a = {0}, b = {0}, c = {0};
    assert_int_equal(scratch_make(dir, "lm"), 0);
    setenv("XDG_CACHE_HOME", dir, 1);
    snprintf(cache, sizeof cache, "%s/rehearse", dir);

    domain_lm_add_text(&a, "Kafka feeds Flink.");
    const char *path = domain_lm_file(&a, &err);
    assert_non_null(path);
    assert_memory_equal(path, cache, strlen(cache));
    assert_int_equal(access(path, R_OK), 0);
    char first[PATH_MAX];
    snprintf(first, sizeof first, "%s", path);
    struct stat st;
    assert_int_equal(stat(first, &st), 0);
    assert_int_equal(st.st_mode & 0777, 0600);
    domain_lm_free(&a);
    assert_int_equal(access(first, R_OK), 0); /* kept */

    domain_lm_add_text(&b, "Kafka feeds Flink.");
    assert_string_equal(domain_lm_file(&b, &err), first);
    domain_lm_free(&b);

    domain_lm_add_text(&c, "Kinesis feeds Flink.");
    path = domain_lm_file(&c, &err);
    assert_non_null(path);
    assert_string_not_equal(path, first);
    domain_lm_free(&c);

    assert_int_equal(scratch_remove(cache), 0);
    domain_lm_add_text(&a, "Kafka feeds Flink.");
    assert_string_equal(domain_lm_file(&a, &err), first);
    assert_int_equal(access(first, R_OK), 0);
    domain_lm_free(&a);
    assert_int_equal(scratch_remove(dir), 0);
}

/* A cache that cannot be made (its parent is a file) or no cache directory
 * at all: the model goes to a temporary file, removed when released. */
static void without_a_cache(void **state)
{
    (void)state;
    char dir[SCRATCH_MAX], file[PATH_MAX];
    struct diag err;
    struct domain_lm d = {0};
    assert_int_equal(scratch_make(dir, "lm"), 0);
    snprintf(file, sizeof file, "%s/not-a-dir", dir);
    FILE *f = fopen(file, "w");
    assert_non_null(f);
    fclose(f);
    setenv("XDG_CACHE_HOME", file, 1);
    setenv("TMPDIR", dir, 1);
    domain_lm_add_text(&d, "Kafka feeds Flink.");
    const char *path = domain_lm_file(&d, &err);
    assert_non_null(path);
    assert_memory_equal(path, dir, strlen(dir));
    assert_non_null(strstr(path, "/rehearse-lm-"));
    char kept[PATH_MAX];
    snprintf(kept, sizeof kept, "%s", path);
    assert_int_equal(access(kept, R_OK), 0);
    domain_lm_free(&d);
    assert_int_equal(access(kept, F_OK), -1);

    unsetenv("XDG_CACHE_HOME");
    unsetenv("HOME");
    domain_lm_add_text(&d, "Kafka feeds Flink.");
    assert_non_null(strstr(domain_lm_file(&d, &err), "/rehearse-lm-"));
    domain_lm_free(&d);

    assert_null(domain_lm_file(&d, &err)); /* no text */
    assert_string_equal(err.message, "no text for a language model");
    unsetenv("TMPDIR");
    assert_int_equal(scratch_remove(dir), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(estimates_are_witten_bell),
        cmocka_unit_test(words_and_sentences),
        cmocka_unit_test(cached_by_content),
        cmocka_unit_test(without_a_cache),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
