/* interviewer: the endpoint's checks (libcurl's URL API, getaddrinfo), one
 * chat request per question (libcurl, one easy handle each; jansson), and
 * the checks of what comes back. */
#include "interviewer.h"
#include "libcurl.h"
#include "../core/strbuf.h"
#include "../core/text.h"

#include <arpa/inet.h>
#include <errno.h>
#include <jansson.h>
#include <netdb.h>
#include <netinet/in.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>

#define INTERVIEWER_DETAIL_COLUMNS 120 /* of an endpoint's own error message */
#define INTERVIEWER_U_FFFD         "\xef\xbf\xbd"

struct interviewer {
    const struct libcurl *curl;
    char *url;      /* as written in config.yaml, for messages */
    char *endpoint; /* <url>/chat/completions */
    char *model;
    long timeout_ms;
    int allow_remote;
    struct curl_slist *resolve; /* a host name's checked addresses */
    char *notice;
};

/* A reply being received: bounded, its overflow remembered. */
struct interviewer_reply {
    struct strbuf body;
    int too_big;
};

static const char SYSTEM_FOLLOW_UP[] =
    "You are the interviewer in a mock job interview. You are given a question, notes on a "
    "good answer when there are any, and the candidate's answer. Ask ONE short follow-up "
    "question that probes what the answer left out, got wrong or only touched on. Reply with "
    "the question alone, in plain text, in one sentence: no preamble, no label, no quotes.";

static const char SYSTEM_RUBRIC[] =
    "You grade one answer of a mock job interview. You are given the question, notes on a "
    "good answer when there are any, and the candidate's answer. Reply with JSON only, exactly "
    "of this shape: {\"accuracy\": {\"score\": 4, \"comment\": \"...\"}, \"depth\": {...}, "
    "\"structure\": {...}, \"communication\": {...}}. Each score is a whole number from 1 "
    "(poor) to 5 (excellent); each comment is one short sentence saying why.";

/* Sets the message at the url's place in config.yaml; returns REH_EDATA. */
static int interviewer_refuse(const struct config_interviewer *s, struct diag *err, const char *fmt,
                              ...) __attribute__((format(printf, 3, 4)));
static int interviewer_refuse(const struct config_interviewer *s, struct diag *err, const char *fmt,
                              ...)
{
    char message[DIAG_MAX];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(message, sizeof message, fmt, ap);
    va_end(ap);
    return diag_at(err, s->file, s->line, s->column, "%s", message);
}

/* Whether sa is a loopback address: 127.0.0.0/8, ::1, or 127.x mapped to IPv6. */
static int interviewer_loopback_address(const struct sockaddr *sa)
{
    if (sa->sa_family == AF_INET)
        return ntohl(((const struct sockaddr_in *)sa)->sin_addr.s_addr) >> 24 == 127;
    if (sa->sa_family == AF_INET6) {
        const struct in6_addr *a = &((const struct sockaddr_in6 *)sa)->sin6_addr;
        return IN6_IS_ADDR_LOOPBACK(a) || (IN6_IS_ADDR_V4MAPPED(a) && a->s6_addr[12] == 127);
    }
    return 0;
}

/* Whether host (a name, or an address without brackets) has addresses and
 * all of them are loopback; `flags` are getaddrinfo's (AI_NUMERICHOST: no
 * name lookup). The addresses are appended to addrs as CURLOPT_RESOLVE takes
 * them ("127.0.0.1,[::1]"). */
static int interviewer_loopback(const char *host, int flags, struct strbuf *addrs)
{
    struct addrinfo hints = {.ai_flags = flags, .ai_family = AF_UNSPEC, .ai_socktype = SOCK_STREAM};
    struct addrinfo *res = NULL;
    int all = getaddrinfo(host, NULL, &hints, &res) == 0 && res != NULL;
    for (const struct addrinfo *ai = res; all && ai != NULL; ai = ai->ai_next) {
        char num[INET6_ADDRSTRLEN];
        all =
            interviewer_loopback_address(ai->ai_addr) &&
            getnameinfo(ai->ai_addr, ai->ai_addrlen, num, sizeof num, NULL, 0, NI_NUMERICHOST) == 0;
        if (all)
            strbuf_printf(addrs, ai->ai_family == AF_INET6 ? "%s[%s]" : "%s%s",
                          addrs->len > 0 ? "," : "", num);
    }
    if (res != NULL)
        freeaddrinfo(res);
    return all;
}

