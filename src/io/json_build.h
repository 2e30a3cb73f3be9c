/* json_build: building a JSON document member by member, each member set
 * on its own and checked. The first failure is kept, naming the member and
 * what it belongs to ("the elapsed_s of answer 2 is not a finite number"),
 * and what follows is dropped; members are added in the order of the
 * output, which jansson keeps. Used by the session.json encoder and the
 * JSON forms of the model. */
#ifndef REHEARSE_JSON_BUILD_H
#define REHEARSE_JSON_BUILD_H

#include "../core/coverage.h"
#include "../core/diag.h"

#include <jansson.h>
#include <stddef.h>

struct json_build {
    struct diag *err;
    int rc;            /* REH_OK until the first failure */
    const char *of;    /* what the members being set belong to */
    const char *doing; /* "encoding", "building": for the out-of-memory message */
};

/* Records the failure to set member `key` unless one was recorded. */
void json_build_fail(struct json_build *b, int rc, const char *key, const char *why);

/* Sets obj[key] to `value`, a new reference (NULL when it could not be
 * made); obj NULL is a failure too. */
void json_build_put(struct json_build *b, json_t *obj, const char *key, json_t *value);

/* Appends `value` (a new reference, NULL when it could not be made) to the
 * array of member `key`. */
void json_build_append(struct json_build *b, json_t *array, const char *key, json_t *value);

/* A JSON string of s (a new reference), or NULL with the failure recorded:
 * s missing or not valid UTF-8. */
json_t *json_build_text(struct json_build *b, const char *key, const char *s);

void json_build_put_text(struct json_build *b, json_t *obj, const char *key, const char *s);

/* A text that is null when there is none. */
void json_build_put_text_or_null(struct json_build *b, json_t *obj, const char *key, const char *s);

void json_build_put_int(struct json_build *b, json_t *obj, const char *key, json_int_t v);

/* An array of the n texts of items. */
void json_build_put_texts(struct json_build *b, json_t *obj, const char *key,
                          const char *const *items, size_t n);

/* "key_term_alternatives": the n lists of the other spellings of a
 * question's key terms, one per term; nothing when `alt` is NULL (no term
 * has any). */
void json_build_put_alternatives(struct json_build *b, json_t *obj,
                                 const struct coverage_alternatives *alt, size_t n);

/* A follow-up of a question, number `number` (from 1) of what the members
 * being set belong to: its text, the n terms of its when_missing and its
 * limit_s (a new reference, NULL when it could not be made). */
json_t *json_build_follow_up(struct json_build *b, size_t number, const char *text,
                             const char *const *when_missing, size_t n, unsigned limit_s);

/* Makes `what` the owner of the members set from now on; returns the owner
 * before, which the caller puts back. */
const char *json_build_enter(struct json_build *b, const char *what);

#endif
