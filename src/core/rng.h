/* rng: a small seeded pseudo-random generator (splitmix64), so that the same
 * seed draws the same questions on every machine. */
#ifndef REHEARSE_RNG_H
#define REHEARSE_RNG_H

#include <stdint.h>

struct rng {
    uint64_t state;
};

void rng_seed(struct rng *rng, uint64_t seed);
uint64_t rng_next(struct rng *rng);

/* A uniformly distributed value in [0, bound); bound must be non-zero. */
uint64_t rng_below(struct rng *rng, uint64_t bound);

#endif
