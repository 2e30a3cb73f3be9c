/* rubric: the names of the aspects and the grade of a rubric. */
#include "rubric.h"

int rubric_grade(const struct rubric *r)
{
    int sum = 0;
    for (int i = 0; i < RUBRIC_ASPECTS; i++)
        sum += r->marks[i].score;
    return (2 * sum + RUBRIC_ASPECTS) / (2 * RUBRIC_ASPECTS);
}

const char *rubric_aspect_name(enum rubric_aspect aspect)
{
    static const char *const names[RUBRIC_ASPECTS] = {"accuracy", "depth", "structure",
                                                      "communication"};
    return names[aspect];
}
