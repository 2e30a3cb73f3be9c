/* frame_window: the frame at a time, the part of a block in a window, and
 * the frames of a length. */
#include "frame_window.h"

#include <math.h>

uint64_t frame_window_first(uint64_t first, double time, unsigned rate, double t)
{
    /* the frame k after `first` is captured at time + k / rate; the first at
     * or after t (within a thousandth of a frame, against rounding) */
    double k = ceil((t - time) * rate - 1e-3);
    if (k < 0 && -k >= (double)first)
        return 0;
    return k < 0 ? first - (uint64_t)-k : first + (uint64_t)k;
}

size_t frame_window_keep(uint64_t from, uint64_t first, size_t n, uint64_t kept, uint64_t limit,
                         size_t *skip)
{
    uint64_t end = first + n;
    *skip = from <= first ? 0 : from >= end ? n : (size_t)(from - first);
    size_t count = n - *skip;
    uint64_t room = kept < limit ? limit - kept : 0;
    return count < room ? count : (size_t)room;
}

uint64_t frame_window_frames(double length_s, unsigned rate)
{
    return length_s > 0 ? (uint64_t)llround(length_s * rate) : 0;
}
