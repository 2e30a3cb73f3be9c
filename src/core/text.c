/* text: one UTF-8 decoder, and the repair, terminal and Markdown forms of
 * text built on it. */
#include "text.h"
#include "strbuf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char REPLACEMENT[] = "\xef\xbf\xbd"; /* U+FFFD */

/* The range the second byte of a sequence must fall in after lead byte b
 * (Unicode, table 3-7 "Well-formed UTF-8 byte sequences"); later bytes are
 * 0x80-0xbf. Returns the sequence length, 0 for a byte that cannot lead. */
static size_t lead(unsigned char b, unsigned char *lo, unsigned char *hi, uint32_t *bits)
{
    *lo = 0x80, *hi = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) {
        *bits = b & 0x1fu;
        return 2;
    }
    if (b >= 0xe0 && b <= 0xef) {
        *lo = b == 0xe0 ? 0xa0 : 0x80; /* no overlong forms */
        *hi = b == 0xed ? 0x9f : 0xbf; /* no surrogates */
        *bits = b & 0x0fu;
        return 3;
    }
    if (b >= 0xf0 && b <= 0xf4) {
        *lo = b == 0xf0 ? 0x90 : 0x80; /* no overlong forms */
        *hi = b == 0xf4 ? 0x8f : 0xbf; /* nothing beyond U+10FFFF */
        *bits = b & 0x07u;
        return 4;
    }
    return 0;
}

size_t text_utf8_next(const char *s, size_t left, uint32_t *cp)
{
    const unsigned char *u = (const unsigned char *)s;
    unsigned char lo, hi;
    uint32_t bits;
    if (u[0] < 0x80) {
        *cp = u[0];
        return 1;
    }
    size_t len = lead(u[0], &lo, &hi, &bits);
    *cp = TEXT_INVALID;
    if (len == 0)
        return 1;
    for (size_t i = 1; i < len; i++) {
        if (i >= left || u[i] < lo || u[i] > hi)
            return i; /* the lead and the continuation bytes that fit */
        bits = bits << 6 | (u[i] & 0x3fu);
        lo = 0x80, hi = 0xbf;
    }
    *cp = bits;
    return len;
}

int text_utf8_valid(const char *s, size_t len)
{
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        i += text_utf8_next(s + i, len - i, &cp);
        if (cp == TEXT_INVALID || cp == 0)
            return 0;
    }
    return 1;
}

char *text_valid_utf8(const char *s, size_t len)
{
    char *out = malloc(len * 3 + 1), *o = out; /* a byte grows to U+FFFD at most */
    for (size_t i = 0; out != NULL && i < len;) {
        uint32_t cp;
        size_t n = text_utf8_next(s + i, len - i, &cp);
        if (cp == TEXT_INVALID || cp == 0) {
            memcpy(o, REPLACEMENT, 3);
            o += 3;
        } else {
            memcpy(o, s + i, n);
            o += n;
        }
        i += n;
    }
    if (out != NULL)
        *o = '\0';
    return out;
}

int text_is_control(uint32_t cp)
{
    return (cp < 0x20 && cp != '\t' && cp != '\n') || (cp >= 0x7f && cp <= 0x9f) || cp == 0x200e ||
           cp == 0x200f || (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069);
}

size_t text_control_name(uint32_t cp, char out[TEXT_CONTROL_MAX])
{
    if (cp < 0x20 || cp == 0x7f) /* ESC 0x1b is ^[, DEL 0x7f is ^? */
        return (size_t)snprintf(out, TEXT_CONTROL_MAX, "^%c", (char)(cp ^ 0x40));
    return (size_t)snprintf(out, TEXT_CONTROL_MAX, "<U+%04X>", (unsigned)cp);
}

/* Copies one decoded character of s to o: a control by its name, an invalid
 * subpart as U+FFFD, anything else as is. Returns the length written (at
 * most 4 times n, which the callers size their output for). */
static size_t put_char(const char *s, size_t n, uint32_t cp, char *o)
{
    if (cp == TEXT_INVALID) {
        memcpy(o, REPLACEMENT, 3);
        return 3;
    }
    if (text_is_control(cp)) {
        char name[TEXT_CONTROL_MAX];
        size_t len = text_control_name(cp, name);
        memcpy(o, name, len);
        return len;
    }
    memcpy(o, s, n);
    return n;
}

char *text_for_terminal(const char *s)
{
    size_t len = strlen(s);
    char *out = malloc(len * 4 + 1), *o = out; /* "<U+009B>" from 2 bytes */
    for (size_t i = 0; out != NULL && i < len;) {
        uint32_t cp;
        size_t n = text_utf8_next(s + i, len - i, &cp);
        o += put_char(s + i, n, cp, o);
        i += n;
    }
    if (out != NULL)
        *o = '\0';
    return out;
}

/* Whether the line from `s` on starts with a marker that acts only at the
 * start of a line; *at is then the offset of the character to escape. */
static int line_marker(const char *s, size_t len, size_t *at)
{
    size_t digits = 0;
    while (digits < len && s[digits] >= '0' && s[digits] <= '9')
        digits++;
    if (len > 0 && s[0] != '\0' && strchr("#>+-=~", s[0]) != NULL) {
        *at = 0;
        return 1;
    }
    if (digits > 0 && digits < len && (s[digits] == '.' || s[digits] == ')')) {
        *at = digits;
        return 1;
    }
    return 0;
}

/* Copies n bytes of s to o with a backslash before each character that
 * means something inline in Markdown; returns the length written. */
