/* domain_lm: the domain language model of the questions being asked (see
 * core/lm.h) as a file for the recogniser. Its text is every question of
 * the bank in use (question, model answer, key points, key terms in all
 * their spellings and weighted, follow-ups, and the fillers "um" and "uh"
 * as sentences of their own) and the questions a session
 * asks beside them; the model is cached under paths_cache() as lm-<hash of the text>.arpa, so it is
 * built once per content of a bank. The cache is derived: deleting it loses nothing; when it cannot
 * be written, the model goes to a temporary file removed by domain_lm_free. */
#ifndef REHEARSE_DOMAIN_LM_H
#define REHEARSE_DOMAIN_LM_H

#include "../core/bank.h"
#include "../core/diag.h"
#include "../core/strbuf.h"
#include "../core/transcript.h"

#include <limits.h>

/* Zeroed, empty. */
struct domain_lm {
    struct strbuf text;
    char path[PATH_MAX]; /* the model's file, "" until domain_lm_file */
    int temporary;       /* path is removed by domain_lm_free */
};

/* Adds a text of sentences. */
void domain_lm_add_text(struct domain_lm *d, const char *text);

/* Adds everything a question says: text, model answer, key points, key
 * terms, follow-ups. */
void domain_lm_add_question(struct domain_lm *d, const struct question *q);

/* Adds every question of the bank. */
void domain_lm_add_bank(struct domain_lm *d, const struct bank *bank);

/* Adds a question as a session recorded it. */
void domain_lm_add_planned(struct domain_lm *d, const struct transcript_planned *p);

/* The file of the model of the text added, built unless cached (a few
 * milliseconds for a bank). Returns its path (owned by d), or NULL with err
 * set when nothing was added, out of memory, or no file can be written. */
const char *domain_lm_file(struct domain_lm *d, struct diag *err);

/* Releases the text and removes a temporary file. */
void domain_lm_free(struct domain_lm *d);

#endif
