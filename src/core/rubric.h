/* rubric: a grade of one answer on four aspects (accuracy, depth, structure,
 * communication), each a score from 1 to 5 and one sentence saying why. The
 * interviewer (io/interviewer.h) asks a local model for it after a session;
 * it is advice beside the user's own rating and grades no schedule unless
 * the settings say so. Plain values: nothing to free. */
#ifndef REHEARSE_RUBRIC_H
#define REHEARSE_RUBRIC_H

#include <stddef.h>

enum rubric_aspect {
    RUBRIC_ACCURACY,
    RUBRIC_DEPTH,
    RUBRIC_STRUCTURE,
    RUBRIC_COMMUNICATION,
    RUBRIC_ASPECTS
};

#define RUBRIC_SCORE_MIN 1
#define RUBRIC_SCORE_MAX 5
/* The longest sentence of an aspect, in characters (code points). */
#define RUBRIC_WHY_CHARS 300
/* Room for such a sentence in UTF-8 and its NUL. */
#define RUBRIC_WHY_BYTES (4 * RUBRIC_WHY_CHARS + 1)

struct rubric_mark {
    int score;                  /* RUBRIC_SCORE_MIN to RUBRIC_SCORE_MAX */
    char why[RUBRIC_WHY_BYTES]; /* one sentence, valid UTF-8, no control character */
};

struct rubric {
    struct rubric_mark marks[RUBRIC_ASPECTS]; /* indexed by enum rubric_aspect */
};

/* The name of an aspect as written in JSON and shown: "accuracy", "depth",
 * "structure", "communication". */
const char *rubric_aspect_name(enum rubric_aspect aspect);

/* The grade a rubric gives: the mean of its four scores, rounded (half up),
 * from RUBRIC_SCORE_MIN to RUBRIC_SCORE_MAX. */
int rubric_grade(const struct rubric *r);

#endif