static size_t markdown_escape(const char *s, size_t n, char *o)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] != '\0' && strchr("\\`*_[]<|", s[i]) != NULL)
            o[k++] = '\\';
        o[k++] = s[i];
    }
    return k;
}

char *text_markdown_line(const char *s, size_t len)
{
    char *out = malloc(len * 5 + 1), *o = out; /* "\\<U+009B>" from 2 bytes */
    size_t indent = 0, marker = len;
    while (indent < len && (s[indent] == ' ' || s[indent] == '\t'))
        indent++;
    if (line_marker(s + indent, len - indent, &marker))
        marker += indent;
    for (size_t i = 0; out != NULL && i < len;) {
        uint32_t cp;
        char shown[TEXT_CONTROL_MAX];
        size_t n = text_utf8_next(s + i, len - i, &cp);
        if (cp == '\n') {
            *o++ = ' ';
        } else if (i == marker) {
            *o++ = '\\';
            *o++ = s[i];
        } else { /* a control's name is escaped too: "^[^]" must not open a link */
            o += markdown_escape(shown, put_char(s + i, n, cp, shown), o);
        }
        i += n;
    }
    if (out != NULL)
        *o = '\0';
    return out;
}

size_t text_cp_columns(uint32_t cp)
{
    static const struct {
        uint32_t lo, hi;
        unsigned char columns;
    } ranges[] = {
        {0x0300, 0x036f, 0}, {0x200b, 0x200f, 0},   {0x20d0, 0x20ff, 0},   {0xfe00, 0xfe0f, 0},
        {0xfe20, 0xfe2f, 0}, {0x1100, 0x115f, 2},   {0x2e80, 0x303e, 2},   {0x3041, 0xa4cf, 2},
        {0xac00, 0xd7a3, 2}, {0xf900, 0xfaff, 2},   {0xfe30, 0xfe4f, 2},   {0xff00, 0xff60, 2},
        {0xffe0, 0xffe6, 2}, {0x1f300, 0x1f64f, 2}, {0x1f900, 0x1f9ff, 2}, {0x20000, 0x3fffd, 2},
    };
    for (size_t i = 0; i < sizeof ranges / sizeof ranges[0]; i++)
        if (cp >= ranges[i].lo && cp <= ranges[i].hi)
            return ranges[i].columns;
    return 1;
}

size_t text_columns(const char *s, size_t len)
{
    size_t columns = 0;
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        if (s[i] == '\033' && i + 1 < len && s[i + 1] == '[') { /* styling: no columns */
            for (i += 2; i < len && !(s[i] >= 0x40 && s[i] <= 0x7e); i++)
                ;
            i++;
            continue;
        }
        i += text_utf8_next(s + i, len - i, &cp);
        columns += cp == TEXT_INVALID ? 1 : text_cp_columns(cp);
    }
    return columns;
}

char *text_fit(const char *s, size_t columns)
{
    size_t len = strlen(s), cut = 0, used = 0;
    if (text_columns(s, len) <= columns)
        return strdup(s);
    while (columns > 0 && cut < len) { /* the longest start taking columns - 1 */
        uint32_t cp;
        size_t n = text_utf8_next(s + cut, len - cut, &cp);
        size_t c = cp == TEXT_INVALID ? 1 : text_cp_columns(cp);
        if (used + c > columns - 1)
            break;
        used += c;
        cut += n;
    }
    struct strbuf b = {0};
    strbuf_append(&b, s, cut);
    if (columns > 0)
        strbuf_append(&b, TEXT_ELLIPSIS, strlen(TEXT_ELLIPSIS));
    return strbuf_finish(&b);
}

/* Ends the line being wrapped and starts the next at column `hang`. */
static size_t wrap_break(struct strbuf *b, size_t hang)
{
    strbuf_printf(b, "\n%*s", (int)hang, "");
    return hang;
}

char *text_wrap(const char *s, size_t width, size_t indent)
{
    struct strbuf b = {0};
    size_t len = strlen(s), i = 0, col = indent;
    size_t hang = width >= indent + TEXT_WRAP_MIN ? indent : 0;
    int fresh = 1; /* nothing written on this line yet */
    strbuf_append(&b, "", 0);
    while (i < len) {
        if (s[i] == ' ' || s[i] == '\n') {
            if (s[i++] == '\n') {
                col = wrap_break(&b, hang);
                fresh = 1;
            }
            continue;
        }
        size_t end = i;
        while (end < len && s[end] != ' ' && s[end] != '\n')
            end++;
        if (!fresh && width != 0 && col + 1 + text_columns(s + i, end - i) > width) {
            col = wrap_break(&b, hang);
            fresh = 1;
        }
        if (!fresh) {
            strbuf_append(&b, " ", 1);
            col++;
        }
        while (i < end) { /* a word longer than the line breaks at the edge */
            uint32_t cp;
            size_t n = text_utf8_next(s + i, end - i, &cp);
            size_t c = cp == TEXT_INVALID ? 1 : text_cp_columns(cp);
            if (width != 0 && col + c > width && col > hang)
                col = wrap_break(&b, hang);
            strbuf_append(&b, s + i, n);
            col += c;
            i += n;
        }
        fresh = 0;
    }
    return strbuf_finish(&b);
}

size_t text_word_count(const char *s)
{
    size_t n = 0;
    for (const char *p = s; *p != '\0';) {
        p += strspn(p, " \t\r\n");
        if (*p == '\0')
            break;
        n++;
        p += strcspn(p, " \t\r\n");
    }
    return n;
}
