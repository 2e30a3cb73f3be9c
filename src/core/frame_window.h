/* frame_window: which frames of a running input stream belong to a
 * recording, told from the time each block was captured (pure arithmetic).
 * Frames are numbered from the start of the stream; a block is n frames
 * from `first`, the first of them captured at `time` seconds (the stream's
 * clock); the next frames follow it one sample period apart. A recording
 * keeps the frame captured at its start and every frame after it, up to a
 * number of frames given by its length: round(length_s x rate). */
#ifndef REHEARSE_FRAME_WINDOW_H
#define REHEARSE_FRAME_WINDOW_H

#include <stddef.h>
#include <stdint.h>

/* The number of the first frame captured at or after `t`, given a block
 * whose frame `first` was captured at `time`; it may come before the block
 * (the stream's earlier frames), never before frame 0. */
uint64_t frame_window_first(uint64_t first, double time, unsigned rate, double t);

/* Of the block of n frames from `first`, those from frame `from` on (and,
 * with `limit` frames kept already `kept`, at most limit - kept of them):
 * sets *skip to the frames left out at the start of the block and returns
 * how many follow it that are kept. */
size_t frame_window_keep(uint64_t from, uint64_t first, size_t n, uint64_t kept, uint64_t limit,
                         size_t *skip);

/* The frames of a recording `length_s` seconds long: round(length_s x rate),
 * 0 for a negative length. */
uint64_t frame_window_frames(double length_s, unsigned rate);

#endif
