/* json_build: a JSON document built member by member (json_build.h). */
#include "json_build.h"
#include "../core/text.h"

#include <stdio.h>
#include <string.h>

void json_build_fail(struct json_build *b, int rc, const char *key, const char *why)
{
    if (b->rc != REH_OK)
        return;
    if (rc == REH_ENOMEM)
        b->rc = diag_set(b->err, rc, "out of memory %s the %s of %s", b->doing, key, b->of);
    else
        b->rc = diag_set(b->err, rc, "the %s of %s %s", key, b->of, why);
}

void json_build_put(struct json_build *b, json_t *obj, const char *key, json_t *value)
{
    if (b->rc != REH_OK || obj == NULL) {
        json_decref(value);
        if (obj == NULL)
            json_build_fail(b, REH_ENOMEM, key, NULL);
        return;
    }
    if (value == NULL || json_object_set_new(obj, key, value) != 0)
        json_build_fail(b, REH_ENOMEM, key, NULL);
}

void json_build_append(struct json_build *b, json_t *array, const char *key, json_t *value)
{
    if (b->rc != REH_OK || array == NULL) {
        json_decref(value);
        if (array == NULL)
            json_build_fail(b, REH_ENOMEM, key, NULL);
        return;
    }
    if (value == NULL || json_array_append_new(array, value) != 0)
        json_build_fail(b, REH_ENOMEM, key, NULL);
}

json_t *json_build_text(struct json_build *b, const char *key, const char *s)
{
    if (s == NULL)
        json_build_fail(b, REH_EDATA, key, "is missing");
    else if (!text_utf8_valid(s, strlen(s)))
        json_build_fail(b, REH_EDATA, key, "is not valid UTF-8");
    else
        return json_string(s);
    return NULL;
}

void json_build_put_text(struct json_build *b, json_t *obj, const char *key, const char *s)
{
    json_build_put(b, obj, key, json_build_text(b, key, s));
}

void json_build_put_text_or_null(struct json_build *b, json_t *obj, const char *key, const char *s)
{
    json_build_put(b, obj, key, s == NULL ? json_null() : json_build_text(b, key, s));
}

void json_build_put_int(struct json_build *b, json_t *obj, const char *key, json_int_t v)
{
    json_build_put(b, obj, key, json_integer(v));
}

void json_build_put_texts(struct json_build *b, json_t *obj, const char *key,
                          const char *const *items, size_t n)
{
    json_t *a = json_array();
    for (size_t i = 0; i < n; i++)
        json_build_append(b, a, key, json_build_text(b, key, items[i]));
    json_build_put(b, obj, key, a);
}

void json_build_put_alternatives(struct json_build *b, json_t *obj,
                                 const struct coverage_alternatives *alt, size_t n)
{
    if (alt == NULL)
        return;
    json_t *a = json_array();
    for (size_t i = 0; i < n; i++) {
        json_t *spellings = json_array();
        for (size_t k = 0; k < alt[i].n; k++)
            json_build_append(b, spellings, "key_term_alternatives",
                              json_build_text(b, "key_term_alternatives", alt[i].items[k]));
        json_build_append(b, a, "key_term_alternatives", spellings);
    }
    json_build_put(b, obj, "key_term_alternatives", a);
}

json_t *json_build_follow_up(struct json_build *b, size_t number, const char *text,
                             const char *const *when_missing, size_t n, unsigned limit_s)
{
    char what[160];
    snprintf(what, sizeof what, "follow-up %zu of %s", number, b->of);
    const char *outer = json_build_enter(b, what);
    json_t *o = json_object();
    json_build_put_text(b, o, "text", text);
    json_build_put_texts(b, o, "when_missing", when_missing, n);
    json_build_put_int(b, o, "limit_s", (json_int_t)limit_s);
    b->of = outer;
    return o;
}

const char *json_build_enter(struct json_build *b, const char *what)
{
    const char *before = b->of;
    b->of = what;
    return before;
}
