/*
 * This file declares the built-in content generator: templates per content type and tone
 * (assets/content_templates.txt, format in its header) filled from the candidate's profile,
 * primary résumé and a job. The same context always gives the same text. Pure functions: no
 * I/O, no JSON.
 */
#ifndef COPILOT_CORE_TEMPLATES_H
#define COPILOT_CORE_TEMPLATES_H

#include <stddef.h>

/* The content types and tones of SPEC part A (NULL-terminated). */
extern const char *const templates_content_types[];
extern const char *const templates_tones[];

struct template_context {
    const char *name;             /* the candidate's name (résumé contact name or username) */
    const char *email;            /* may be NULL */
    const char *experience_level; /* entry, junior, mid, senior, lead, executive; may be NULL */
    const char *const *skills;    /* the profile's skills */
    size_t nskills;
    const char *const *resume_skills; /* the primary résumé's extracted skills */
    size_t nresume_skills;
    const char *company, *title, *location; /* the job's; NULL without a job */
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

/* The skills of ctx's candidate that the job asks for (its tech stack, in its order, then
 * names of three or more characters found as words in job_text), in the candidate's spelling,
 * at most max, into out (pointers into ctx). Returns how many. Matching ignores ASCII case and
 * surrounding spaces. */
size_t templates_matched_skills(const struct template_context *ctx, const char **out, size_t max);

#endif