/* The endpoint's host allowed by the settings: pins a name's addresses
 * (itv->resolve) or sets the notice of a remote host. */
static int interviewer_check_host(struct interviewer *itv, const struct config_interviewer *s,
                                  const char *host, const char *port, struct diag *err)
{
    char bare[256], *line = NULL;
    struct strbuf addrs = {0}, entry = {0};
    size_t len = strlen(host);
    int rc = REH_OK;
    if (host[0] == '[' && len >= 2) /* an IPv6 address */
        snprintf(bare, sizeof bare, "%.*s", (int)(len - 2), host + 1);
    else
        snprintf(bare, sizeof bare, "%s", host);
    if (itv->allow_remote) {
        if (strcasecmp(bare, "localhost") == 0 ||
            interviewer_loopback(bare, AI_NUMERICHOST, &addrs))
            goto done;
        strbuf_printf(&entry,
                      "answers go to the interviewer at %s, beyond this machine "
                      "(allow_remote: true in config.yaml)",
                      host);
        if ((itv->notice = strbuf_finish(&entry)) == NULL)
            rc = diag_set(err, REH_ENOMEM, "out of memory");
        goto done;
    }
    if (!interviewer_loopback(bare, 0, &addrs)) {
        rc = interviewer_refuse(s, err,
                                "the interviewer's url names %s, which is not this machine; "
                                "set allow_remote: true to send answers to %s",
                                host, host);
        goto done;
    }
    if (host[0] == '[') /* an address: nothing to pin */
        goto done;
    strbuf_printf(&entry, "%s:%s:", host, port);
    strbuf_append(&entry, addrs.data, addrs.len);
    if ((line = strbuf_finish(&entry)) == NULL ||
        (itv->resolve = itv->curl->slist_append(NULL, line)) == NULL)
        rc = diag_set(err, REH_ENOMEM, "out of memory");
done:
    free(line);
    free(strbuf_finish(&entry));
    free(strbuf_finish(&addrs));
    return rc;
}

/* Checks the url and fills the endpoint and the host's policy. */
static int interviewer_check_url(struct interviewer *itv, const struct config_interviewer *s,
                                 struct diag *err)
{
    const struct libcurl *c = itv->curl;
    CURLU *u = c->url();
    char *scheme = NULL, *host = NULL, *port = NULL, *path = NULL, *extra = NULL, *chat = NULL;
    struct strbuf b = {0};
    int rc = REH_OK;
    CURLUcode uc;
    if (u == NULL)
        return diag_set(err, REH_ENOMEM, "out of memory");
    if ((uc = c->url_set(u, CURLUPART_URL, s->url, 0)) != CURLUE_OK &&
        strstr(s->url, "://") != NULL) {
        rc = interviewer_refuse(s, err,
                                "the interviewer's url is not a URL (%s); give one such as "
                                "http://127.0.0.1:11434/v1",
                                c->url_strerror(uc));
        goto done;
    }
    if (uc != CURLUE_OK || c->url_get(u, CURLUPART_SCHEME, &scheme, 0) != CURLUE_OK ||
        (strcmp(scheme, "http") != 0 && strcmp(scheme, "https") != 0)) {
        rc = interviewer_refuse(s, err,
                                "the interviewer's url must start with http:// or "
                                "https://");
        goto done;
    }
    if (c->url_get(u, CURLUPART_QUERY, &extra, 0) == CURLUE_OK ||
        c->url_get(u, CURLUPART_FRAGMENT, &extra, 0) == CURLUE_OK) {
        rc = interviewer_refuse(s, err,
                                "the interviewer's url must not have a query or a fragment; "
                                "give the base of the endpoint, such as "
                                "http://127.0.0.1:11434/v1");
        goto done;
    }
    if (c->url_get(u, CURLUPART_HOST, &host, 0) != CURLUE_OK ||
        c->url_get(u, CURLUPART_PORT, &port, CURLU_DEFAULT_PORT) != CURLUE_OK ||
        c->url_get(u, CURLUPART_PATH, &path, 0) != CURLUE_OK) {
        rc = interviewer_refuse(s, err, "the interviewer's url names no host");
        goto done;
    }
    size_t len = strlen(path);
    while (len > 0 && path[len - 1] == '/')
        len--;
    strbuf_append(&b, path, len);
    strbuf_append(&b, "/chat/completions", strlen("/chat/completions"));
    if ((chat = strbuf_finish(&b)) == NULL || c->url_set(u, CURLUPART_PATH, chat, 0) != CURLUE_OK ||
        c->url_get(u, CURLUPART_URL, &itv->endpoint, 0) != CURLUE_OK)
        rc = diag_set(err, REH_ENOMEM, "out of memory");
    else
        rc = interviewer_check_host(itv, s, host, port, err);
done:
    free(chat);
    c->free(scheme);
    c->free(host);
    c->free(port);
    c->free(path);
    c->free(extra);
    c->url_cleanup(u);
    return rc;
}

