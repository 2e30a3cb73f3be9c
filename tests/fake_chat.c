/* fake_chat: one connection, one scripted reply. */
#define _GNU_SOURCE /* strcasestr */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "fake_chat.h"

#include <netinet/in.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

/* The HTTP request of fd into f->request: headers, then Content-Length bytes. */
static void fake_read_request(struct fake *f, int fd)
{
    size_t want = sizeof f->request - 1;
    while (f->request_len < want) {
        struct pollfd p = {.fd = fd, .events = POLLIN};
        if (poll(&p, 1, 5000) != 1)
            break;
        ssize_t got = read(fd, f->request + f->request_len, want - f->request_len);
        if (got <= 0)
            break;
        f->request_len += (size_t)got;
        f->request[f->request_len] = '\0';
        char *end = strstr(f->request, "\r\n\r\n"),
             *length = strcasestr(f->request, "\r\nContent-Length:");
        if (end != NULL && length != NULL) {
            f->request_body = end + 4;
            want = (size_t)(end + 4 - f->request) + strtoul(length + 17, NULL, 10);
        }
    }
}

static void *fake_serve(void *arg)
{
    struct fake *f = arg;
    struct pollfd p = {.fd = f->listener, .events = POLLIN};
    if (poll(&p, 1, 5000) != 1)
        return NULL;
    int fd = accept(f->listener, NULL, NULL);
    if (fd < 0)
        return NULL;
    fake_read_request(f, fd);
    struct pollfd hangup = {.fd = fd, .events = POLLIN};
    if (f->delay_ms > 0)
        poll(&hangup, 1, f->delay_ms);
    size_t len = f->body_len != 0 ? f->body_len : strlen(f->body);
    char head[256];
    int n = snprintf(head, sizeof head,
                     "HTTP/1.1 %d Scripted\r\nContent-Type: application/json\r\n"
                     "Content-Length: %zu\r\nConnection: close\r\n\r\n",
                     f->status, len);
    send(fd, head, (size_t)n, MSG_NOSIGNAL);
    for (size_t sent = 0; sent < len;) {
        ssize_t w = send(fd, f->body + sent, len - sent, MSG_NOSIGNAL);
        if (w <= 0)
            break;
        sent += (size_t)w;
    }
    close(fd);
    return NULL;
}

/* A socket of 127.0.0.1 on a free port, listening or not. */
int fake_socket(unsigned *port, int listening)
{
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    socklen_t len = sizeof a;
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    assert_true(fd >= 0);
    assert_int_equal(bind(fd, (struct sockaddr *)&a, sizeof a), 0);
    assert_int_equal(getsockname(fd, (struct sockaddr *)&a, &len), 0);
    if (listening)
        assert_int_equal(listen(fd, 4), 0);
    *port = ntohs(a.sin_port);
    return fd;
}

struct fake *fake_start(int status, const char *body)
{
    struct fake *f = calloc(1, sizeof *f);
    assert_non_null(f);
    f->status = status;
    f->body = body;
    f->listener = fake_socket(&f->port, 1);
    assert_int_equal(pthread_create(&f->thread, NULL, fake_serve, f), 0);
    f->serving = 1;
    return f;
}

/* Waits until the fake has served its request. */
void fake_join(struct fake *f)
{
    if (f->serving)
        pthread_join(f->thread, NULL);
    f->serving = 0;
}

void fake_stop(struct fake *f)
{
    fake_join(f);
    close(f->listener);
    free(f);
}
