/* Tests of which frames of a running stream a recording keeps, with fake
 * blocks and capture times: the frame captured at the start, within a
 * block, before it (the stream's earlier frames) and after it; the part of
 * each block kept, the limit of a length; the frames of a length; and a
 * walk of fake blocks through a whole recording. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/frame_window.h"

#define RATE 16000

/* A block of 1600 frames from frame 8000, its first captured at 10.0 s:
 * the frame captured at 10.025 s is 400 frames in. */
static void the_first_frame_is_the_one_captured_at_the_start(void **state)
{
    (void)state;
    assert_int_equal(frame_window_first(8000, 10.0, RATE, 10.025), 8400);
    assert_int_equal(frame_window_first(8000, 10.0, RATE, 10.0), 8000);
    /* between two frames: the later one */
    assert_int_equal(frame_window_first(8000, 10.0, RATE, 10.00001), 8001);
    /* before the block: an earlier frame of the stream */
    assert_int_equal(frame_window_first(8000, 10.0, RATE, 9.75), 4000);
    /* before the stream began: its first frame */
    assert_int_equal(frame_window_first(8000, 10.0, RATE, 9.0), 0);
    /* after the block: a frame still to come */
    assert_int_equal(frame_window_first(8000, 10.0, RATE, 10.5), 16000);
}

static void each_block_keeps_its_part_of_the_window(void **state)
{
    (void)state;
    size_t skip;
    /* the window starts inside the block */
    assert_int_equal(frame_window_keep(8400, 8000, 1600, 0, UINT64_MAX, &skip), 1200);
    assert_int_equal(skip, 400);
    /* the window started before it: all of it */
    assert_int_equal(frame_window_keep(4000, 8000, 1600, 0, UINT64_MAX, &skip), 1600);
    assert_int_equal(skip, 0);
    /* the window starts after it: none */
    assert_int_equal(frame_window_keep(9600, 8000, 1600, 0, UINT64_MAX, &skip), 0);
    assert_int_equal(skip, 1600);
    /* the limit leaves 100 of it, then nothing */
    assert_int_equal(frame_window_keep(0, 8000, 1600, 900, 1000, &skip), 100);
    assert_int_equal(skip, 0);
    assert_int_equal(frame_window_keep(0, 8000, 1600, 1000, 1000, &skip), 0);
    assert_int_equal(frame_window_keep(0, 8000, 1600, 1200, 1000, &skip), 0);
}

static void a_length_is_its_frames_rounded(void **state)
{
    (void)state;
    assert_int_equal(frame_window_frames(1.5, RATE), 24000);
    assert_int_equal(frame_window_frames(0.43713, RATE), 6994); /* 6994.08 */
    assert_int_equal(frame_window_frames(0.43716, RATE), 6995); /* 6994.56 */
    assert_int_equal(frame_window_frames(0, RATE), 0);
    assert_int_equal(frame_window_frames(-1, RATE), 0);
}

/* A stream of 2000-frame blocks whose capture times jitter by a millisecond;
 * a recording started at 3.3 s and 2.2 s long: it keeps from the frame
 * captured at 3.3 s, exactly 35200 frames, in one contiguous run. */
static void a_recording_walks_the_blocks(void **state)
{
    (void)state;
    const double start = 3.3;
    const uint64_t limit = frame_window_frames(2.2, RATE);
    uint64_t from = UINT64_MAX, kept = 0, first_kept = 0, next = 0;
    for (uint64_t first = 0; first < 20 * 16000; first += 2000) {
        double jitter = (first / 2000) % 2 ? 0.001 : -0.001;
        double at = (double)first / RATE + jitter;
        if (at + 2000.0 / RATE < start)
            continue; /* delivered before the recording was attached */
        if (from == UINT64_MAX) {
            from = frame_window_first(first, at, RATE, start);
            first_kept = from;
            next = from;
        }
        size_t skip, n = frame_window_keep(from, first, 2000, kept, limit, &skip);
        if (n > 0) {
            assert_int_equal(first + skip, next); /* no gap, no frame twice */
            next = first + skip + n;
        }
        kept += n;
    }
    /* 3.3 s is frame 52800; the block that holds it was captured 1 ms early */
    assert_int_equal(first_kept, 52800 + 16);
    assert_int_equal(kept, 35200);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(the_first_frame_is_the_one_captured_at_the_start),
        cmocka_unit_test(each_block_keeps_its_part_of_the_window),
        cmocka_unit_test(a_length_is_its_frames_rounded),
        cmocka_unit_test(a_recording_walks_the_blocks),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
