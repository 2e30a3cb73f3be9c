/* scenario: the scenario model (sections, limits, budget, mode, overtime,
 * warnings, seed) and its loader. A scenario is loaded on its own, then
 * resolved against its bank, which checks every id, pick and limit. */
#ifndef REHEARSE_SCENARIO_H
#define REHEARSE_SCENARIO_H

#include "arena.h"
#include "bank.h"
#include "diag.h"

#include <limits.h>
#include <stddef.h>
#include <stdint.h>

enum answer_mode {
    MODE_INHERIT = -1, /* a section or question without its own mode */
    MODE_TYPED = 0,
    MODE_SPOKEN = 1,
    MODE_MIXED = 2, /* scenario level only: each section decides */
};

/* "typed", "spoken", "mixed", then NULL. */
extern const char *const answer_mode_names[];

enum overtime_policy {
    OVERTIME_HARD,
    OVERTIME_SOFT,
};

/* "hard", "soft", then NULL. */
extern const char *const overtime_names[];

/* Where the follow-up questions of a scenario come from. */
enum follow_up_source {
    FOLLOW_UPS_AUTHORED,  /* the bank's and inline questions' follow_ups */
    FOLLOW_UPS_GENERATED, /* written by the interviewer (a local model), else authored */
    FOLLOW_UPS_NONE,
};

/* "authored", "generated", "none", then NULL. */
extern const char *const follow_up_source_names[];

/* When the model answer and key terms of a question are shown in the
 * interview: never (mock conditions), or after its answer and follow-ups
 * (study, off the clock). */
enum reveal { REVEAL_NEVER, REVEAL_AFTER_ANSWER };
extern const char *const reveal_names[];

#define SCENARIO_MAX_WARNINGS 8
#define SCENARIO_NO_LIMIT     UINT_MAX /* `limit: none`: only the budget bounds the answer */
#define SCENARIO_INHERIT      (-1)     /* a section's think time: the scenario's applies */
#define SCENARIO_MAX_TAKES    9
/* The limit scenario_of_questions gives a question without a suggested time. */
#define SCENARIO_DERIVED_LIMIT_S 180
/* The largest `max_follow_ups`: follow-ups after one answer at most. */
#define SCENARIO_MAX_FOLLOW_UPS 3

/* One question listed in a section: a bank id, or an inline question. */
struct scenario_entry {
    const char *bank_id;      /* NULL for an inline question */
    const struct question *q; /* inline: owned by the scenario; bank: set by resolve */
    unsigned limit_s;         /* 0: the section's limit applies; or SCENARIO_NO_LIMIT */
    enum answer_mode mode;    /* MODE_INHERIT: the section's mode applies */
    size_t line, column;
    int id_derived; /* an inline question without an id, asked as SCENARIO-sN-qM */
};

struct scenario_section {
    const char *title;
    unsigned limit_s;      /* 0: each question's suggested time applies; or SCENARIO_NO_LIMIT */
    int think_s;           /* preparation time before each answer, or SCENARIO_INHERIT */
    enum answer_mode mode; /* MODE_INHERIT, MODE_TYPED or MODE_SPOKEN */
    struct scenario_entry *entries;
    size_t n_entries;
    unsigned pick;             /* questions drawn at random, 0 for none */
    const char *from_category; /* NULL: any category */
    int from_kind;             /* an enum question_kind, or -1 for any */
    size_t line, column, pick_line, pick_column;
};

/* The settings every question of a scenario is asked with. A session
 * records them with its plan (struct transcript) and a scenario made from
 * another (scenario_of_questions) takes them from it. */
struct scenario_settings {
    enum answer_mode mode;
    enum overtime_policy overtime;
    unsigned warnings_s[SCENARIO_MAX_WARNINGS]; /* before each limit, largest first */
    size_t n_warnings;
    unsigned think_s;                 /* preparation time before each answer (0: none) */
    unsigned max_takes;               /* takes allowed per answer: 1 means no retakes */
    int voice;                        /* the questions are read aloud */
    unsigned max_follow_ups;          /* asked after each answer at most (0: none) */
    enum follow_up_source follow_ups; /* where they come from */
    enum reveal reveal;               /* when model answers are shown */
};

