/* Tests of sound-alike matching with a lexicon of a few words, and of the
 * words a machine transcription is heard to say standing for key terms. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/diag.h"
#include "core/soundalike.h"

#include <stdio.h>
#include <string.h>

/* The pronunciations of the en-us dictionary for the words used here. */
static int lexicon(const char *word, char *out, size_t cap)
{
    static const char *const words[][2] = {
        {"cache", "K AE SH"},
        {"cash", "K AE SH"},
        {"cashier", "K AE SH IH R"},
        {"we", "W IY"},
        {"the", "DH AH"},
        {"results", "R IH Z AH L T S"},
        {"bigquery", "B IH G K W IH R IY"},
        {"big", "B IH G"},
        {"query", "K W IH R IY"},
        {"node", "N OW D"},
        {"know", "N OW"},
        {"dee", "D IY"},

        {"a", "AH"},
        {"uh", "AH"},
        {"kafka", "K AE F K AH"},
        {"calf", "K AE F"},
        {"kuh", "K AH"},
    };
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
        if (strcmp(word, words[i][0]) == 0)
            return snprintf(out, cap, "%s", words[i][1]) < (int)cap;
    return 0;
}

struct example {
    const char *text, *term, *heard; /* heard NULL: no match */
};

static void sounds_like_terms(void **state)
{
    (void)state;
    static const struct example cases[] = {
        {"we cash the results", "cache", "cash"},
        {"We Cash, the results.", "cache", "cash"}, /* case and punctuation */
        {"a calf kuh", "Kafka", "calf kuh"},        /* two words for one */
        {"we use big query", "BigQuery", NULL},     /* its words apart: named */
        {"the cashier", "cache", NULL},             /* not inside a longer word */
        {"we cache the results", "cache", NULL},    /* its own word: named, not heard */
        {"we use bigquery", "BigQuery", NULL},      /* the same */
        {"a", "uh", NULL},                          /* under three phones */
        {"we cash", "unknown", NULL},               /* a term without phones */
        {"big zork query", "BigQuery", NULL},       /* a word without phones between */
        {"", "cache", NULL},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct soundalike *s;
        char heard[64] = "unset";
        assert_int_equal(soundalike_open(&s, cases[i].text, lexicon), REH_OK);
        int found = soundalike_find(s, cases[i].term, heard, sizeof heard);
        if (found != (cases[i].heard != NULL) || (found && strcmp(heard, cases[i].heard) != 0))
            fail_msg("'%s' in \"%s\": expected %s, got %d (%s)", cases[i].term, cases[i].text,
                     cases[i].heard ? cases[i].heard : "no match", found, heard);
        soundalike_free(s);
    }
}

/* A run of words must end where the term's phones end: "know dee" holds
 * the phones of "node" and one more. */
static void a_run_ends_on_a_word(void **state)
{
    (void)state;
    struct soundalike *s;
    char heard[64];
    assert_int_equal(soundalike_open(&s, "we know dee", lexicon), REH_OK);
    assert_false(soundalike_find(s, "node", heard, sizeof heard));
    assert_string_equal(heard, "");
    soundalike_free(s);
}

/* The words heard are cut to the room given, never past it. */
static void heard_fits_its_room(void **state)
{
    (void)state;
    struct soundalike *s;
    char heard[4] = "xxx";
    assert_int_equal(soundalike_open(&s, "calf kuh", lexicon), REH_OK);
    assert_true(soundalike_find(s, "Kafka", heard, sizeof heard));
    assert_string_equal(heard, "cal");
    soundalike_free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(sounds_like_terms),
        cmocka_unit_test(a_run_ends_on_a_word),
        cmocka_unit_test(heard_fits_its_room),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
