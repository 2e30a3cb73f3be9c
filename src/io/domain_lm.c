/* domain_lm: the text, its hash, the cache and the temporary file. */
#include "domain_lm.h"
#include "../core/lm.h"
#include "atomic_file.h"
#include "paths.h"

#include <errno.h>
#include <fcntl.h>
#include <nettle/sha2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Part of the hash: a change of lm.c's estimates makes new files. */
#define MODEL_VERSION "lm 1\n"

/* How many times each key term is added, in each of its spellings: an
 * answer names its key terms more often than the rest of a question's
 * text (on the test set of bench/speech_set.h, clean, 92% of them are
 * found added once, 93% five times; at 20 dB SNR 69% either way). */
#define KEY_TERM_WEIGHT 5

/* The fillers people say on their own, between pauses: each question adds
 * each FILLER_WEIGHT times, as a sentence of its own, so that the model
 * gives a stretch of voice that is only "um" a chance. Without them the
 * recogniser heard "i'm", "the", "and" or "don't" there: 0 of 28 found on
 * the test set of bench/speech_set.h with fillers spliced in, clean; added
 * twice, 18; three times, 23, none reported that was not said; four times,
 * 23, but one reported in answers that said none, and 3 fewer key terms at
 * 20 dB SNR. */
static const char *const fillers[] = {"um", "uh"};
#define FILLER_WEIGHT 3

void domain_lm_add_text(struct domain_lm *d, const char *text)
{
    if (text != NULL)
        strbuf_printf(&d->text, "%s\n", text);
}

/* Each item a sentence of its own. */
static void add_list(struct domain_lm *d, const char *const *items, size_t n)
{
    for (size_t i = 0; i < n; i++)
        domain_lm_add_text(d, items[i]);
}

static void add_fillers(struct domain_lm *d)
{
    for (int k = 0; k < FILLER_WEIGHT; k++)
        add_list(d, fillers, sizeof fillers / sizeof fillers[0]);
}

/* The n key terms and their spellings (alt: n lists, or NULL), each
 * KEY_TERM_WEIGHT times. */
static void add_terms(struct domain_lm *d, const char *const *terms,
                      const struct coverage_alternatives *alt, size_t n)
{
    for (int k = 0; k < KEY_TERM_WEIGHT; k++) {
        add_list(d, terms, n);
        for (size_t i = 0; alt != NULL && i < n; i++)
            add_list(d, alt[i].items, alt[i].n);
    }
}

void domain_lm_add_question(struct domain_lm *d, const struct question *q)
{
    domain_lm_add_text(d, q->text);
    domain_lm_add_text(d, q->model_answer);
    add_list(d, q->key_points, q->n_key_points);
    add_terms(d, q->key_terms, q->key_term_alternatives, q->n_key_terms);
    for (size_t i = 0; i < q->n_follow_ups; i++)
        domain_lm_add_text(d, q->follow_ups[i].text);
    add_fillers(d);
}

void domain_lm_add_bank(struct domain_lm *d, const struct bank *bank)
{
    for (size_t i = 0; i < bank->n_questions; i++)
        domain_lm_add_question(d, &bank->questions[i]);
}

void domain_lm_add_planned(struct domain_lm *d, const struct transcript_planned *p)
{
    domain_lm_add_text(d, p->text);
    domain_lm_add_text(d, p->model_answer);
    add_list(d, (const char *const *)p->key_points, p->n_key_points);
    add_terms(d, (const char *const *)p->key_terms, p->key_term_alternatives, p->n_key_terms);
    for (size_t i = 0; i < p->n_follow_ups; i++)
        domain_lm_add_text(d, p->follow_ups[i].text);
    add_fillers(d);
}

/* "lm-<first 16 bytes of the SHA-256 of the version and text, in hex>.arpa" */
static void file_name(const char *text, char name[64])
{
    struct sha256_ctx ctx;
    uint8_t digest[SHA256_DIGEST_SIZE];
    sha256_init(&ctx);
    sha256_update(&ctx, strlen(MODEL_VERSION), (const uint8_t *)MODEL_VERSION);
    sha256_update(&ctx, strlen(text), (const uint8_t *)text);
    sha256_digest(&ctx, sizeof digest, digest);
    int at = snprintf(name, 64, "lm-");
    for (int i = 0; i < 16; i++)
        at += snprintf(name + at, (size_t)(64 - at), "%02x", digest[i]);
    snprintf(name + at, (size_t)(64 - at), ".arpa");
}

/* Writes the model into the cache directory; 0 when it cannot. */
static int write_cached(struct domain_lm *d, const char *dir, const char *name, const char *arpa)
{
    struct diag ignored;
    int dirfd;
    if (atomic_file_make_dirs(dir, &ignored) != REH_OK ||
        atomic_file_open_dir(dir, O_NOFOLLOW, &dirfd, &ignored) != REH_OK)
        return 0;
    int ok = atomic_file_write(dirfd, dir, name, arpa, strlen(arpa), &ignored) == REH_OK;
    close(dirfd);
    return ok && snprintf(d->path, sizeof d->path, "%s/%s", dir, name) < (int)sizeof d->path;
}

/* Writes the model into a temporary file. */
static int write_temporary(struct domain_lm *d, const char *arpa, struct diag *err)
{
    const char *tmp = getenv("TMPDIR");
    snprintf(d->path, sizeof d->path, "%s/rehearse-lm-XXXXXX", tmp != NULL && *tmp ? tmp : "/tmp");
    int fd = mkstemp(d->path);
    size_t len = strlen(arpa);
    int e = fd < 0 ? errno : 0;
    if (fd >= 0 && (write(fd, arpa, len) != (ssize_t)len || close(fd) != 0)) {
        e = errno;
        unlink(d->path);
    }
    if (e != 0) {
        diag_set(err, REH_EIO, "cannot write the language model %s: %s", d->path, strerror(e));
        d->path[0] = '\0';
        return REH_EIO;
    }
    d->temporary = 1;
    return REH_OK;
}

const char *domain_lm_file(struct domain_lm *d, struct diag *err)
{
    char dir[PATH_MAX], name[64], *arpa = NULL;
    const char *path = NULL;
    char *text = strbuf_finish(&d->text);
    if (d->path[0] != '\0') {
        free(text);
        return d->path;
    }
    if (text == NULL) {
        diag_set(err, REH_EDATA, "no text for a language model");
        return NULL;
    }
    file_name(text, name);
    int cache = paths_cache(dir);
    if (cache && snprintf(d->path, sizeof d->path, "%s/%s", dir, name) < (int)sizeof d->path &&
        access(d->path, R_OK) == 0) {
        path = d->path;
        goto done;
    }
    d->path[0] = '\0';
    if (lm_arpa(text, &arpa, err) != REH_OK)
        goto done;
    if ((cache && write_cached(d, dir, name, arpa)) || write_temporary(d, arpa, err) == REH_OK)
        path = d->path;
done:
    free(text);
    free(arpa);
    return path;
}

void domain_lm_free(struct domain_lm *d)
{
    free(strbuf_finish(&d->text));
    if (d->temporary)
        unlink(d->path);
    d->path[0] = '\0';
    d->temporary = 0;
}
