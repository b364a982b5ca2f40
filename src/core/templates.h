/*
 * This file declares the built-in content generator: templates per content type and tone
 * (assets/content_templates.txt, format in its header) filled from the candidate's profile,
 * primary résumé and a job. Letters are written from facts: the latest role and employer, the
 * years, one or two achievements of the résumé that mention the job's stack, the skills the
 * candidate holds that the job asks for, and the job's place phrased for remote, hybrid or
 * onsite work. They never claim a skill the candidate lacks: a skill of the job the candidate
 * does not hold is named only as something they are learning, and only when their
 * instructions name it. The same context always gives the same text. Pure functions: no I/O,
 * no JSON.
 */
#ifndef COPILOT_CORE_TEMPLATES_H
#define COPILOT_CORE_TEMPLATES_H

#include <stddef.h>

/* The content types and tones of SPEC part A (NULL-terminated). */
extern const char *const templates_content_types[];
extern const char *const templates_tones[];

#define TEMPLATES_MAX_HIGHLIGHTS 12

/* An achievement of the résumé: a bullet of a role, and the employer it was at. */
struct template_highlight {
    const char *text, *company;
};

struct template_context {
    const char *name;             /* the résumé's contact name; NULL without one (no name line) */
    const char *email;            /* the résumé's e-mail, else the account's; may be NULL */
    const char *experience_level; /* entry, junior, mid, senior, lead, executive; may be NULL */
    const char *const *skills;    /* the profile's skills */
    size_t nskills;
    const char *const *resume_skills; /* the primary résumé's extracted skills */
    size_t nresume_skills;
    /* the résumé's latest role (NULL without one), whether it is current, and the years of
     * experience it states or adds up to (-1 when unknown) */
    const char *role_title, *role_company;
    int role_current;
    int years;
    struct template_highlight highlights[TEMPLATES_MAX_HIGHLIGHTS]; /* newest role first */
    size_t nhighlights;
    /* the candidate's wishes: remote work, and the places they want to work in */
    int prefer_remote;
    const char *const *preferred_locations;
    size_t npreferred_locations;
    const char *instructions;               /* what the candidate asked for; may be NULL */
    const char *company, *title, *location; /* the job's; NULL without a job */
    const char *remote_option;              /* the job's: remote, hybrid, onsite, or NULL */
    const char *const *job_skills;          /* the job's tech stack */
    size_t njob_skills;
    const char *job_text; /* the job's requirements and description (skills named in it count
                             as asked for); may be NULL */
};

struct template_set;

/* Parses a template set from text (len bytes, copied); malformed lines are skipped. Never
 * NULL. Free with templates_free. */
struct template_set *templates_load(const char *text, size_t len);
void templates_free(struct template_set *s);
/* The set built once from the embedded assets/content_templates.txt (thread-safe, never
 * freed). */
const struct template_set *templates_default(void);

/* Renders the template for content_type in tone (the type's own template for that tone, or its
 * "default" one with the tone's phrases). Returns malloc'd text (caller frees) and sets
 * *template_used (may be NULL) to the template's name, "cover_letter.default" style, pointing
 * into the set; NULL when the set has no template for the type or no phrases for the tone. */
char *templates_render(const struct template_set *s, const char *content_type, const char *tone,
                       const struct template_context *ctx, const char **template_used);

/* The candidate's skills: the profile's, then the résumé's, each once (ignoring ASCII case and
 * surrounding spaces), at most max, into out (pointers into ctx). Returns how many. */
size_t templates_candidate_skills(const struct template_context *ctx, const char **out, size_t max);
/* "a junior", "a senior", ... for an experience level of SPEC part A; NULL for anything else. */
const char *templates_experience_phrase(const char *level);

/* The job's skills the candidate lacks (its tech stack), at most max, into out. */
size_t templates_missing_skills(const struct template_context *ctx, const char **out, size_t max);
/* The missing skills the candidate's instructions say they are learning (named as words, case
 * ignored, in a clause with "learn", "study", "course", "training", ... and no negation): the
 * only ones a letter may mention, as something the candidate is learning. */
size_t templates_learning_skills(const struct template_context *ctx, const char **out, size_t max);
/* Up to max achievements for the job, into out: highlights that name a skill the candidate
 * holds and the job asks for, those with a figure first, newest role first. */
size_t templates_achievements(const struct template_context *ctx,
                              const struct template_highlight **out, size_t max);
/* Writes an achievement as a sentence of the letter into out (size n): "At Parcelpoint, I cut
 * the p95 latency ...", "I also moved ..." when again is set (the same employer as the one
 * before), "At Trivago N.V., my work included: Python (Django) services ..." when it does not
 * open with a verb. */
void templates_achievement_sentence(const struct template_highlight *h, int again, char *out,
                                    size_t n);
/* The job's place as the opening of a letter says it, into out (size n): " (remote)",
 * " (remote, EU)", " in Berlin (hybrid)", " in Hamburg"; "" when the job gives none. */
void templates_place(const struct template_context *ctx, char *out, size_t n);

/* The skills of ctx's candidate that the job asks for (its tech stack, in its order, then
 * names of three or more characters found as words in job_text), in the candidate's spelling,
 * at most max, into out (pointers into ctx). Returns how many. Matching ignores ASCII case and
 * surrounding spaces. */
size_t templates_matched_skills(const struct template_context *ctx, const char **out, size_t max);

#endif