int interviewer_open(const struct config_interviewer *settings, struct interviewer **out,
                     struct diag *err)
{
    const struct libcurl *curl = libcurl_load(err);
    struct interviewer *itv = curl != NULL ? calloc(1, sizeof *itv) : NULL;
    *out = NULL;
    if (curl == NULL)
        return REH_EIO;
    if (itv == NULL)
        return diag_set(err, REH_ENOMEM, "out of memory");
    itv->curl = curl;
    itv->timeout_ms = (long)settings->timeout_ms;
    itv->allow_remote = settings->allow_remote;
    itv->url = strdup(settings->url);
    itv->model = strdup(settings->model);
    int rc = itv->url == NULL || itv->model == NULL ? diag_set(err, REH_ENOMEM, "out of memory")
                                                    : interviewer_check_url(itv, settings, err);
    if (rc != REH_OK) {
        interviewer_close(itv);
        return rc;
    }
    *out = itv;
    return REH_OK;
}

void interviewer_close(struct interviewer *itv)
{
    if (itv == NULL)
        return;
    free(itv->url);
    itv->curl->free(itv->endpoint);
    free(itv->model);
    itv->curl->slist_free_all(itv->resolve);
    free(itv->notice);
    free(itv);
}

const char *interviewer_notice(const struct interviewer *itv)
{
    return itv->notice;
}

/* The length of the escape sequence at s, which starts with ESC or the
 * UTF-8 form of CSI (U+009B): a control sequence up to its final byte, a
 * string (OSC, DCS, APC, PM, SOS) up to its BEL or ST, else ESC and the
 * character after it. */
static size_t interviewer_escape(const char *s, size_t len)
{
    size_t i = 2;
    uint32_t cp;
    if ((unsigned char)s[0] == 0xc2 || (len > 1 && s[1] == '[')) {
        while (i < len && !(s[i] >= 0x40 && s[i] <= 0x7e))
            i++;
        return i < len ? i + 1 : len;
    }
    if (len > 1 && s[1] != '\0' && strchr("]P_^X", s[1]) != NULL) {
        for (; i < len; i++) {
            if (s[i] == '\a')
                return i + 1;
            if (s[i] == '\033' && i + 1 < len && s[i + 1] == '\\')
                return i + 2;
        }
        return len;
    }
    return len > 1 ? 1 + text_utf8_next(s + 1, len - 1, &cp) : 1;
}

/* The len bytes at s as one line of text: valid UTF-8 (U+FFFD for each
 * invalid subpart), escape sequences and other control characters removed,
 * each run of white space one space, none at either end. A new string, or
 * NULL when out of memory. */
