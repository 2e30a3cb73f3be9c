/* ring: a single-producer single-consumer lock-free ring of 16-bit samples.
 * The audio callback writes, the writer thread reads; neither ever blocks,
 * allocates or locks. Indices grow without bound and are masked on use, so
 * full and empty are told apart without a spare slot. */
#ifndef REHEARSE_RING_H
#define REHEARSE_RING_H

#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>

struct ring {
    int16_t *data;
    size_t mask;         /* capacity - 1; capacity is a power of two */
    _Atomic size_t head; /* total samples written (producer) */
    _Atomic size_t tail; /* total samples read (consumer) */
};

/* Allocates a ring of at least `min_capacity` samples (rounded up to a power
 * of two). Returns 0, or -1 when out of memory. Call before the threads
 * start; release with ring_free after they stop. */
int ring_init(struct ring *r, size_t min_capacity);

void ring_free(struct ring *r);

size_t ring_capacity(const struct ring *r);

/* Producer: copies up to n samples in and returns how many fit. */
size_t ring_write(struct ring *r, const int16_t *src, size_t n);

/* Consumer: copies up to n samples out and returns how many there were. */
size_t ring_read(struct ring *r, int16_t *dst, size_t n);

/* Samples waiting to be read (exact for the consumer, a lower bound for the
 * producer's view). */
size_t ring_used(struct ring *r);

#endif
