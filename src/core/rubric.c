/* rubric: the names of the aspects. */
#include "rubric.h"

const char *rubric_aspect_name(enum rubric_aspect aspect)
{
    static const char *const names[RUBRIC_ASPECTS] = {"accuracy", "depth", "structure",
                                                      "communication"};
    return names[aspect];
}