static char *interviewer_line(const char *s, size_t len)
{
    struct strbuf b = {0};
    int space = 0;
    strbuf_append(&b, "", 0);
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        size_t n = text_utf8_next(s + i, len - i, &cp);
        if (cp == 0x1b || cp == 0x9b) {
            i += interviewer_escape(s + i, len - i);
            continue;
        }
        if (cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r') {
            space = b.len > 0;
        } else if (cp == TEXT_INVALID || !text_is_control(cp)) {
            if (space)
                strbuf_append(&b, " ", 1);
            space = 0;
            strbuf_append(&b, cp == TEXT_INVALID ? INTERVIEWER_U_FFFD : s + i,
                          cp == TEXT_INVALID ? strlen(INTERVIEWER_U_FFFD) : n);
        }
        i += n;
    }
    return strbuf_finish(&b);
}

/* The characters (code points) of valid UTF-8 text. */
static size_t interviewer_chars(const char *s)
{
    size_t n = 0;
    for (; *s != '\0'; s++)
        n += ((unsigned char)*s & 0xc0) != 0x80;
    return n;
}

/* Where a reply's text starts after a reasoning model's "<think>...</think>". */
static const char *interviewer_after_thinking(const char *s)
{
    const char *at = s + strspn(s, " \t\r\n"), *end;
    if (strncmp(at, "<think>", 7) == 0 && (end = strstr(at, "</think>")) != NULL)
        return end + 8;
    return s;
}

/* Whether the n bytes at s hold the text `part`. */
static int interviewer_has(const char *s, size_t n, const char *part)
{
    size_t len = strlen(part);
    for (size_t i = 0; i + len <= n; i++)
        if (memcmp(s + i, part, len) == 0)
            return 1;
    return 0;
}

/* Removes from line (as interviewer_line gives it), in place, what wraps a
 * question when a model does not keep to plain text: quotes around it and a
 * label before it ("Follow-up:", "Question:"). Quotes that are not only
 * around it ("A" or "B") stay. */
static void interviewer_unwrap(char *line)
{
    static const char *const labels[] = {
        "follow-up question:",     "follow-up:",     "followup:",     "question:",
        "**follow-up question:**", "**follow-up:**", "**question:**", NULL};
    static const char *const quotes[][2] = {
        {"\"", "\""}, {"\xe2\x80\x9c", "\xe2\x80\x9d"}, {"**", "**"}};
    for (int changed = 1; changed;) {
        size_t len = strlen(line), skip = 0, cut = 0;
        changed = 0;
        for (size_t i = 0; labels[i] != NULL && skip == 0; i++)
            if (strncasecmp(line, labels[i], strlen(labels[i])) == 0)
                skip = strlen(labels[i]);
        for (size_t i = 0; i < sizeof quotes / sizeof quotes[0] && skip == 0; i++) {
            size_t open = strlen(quotes[i][0]), close = strlen(quotes[i][1]);
            if (len >= open + close && strncmp(line, quotes[i][0], open) == 0 &&
                strcmp(line + len - close, quotes[i][1]) == 0 &&
                !interviewer_has(line + open, len - open - close, quotes[i][1])) {
                skip = open;
                cut = close;
            }
        }
        if (skip > 0) {
            len -= cut;
            while (skip < len && line[skip] == ' ')
                skip++;
            while (len > skip && line[len - 1] == ' ')
                len--;
            memmove(line, line + skip, len - skip);
            line[len - skip] = '\0';
            changed = 1;
        }
    }
}

static size_t interviewer_receive(char *data, size_t size, size_t n, void *ctx)
{
    struct interviewer_reply *reply = ctx;
    if (reply->body.len + size * n > INTERVIEWER_MAX_REPLY) {
        reply->too_big = 1;
        return 0; /* aborts the transfer */
    }
    strbuf_append(&reply->body, data, size * n);
    return reply->body.failed ? 0 : size * n;
}

/* The message of a transfer that failed. */
static int interviewer_failure(const struct interviewer *itv, CURLcode cc, long os_errno,
                               const struct interviewer_reply *reply, const char *detail,
                               struct diag *err)
{
    if (reply->body.failed)
        return diag_set(err, REH_ENOMEM, "out of memory");
    if (reply->too_big)
        return diag_set(err, REH_EIO, "the interviewer at %s sent more than %u KiB", itv->url,
                        INTERVIEWER_MAX_REPLY / 1024u);
    if (cc == CURLE_OPERATION_TIMEDOUT)
        return diag_set(err, REH_EIO, "the interviewer at %s did not answer within %g s", itv->url,
                        (double)itv->timeout_ms / 1000.0);
    if (cc == CURLE_COULDNT_CONNECT && os_errno == ECONNREFUSED)
        return diag_set(err, REH_EIO, "the interviewer at %s refused the connection", itv->url);
    return diag_set(err, REH_EIO, "the interviewer at %s cannot be reached: %s", itv->url,
                    *detail != '\0' ? detail : itv->curl->easy_strerror(cc));
}

