/* arena: a bump allocator that owns every string and array of one loaded
 * bank, scenario or plan, so a single arena_free releases the whole object. */
#ifndef REHEARSE_ARENA_H
#define REHEARSE_ARENA_H

#include <stddef.h>

struct arena_block;

struct arena {
    struct arena_block *head;
};

#define ARENA_INIT                                                                                 \
    {                                                                                              \
        NULL                                                                                       \
    }

/* Returns zeroed memory aligned for any type, owned by the arena, or NULL when
 * out of memory. */
void *arena_alloc(struct arena *a, size_t size);

/* Returns an arena-owned copy of `n` elements of `size` bytes, or NULL. */
void *arena_copy(struct arena *a, const void *src, size_t size);

/* Returns an arena-owned copy of the string, or NULL when out of memory. */
char *arena_strdup(struct arena *a, const char *s);

/* Releases every allocation of the arena; the arena can be reused. */
void arena_free(struct arena *a);

#endif
