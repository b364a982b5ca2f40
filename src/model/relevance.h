/*
 * This file declares the one notion of "the jobs that matter to this user", used wherever the
 * copilot advises on what to learn: the skill gap of /analytics/skills, recommended career
 * resources and recommended learning paths (issue 13: a backend engineer was sent to C and
 * HTML/CSS courses by jobs she had excluded or that shared none of her skills).
 *
 * A job matters when it is still open (not archived, accepted, declined, rejected, withdrawn
 * or ghosted; applied to or not), the preferences do not exclude it (companies, keywords) and
 * its recommendation score (src/model/recommendation_cache.c, learned marks included) is at least
 * RELEVANCE_THRESHOLD; it counts with the weight score / 100. When no job reaches the
 * threshold (a career changer whose saved jobs share none of her skills yet), every open job
 * the preferences keep counts, still weighted by its score, rather than no advice at all.
 * docs/recommendations.md, "Jobs that matter", works an example.
 */
#ifndef COPILOT_MODEL_RELEVANCE_H
#define COPILOT_MODEL_RELEVANCE_H

#include "../core/skill_gap.h"
#include "table.h"

/* The shapes of relevance_json, of an item of relevance_missing_json, and the fields
 * relevance_rank_rows adds to a row (its .fields serve as an extension's fields). */
extern const struct table relevance_summary_reply;
extern const struct table relevance_missing_reply;
extern const struct field relevance_ranked_fields[];

#define RELEVANCE_THRESHOLD 40.0

struct relevance {
    size_t n;           /* the jobs that matter */
    size_t with_skills; /* of them, how many name at least one skill */
    int64_t open;       /* open jobs looked at (excluded ones included) */
    int64_t excluded;   /* removed by the preferences */
    int64_t below;      /* scored under the threshold */
    bool fallback;      /* none reached it: every open job kept counts (weighted) */
};

/* The jobs that matter (*r) and their skill gap: each job's skills with its weight, the user's
 * skills marked (skill_gap.h), kept with the user's cached scores (src/model/score_cache.h) while
 * neither the user's data nor a score changed. g must be skill_gap_free'd by the caller, also on
 * error. *shown_skills
 * (may be NULL) receives the user's skills as shown (skills_display), in their order, without
 * repeats. */
int relevance_skill_gap(struct store_conn *c, int64_t user_id, struct arena *a, struct relevance *r,
                        struct skill_gap *g, json_t **shown_skills, struct err *e);

/* The skill gap as SPEC part C defines it (cached beside the scores, as above), over every own job
 * (archived and closed ones included, the preferences not applied): required = the skills of the
 * jobs' tech_stack (compared by skills_key), each job counting once with weight 1, so entries are
 * ordered by how many jobs ask for them; *jobs receives how many jobs name at least one skill. g
 * and *shown_skills as for relevance_skill_gap. /analytics/skills reports it beside the gap of the
 * jobs that matter. */
int relevance_plain_skill_gap(struct store_conn *c, int64_t user_id, struct arena *a,
                              struct skill_gap *g, size_t *jobs, json_t **shown_skills,
                              struct err *e);

/* {"threshold", "open_jobs", "excluded", "below_threshold", "relevant_jobs", "basis"}: what the
 * reports say about how their jobs were chosen; basis "threshold", or "all_open_jobs" for the
 * fallback. */
json_t *relevance_json(const struct relevance *r);

#define RELEVANCE_GAP_SKILLS 10 /* missing skills that learning advice looks for */

/* Ties among equally relevant rows: < 0 when x comes first. */
typedef int relevance_tie(const json_t *x, const json_t *y);

/*
 * Learning advice for the gap: scores each object of rows (career resources or learning paths,
 * each with a "skills" array) against the missing entries idx[0..nidx) of the finished gap g
 * (skill_gap_top_missing). The rows that teach at least one of them gain "matched_skills" (the
 * skills as shown, in gap order) and "relevance" (the demand they cover, two decimals) and are
 * ordered by relevance, then by tie; limit of them, after skipping the first offset, are
 * appended to items (a page of the list). Returns how many matched.
 */
size_t relevance_rank_rows(const struct skill_gap *g, const size_t *idx, size_t nidx, json_t *rows,
                           relevance_tie *tie, int64_t limit, int64_t offset, json_t *items);
/* The score relevance_rank_rows gives a row whose "skills" column holds skills_text (the JSON
 * text as stored; NULL, not an array or no strings: none): the demand it covers (0: no match),
 * the matched positions of idx into matched (room for RELEVANCE_GAP_SKILLS) and their number
 * into *nmatched. *listed gets whether one of its strings is, byte for byte, the key of one of
 * those entries: the rows store_sql_array_overlaps with relevance_missing_keys selects (a row
 * that is not is not scored: 0, none matched). For a ranking on plain structs, without a JSON
 * object per row. */
double relevance_match_text(const struct skill_gap *g, const size_t *idx, size_t nidx,
                            const char *skills_text, size_t *matched, size_t *nmatched,
                            bool *listed);
/* Whether a row whose "skills" column holds skills_text (as for relevance_match_text) teaches
 * only skills the user has: at least one skill, and the skills_key of each among known[0..nknown)
 * (the user's skills' keys). The top-rated fallback of the recommended resources leaves such a
 * row out ("30 Days of Python" for a Python developer is no advice). */
bool relevance_all_known(const struct skills_dict *d, const char *skills_text,
                         const char *const *known, size_t nknown);
/* Appends ,"matched_skills":[...],"relevance":R (a row matched as above: the members
 * relevance_rank_rows adds, as the replies dump them) to out, a row's text without its '}'. */
void relevance_put_ranked(struct buf *out, const struct skill_gap *g, const size_t *idx,
                          const size_t *matched, size_t nmatched, double score);
/* The keys of the missing entries idx[0..nidx) of g as a JSON array text (arena a), for
 * store_sql_array_overlaps: the catalogue rows that teach any of them. */
const char *relevance_missing_keys(const struct skill_gap *g, const size_t *idx, size_t nidx,
                                   struct arena *a);
/* [{"skill", "jobs", "demand", "in_demand"}] of the missing entries idx[0..nidx) of g. */
json_t *relevance_missing_json(const struct skill_gap *g, const size_t *idx, size_t nidx);

#endif