/* The message of an answer with an HTTP status other than 200, with the
 * endpoint's own error message when its body has one ({"error": {"message":
 * ...}} or {"error": "..."}). */
static int interviewer_status(const struct interviewer *itv, long status, json_t *root,
                              struct diag *err)
{
    json_t *error = json_object_get(root, "error");
    json_t *message = json_is_object(error) ? json_object_get(error, "message") : error;
    char *line = NULL, *fit = NULL;
    if (json_is_string(message) &&
        (line = interviewer_line(json_string_value(message), json_string_length(message))) != NULL)
        fit = text_fit(line, INTERVIEWER_DETAIL_COLUMNS);
    int rc = diag_set(err, REH_EIO, "the interviewer at %s answered HTTP %ld%s%s", itv->url, status,
                      fit != NULL && *fit != '\0' ? ": " : "", fit != NULL ? fit : "");
    free(line);
    free(fit);
    return rc;
}

/* The text of a reply's body, choices[0].message.content, as a new string
 * of valid UTF-8 without NUL. */
static int interviewer_content(const struct interviewer *itv, long status, const char *body,
                               size_t len, char **content, struct diag *err)
{
    char *valid = text_valid_utf8(body != NULL ? body : "", len);
    json_t *root = valid != NULL ? json_loadb(valid, strlen(valid),
                                              JSON_REJECT_DUPLICATES | JSON_ALLOW_NUL, NULL)
                                 : NULL;
    json_t *text = json_object_get(
        json_object_get(json_array_get(json_object_get(root, "choices"), 0), "message"), "content");
    int rc = REH_OK;
    if (valid == NULL)
        rc = diag_set(err, REH_ENOMEM, "out of memory");
    else if (status != 200)
        rc = interviewer_status(itv, status, root, err);
    else if (root == NULL)
        rc = diag_set(err, REH_EIO, "the interviewer at %s sent invalid JSON", itv->url);
    else if (!json_is_string(text))
        rc = diag_set(err, REH_EIO,
                      "the interviewer at %s sent no text (choices[0].message.content)", itv->url);
    else if ((*content = text_valid_utf8(json_string_value(text), json_string_length(text))) ==
             NULL) /* a NUL becomes U+FFFD */
        rc = diag_set(err, REH_ENOMEM, "out of memory");
    json_decref(root);
    free(valid);
    return rc;
}

/* Posts one chat request of a system and a user message; *content is the
 * text of the reply, a new string. */