/* Everything a scenario points to lives in its arena. */
struct scenario {
    struct arena arena;
    const char *path;
    const char *id;
    const char *title;
    const char *description; /* NULL when not given */
    const char *bank_id;
    const char *based_on; /* made by scenario_of_questions: its base's id; NULL otherwise */
    unsigned budget_s;    /* 0 when not given: the sum of the limits */
    /* The limit of a question with no limit of its own, no section limit and
     * no suggested time; 0: none, which is an error in a scenario file. */
    unsigned default_limit_s;
    struct scenario_settings settings;
    int seed_random; /* 1 for `seed: random` (the default) */
    uint64_t seed;
    struct scenario_section *sections;
    size_t n_sections;
    size_t budget_line, budget_column, bank_line, bank_column;
    size_t no_limit_line, no_limit_column; /* the first `limit: none`, 0 when none */
    size_t warning_line, warning_column;   /* the largest warning in the file, 0 when none */
};

/* Loads and checks a scenario file (everything but what needs the bank).
 * On success release it with scenario_free. Returns REH_OK, REH_EDATA,
 * REH_EIO or REH_ENOMEM with `err` set. */
int scenario_load(struct scenario *sc, const char *path, struct diag *err);

/* The same from a document already parsed. */
int scenario_from_doc(struct scenario *sc, struct ydoc *doc, struct diag *err);

/* Binds the bank ids to `bank` (which must outlive the scenario) and checks
 * ids, categories, pick sizes, duplicates and that the limits fit the budget.
 * Errors point into the scenario file. */
int scenario_resolve(struct scenario *sc, const struct bank *bank, struct diag *err);

/* Makes sc a scenario based on `base`, with its settings (mode, overtime,
 * warnings, think time, takes, voice; not its budget or questions) and one
 * section titled `section` that asks the bank questions `ids` in that order,
 * each for its suggested time (SCENARIO_DERIVED_LIMIT_S when it has none). Copies what it needs;
 * resolve it before use. Returns REH_OK or REH_ENOMEM; release with scenario_free either way. */
int scenario_of_questions(struct scenario *sc, const struct scenario *base, const char *id,
                          const char *title, const char *section, const char *const *ids, size_t n,
                          struct diag *err);

/* Splits the one section of a scenario made by scenario_of_questions, once
 * resolved against `bank`, into a section for each run of questions of one
 * category, titled by the category's title (its id when the bank lists no
 * such category); a question without a category stays under the section's
 * title. The questions, their order and settings stay as they are. Returns
 * REH_OK or REH_ENOMEM. */
int scenario_sections_by_category(struct scenario *sc, const struct bank *bank, struct diag *err);

/* Number of questions a session of this scenario asks. */
size_t scenario_question_count(const struct scenario *sc);

/* The largest sum of question limits and think times any draw can give;
 * valid after resolve. */
unsigned scenario_planned_s(const struct scenario *sc, const struct bank *bank);

/* The limit in seconds of question q listed as `e` (NULL for a drawn one) in
 * section s of sc: 0 when it has none (`limit: none`). */
unsigned scenario_limit_of(const struct scenario *sc, const struct scenario_section *s,
                           const struct scenario_entry *e, const struct question *q);

/* The think time in seconds before each answer of section s. */
unsigned scenario_think_of(const struct scenario *sc, const struct scenario_section *s);

/* The mode (MODE_TYPED or MODE_SPOKEN) of a question of section `s` whose
 * own mode is `entry` (MODE_INHERIT for none) when the user asked for `asked`
 * (MODE_INHERIT: the scenario's mode). */
enum answer_mode scenario_mode_of(const struct scenario *sc, const struct scenario_section *s,
                                  enum answer_mode entry, enum answer_mode asked);

void scenario_free(struct scenario *sc);

#endif
