/* answer_analysis: VAD, figures and text of a spoken answer. */
#include "answer_analysis.h"
#include "../core/vad.h"
#include "paths.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int answer_analysis_fillers(char *text, const char *list[ANALYSIS_FILLER_LIST_MAX + 1],
                            struct diag *err)
{
    char path[PATH_MAX];
    FILE *f = paths_find_data("fillers.txt", path, err) == REH_OK ? fopen(path, "r") : NULL;
    list[0] = NULL;
    if (f == NULL)
        return diag_set(err, REH_EIO, "no fillers.txt found: fillers are not counted");
    size_t len = fread(text, 1, ANSWER_ANALYSIS_FILLERS_MAX - 1, f);
    fclose(f);
    text[len] = '\0';
    analysis_fillers(text, list);
    return REH_OK;
}

int answer_analysis_store(struct transcript_answer *a, const int16_t *samples, size_t n,
                          unsigned rate, const struct analysis_word *words, size_t n_words,
                          const char *const *fillers)
{
    struct vad_result vad = {0};
    struct analysis *an = calloc(1, sizeof *an);
    int rc = REH_ENOMEM;
    if (an == NULL || vad_analyze(samples, n, rate, &vad) != 0 ||
        analysis_compute(an, &vad, words, n_words, fillers) != REH_OK)
        goto done;
    if (a->text_len == 0 || a->machine_text) {
        if (transcript_set(&a->text, an->transcript) != REH_OK)
            goto done;
        a->text_len = strlen(a->text);
        a->machine_text = 1;
    }
    transcript_set_analysis(a, an);
    an = NULL;
    rc = REH_OK;
done:
    vad_free(&vad);
    if (an != NULL) {
        analysis_free(an);
        free(an);
    }
    return rc;
}