static int interviewer_chat(struct interviewer *itv, const char *system, const char *user,
                            double temperature, int max_tokens, int json_reply, char **content,
                            struct diag *err)
{
    const struct libcurl *c = itv->curl;
    struct interviewer_reply reply = {{0}, 0};
    struct curl_slist *headers = NULL, *more = NULL;
    char detail[CURL_ERROR_SIZE] = "";
    char *request = NULL;
    long status = 0, os_errno = 0;
    int rc;
    CURL *h = NULL;
    json_t *root =
        json_pack("{s:s, s:[{s:s, s:s}, {s:s, s:s}], s:f, s:i, s:b}", "model", itv->model,
                  "messages", "role", "system", "content", system, "role", "user", "content", user,
                  "temperature", temperature, "max_tokens", max_tokens, "stream", 0);
    *content = NULL;
    if (root != NULL && json_reply)
        json_object_set_new(root, "response_format", json_pack("{s:s}", "type", "json_object"));
    if (root == NULL || (request = json_dumps(root, JSON_COMPACT)) == NULL ||
        (h = c->easy_init()) == NULL ||
        (headers = c->slist_append(NULL, "Content-Type: application/json")) == NULL ||
        (more = c->slist_append(headers, "Expect:")) == NULL) { /* no 100-continue wait */
        rc = diag_set(err, REH_ENOMEM, "out of memory");
        goto done;
    }
    c->easy_setopt(h, CURLOPT_URL, itv->endpoint);
    c->easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
    c->easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
    c->easy_setopt(h, CURLOPT_TIMEOUT_MS, itv->timeout_ms);
    c->easy_setopt(h, CURLOPT_HTTPHEADER, headers);
    c->easy_setopt(h, CURLOPT_POSTFIELDS, request);
    c->easy_setopt(h, CURLOPT_POSTFIELDSIZE, (long)strlen(request));
    c->easy_setopt(h, CURLOPT_WRITEFUNCTION, interviewer_receive);
    c->easy_setopt(h, CURLOPT_WRITEDATA, &reply);
    c->easy_setopt(h, CURLOPT_ERRORBUFFER, detail);
    c->easy_setopt(h, CURLOPT_USERAGENT, "rehearse");
    if (!itv->allow_remote) { /* no proxy, and the addresses checked when opened */
        c->easy_setopt(h, CURLOPT_NOPROXY, "*");
        c->easy_setopt(h, CURLOPT_RESOLVE, itv->resolve);
    }
    CURLcode cc = c->easy_perform(h);
    c->easy_getinfo(h, CURLINFO_RESPONSE_CODE, &status);
    c->easy_getinfo(h, CURLINFO_OS_ERRNO, &os_errno);
    if (cc != CURLE_OK)
        rc = interviewer_failure(itv, cc, os_errno, &reply, detail, err);
    else
        rc = interviewer_content(itv, status, reply.body.data, reply.body.len, content, err);
    free(strbuf_finish(&reply.body));
done:
    c->slist_free_all(headers);
    c->easy_cleanup(h);
    free(request);
    json_decref(root);
    return rc;
}

/* The user message about an answer: the question, its model answer and key
 * points when there are any, the follow-up it answers if any, the answer. A
 * new string of valid UTF-8, or NULL when out of memory. */
static char *interviewer_prompt(const struct question *q, const struct transcript_answer *a)
{
    struct strbuf b = {0};
    strbuf_printf(&b, "Question: %s\n", q->text);
    if (q->model_answer != NULL)
        strbuf_printf(&b, "\nModel answer: %s\n", q->model_answer);
    for (size_t i = 0; i < q->n_key_points; i++)
        strbuf_printf(&b, "%s- %s\n", i == 0 ? "\nKey points:\n" : "", q->key_points[i]);
    if (a->follow_up > 0)
        strbuf_printf(&b, "\nFollow-up asked: %s\n", a->question);
    strbuf_printf(&b, "\nCandidate's answer:\n%s\n", *a->text != '\0' ? a->text : "(no answer)");
    char *text = strbuf_finish(&b);
    char *valid = text != NULL ? text_valid_utf8(text, strlen(text)) : NULL;
    free(text);
    return valid;
}

int interviewer_follow_up(struct interviewer *itv, const struct question *q,
                          const struct transcript_answer *a, char **text, struct diag *err)
{
    char *user = interviewer_prompt(q, a), *content = NULL, *line = NULL;
    int rc = user == NULL
                 ? diag_set(err, REH_ENOMEM, "out of memory")
                 : interviewer_chat(itv, SYSTEM_FOLLOW_UP, user, 0.4, 120, 0, &content, err);
    *text = NULL;
    if (rc == REH_OK) {
        const char *start = interviewer_after_thinking(content);
        if ((line = interviewer_line(start, strlen(start))) == NULL)
            rc = diag_set(err, REH_ENOMEM, "out of memory");
    }
    if (rc == REH_OK) {
        interviewer_unwrap(line);
        size_t chars = interviewer_chars(line);
        if (chars == 0)
            rc = diag_set(err, REH_EIO, "the interviewer at %s sent an empty follow-up", itv->url);
        else if (chars > INTERVIEWER_MAX_FOLLOW_UP)
            rc = diag_set(err, REH_EIO,
                          "the interviewer at %s sent a follow-up of %zu characters (at most "
                          "%d)",
                          itv->url, chars, INTERVIEWER_MAX_FOLLOW_UP);
    }
    if (rc == REH_OK) {
        *text = line;
        line = NULL;
    }
    free(user);
    free(content);
    free(line);
    return rc;
}

