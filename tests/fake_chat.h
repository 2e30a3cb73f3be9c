/* fake_chat: a fake OpenAI-compatible chat endpoint for the tests of the
 * interviewer: a thread of the test listening on 127.0.0.1 (port 0) that
 * serves one HTTP request with a scripted reply and keeps the request. */
#ifndef REHEARSE_TEST_FAKE_CHAT_H
#define REHEARSE_TEST_FAKE_CHAT_H

#include <pthread.h>
#include <stddef.h>

struct fake {
    int listener;
    unsigned port;
    pthread_t thread;
    int serving;      /* the thread runs */
    int status;       /* of the reply */
    const char *body; /* of the reply */
    size_t body_len;  /* 0: strlen(body) */
    int delay_ms;     /* before replying, cut short when the client hangs up */
    char request[1 << 16];
    size_t request_len;
    const char *request_body; /* in request, after the headers */
};

/* Starts a fake replying `status` and `body` (which must outlive it); set
 * body_len or delay_ms before its request comes. */
struct fake *fake_start(int status, const char *body);

/* Waits until the fake has served its request (request and request_body
 * may be read then). */
void fake_join(struct fake *f);

/* Joins, closes and frees the fake. */
void fake_stop(struct fake *f);

/* A socket of 127.0.0.1 on a free port, listening or not; its port in *port. */
int fake_socket(unsigned *port, int listening);

#endif
