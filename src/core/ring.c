/* ring: acquire/release ordering on the two indices is all the
 * synchronisation: the producer publishes data with a release store of head,
 * the consumer frees space with a release store of tail. */
#include "ring.h"

#include <stdlib.h>
#include <string.h>

int ring_init(struct ring *r, size_t min_capacity)
{
    size_t cap = 1;
    while (cap < min_capacity)
        cap <<= 1;
    r->data = malloc(cap * sizeof *r->data);
    if (r->data == NULL)
        return -1;
    r->mask = cap - 1;
    atomic_init(&r->head, 0);
    atomic_init(&r->tail, 0);
    return 0;
}

void ring_free(struct ring *r)
{
    free(r->data);
    r->data = NULL;
}

size_t ring_capacity(const struct ring *r)
{
    return r->mask + 1;
}

/* Copies n samples between the ring at index `at` and a flat buffer, in at
 * most two pieces around the wrap. */
static void copy_in(struct ring *r, size_t at, const int16_t *src, size_t n)
{
    size_t start = at & r->mask, first = ring_capacity(r) - start;
    if (first > n)
        first = n;
    memcpy(r->data + start, src, first * sizeof *src);
    memcpy(r->data, src + first, (n - first) * sizeof *src);
}

static void copy_out(struct ring *r, size_t at, int16_t *dst, size_t n)
{
    size_t start = at & r->mask, first = ring_capacity(r) - start;
    if (first > n)
        first = n;
    memcpy(dst, r->data + start, first * sizeof *dst);
    memcpy(dst + first, r->data, (n - first) * sizeof *dst);
}

size_t ring_write(struct ring *r, const int16_t *src, size_t n)
{
    size_t head = atomic_load_explicit(&r->head, memory_order_relaxed);
    size_t tail = atomic_load_explicit(&r->tail, memory_order_acquire);
    size_t space = ring_capacity(r) - (head - tail);
    if (n > space)
        n = space;
    copy_in(r, head, src, n);
    atomic_store_explicit(&r->head, head + n, memory_order_release);
    return n;
}

size_t ring_read(struct ring *r, int16_t *dst, size_t n)
{
    size_t tail = atomic_load_explicit(&r->tail, memory_order_relaxed);
    size_t head = atomic_load_explicit(&r->head, memory_order_acquire);
    if (n > head - tail)
        n = head - tail;
    copy_out(r, tail, dst, n);
    atomic_store_explicit(&r->tail, tail + n, memory_order_release);
    return n;
}

size_t ring_used(struct ring *r)
{
    size_t head = atomic_load_explicit(&r->head, memory_order_acquire);
    size_t tail = atomic_load_explicit(&r->tail, memory_order_acquire);
    return head - tail;
}