/* One aspect of a rubric's JSON into *mark. */
static int interviewer_mark(const struct interviewer *itv, json_t *rubric,
                            enum rubric_aspect aspect, struct rubric_mark *mark, struct diag *err)
{
    const char *name = rubric_aspect_name(aspect);
    json_t *member = json_object_get(rubric, name);
    json_t *score = json_object_get(member, "score"), *why = json_object_get(member, "comment");
    char *line = NULL;
    int rc = REH_OK;
    if (!json_is_integer(score) || json_integer_value(score) < RUBRIC_SCORE_MIN ||
        json_integer_value(score) > RUBRIC_SCORE_MAX)
        return diag_set(err, REH_EIO,
                        "the interviewer at %s sent a rubric without a score from %d to %d for %s",
                        itv->url, RUBRIC_SCORE_MIN, RUBRIC_SCORE_MAX, name);
    if (json_is_string(why) &&
        (line = interviewer_line(json_string_value(why), json_string_length(why))) == NULL)
        return diag_set(err, REH_ENOMEM, "out of memory");
    if (line == NULL || *line == '\0')
        rc = diag_set(err, REH_EIO, "the interviewer at %s sent a rubric without a comment for %s",
                      itv->url, name);
    else if (interviewer_chars(line) > RUBRIC_WHY_CHARS)
        rc = diag_set(err, REH_EIO,
                      "the interviewer at %s sent a comment for %s longer than %d characters",
                      itv->url, name, RUBRIC_WHY_CHARS);
    else {
        mark->score = (int)json_integer_value(score);
        snprintf(mark->why, sizeof mark->why, "%s", line);
    }
    free(line);
    return rc;
}

/* The JSON object in a rubric reply, perhaps inside a Markdown code fence. */
static json_t *interviewer_rubric_json(const char *content)
{
    const char *start = interviewer_after_thinking(content), *end;
    start += strspn(start, " \t\r\n");
    if (strncmp(start, "```", 3) == 0 && (end = strstr(start + 3, "```")) != NULL) {
        start += strcspn(start, "\n");
        return json_loadb(start, end > start ? (size_t)(end - start) : 0, JSON_REJECT_DUPLICATES,
                          NULL);
    }
    return json_loads(start, JSON_REJECT_DUPLICATES, NULL);
}

int interviewer_rubric(struct interviewer *itv, const struct question *q,
                       const struct transcript_answer *a, struct rubric *out, struct diag *err)
{
    char *user = interviewer_prompt(q, a), *content = NULL;
    json_t *root = NULL;
    int rc = user == NULL ? diag_set(err, REH_ENOMEM, "out of memory")
                          : interviewer_chat(itv, SYSTEM_RUBRIC, user, 0.0, 600, 1, &content, err);
    memset(out, 0, sizeof *out);
    if (rc == REH_OK)
        root = interviewer_rubric_json(content);
    if (rc == REH_OK && !json_is_object(root))
        rc = diag_set(err, REH_EIO, "the interviewer at %s sent a rubric that is not a JSON object",
                      itv->url);
    for (int i = 0; rc == REH_OK && i < RUBRIC_ASPECTS; i++)
        rc = interviewer_mark(itv, root, (enum rubric_aspect)i, &out->marks[i], err);
    if (rc != REH_OK)
        memset(out, 0, sizeof *out);
    json_decref(root);
    free(user);
    free(content);
    return rc;
}

static int interviewer_engine_follow_up(void *ctx, const struct question *q,
                                        const struct transcript_answer *a, char **text,
                                        struct diag *err)
{
    return interviewer_follow_up(ctx, q, a, text, err);
}

struct engine_interviewer interviewer_ops(struct interviewer *itv)
{
    return (struct engine_interviewer){.follow_up = interviewer_engine_follow_up, .ctx = itv};
}
