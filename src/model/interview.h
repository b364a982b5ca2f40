/*
 * This file declares the interview practice model: interview_sessions and their
 * interview_questions as resources, the request bodies, and the session's life cycle:
 *
 *   started --start/answer--> in_progress --complete--> completed
 *   started | in_progress --cancel--> cancelled
 *
 * Answering grades the answer (src/model/grading.c: the language model against the question's
 * rubric, or the built-in scorer of src/core/answer_score.c) and stores score and feedback on
 * the question; completing stores the average of the answered questions and a summary on the
 * session. A completed or cancelled session refuses start, answers, complete and cancel with
 * ERR_CONFLICT. Every call is scoped to the session's owner; questions are reached through
 * their session, so another user's session or question is ERR_NOT_FOUND.
 */
#ifndef COPILOT_MODEL_INTERVIEW_H
#define COPILOT_MODEL_INTERVIEW_H

#include "../core/questions.h"
#include "../lib/llm.h"
#include "table.h"

extern const struct table interview_table; /* interview_sessions */

/* Lists user_id's sessions (without questions): filters status, interview_type, job_id;
 * sort created_at (default newest first), updated_at, score, started_at, completed_at,
 * interview_type, status. */
int interview_list(struct store_conn *c, int64_t user_id, const struct list_params *p,
                   struct arena *a, struct buf *items, int64_t *total, struct err *e);
extern const struct table interview_question_table; /* interview_questions */
/* POST /interviews: interview_type (required), job_id, total_questions (1-20), difficulty
 * (easy, medium, hard, mixed), seed (a non-negative integer that varies the selection). */
extern const struct table interview_create_body;
/* A session as the routes answer it: the row and its questions. */
extern const struct table interview_session_reply;
/* POST .../answer: answer (required, non-blank, at most 20,000 characters). */
extern const struct table interview_answer_body;
/* what its list routes accept (the API document reads them too) */
extern const struct list_spec interview_list_spec;

/* What question generation needs to know about a job (strings in the arena). */
struct interview_job {
    const char *company, *title;
    const char *text;    /* title, requirements and description, for topic matching */
    const char **skills; /* the tech stack */
    size_t nskills;
};

/* Loads job id of user_id. ERR_NOT_FOUND with field job_id when it is not the user's. */
int interview_job_load(struct store_conn *c, int64_t user_id, int64_t job_id, struct arena *a,
                       struct interview_job *out, struct err *e);

/* How many of the user's latest sessions of a type count as "recent" for new questions. */
#define INTERVIEW_RECENT_SESSIONS 10

/* The questions of user_id's INTERVIEW_RECENT_SESSIONS latest sessions of type, the most
 * recent session first (by position inside one): texts in a, NULL-terminated, count in *n.
 * A new session prefers questions not in this list (question_request.asked). */
int interview_recent_questions(struct store_conn *c, int64_t user_id, const char *type,
                               struct arena *a, const char ***texts, size_t *n, struct err *e);

struct interview_new_question {
    const char *text, *type, *difficulty;
};

/* Questions made for a new session. */
struct interview_questions {
    struct interview_new_question q[QUESTIONS_MAX];
    size_t n;
    const char *generator; /* "builtin" or the language model's name */
    const char *warning;   /* why the model was not used, when it failed; else NULL */
};
/* Makes the questions r asks for (job may be NULL): from the language model llm when it is
 * enabled and answers with enough usable lines, else (warning set when the model failed) from
 * the built-in bank. out->n is 0 only when the bank has nothing that fits. */
void interview_generate(const struct llm_config *llm, const struct question_request *r,
                        const struct interview_job *job, struct arena *a,
                        struct interview_questions *out);
/* The prompt that asks a language model for the questions of r (malloc'd, caller frees): type,
 * number, difficulty, the job's title and company (may be NULL), tech stack and text (cut to
 * 2,000 bytes), the recently asked questions to avoid (r->asked, the first 20), and the
 * answer format questions_parse_lines reads. */
char *interview_prompt(const struct question_request *r, const char *company, const char *title);

/* Creates a session of user_id (job_id 0 = none) with questions q[0..n) at positions 1..n, in
 * one transaction. *out receives the session with its "questions". */
int interview_create(struct store_conn *c, int64_t user_id, int64_t job_id, const char *type,
                     const struct interview_new_question *q, size_t n, struct arena *a,
                     json_t **out, struct err *e);
/* The session with its "questions" ordered by position. */
int interview_get(struct store_conn *c, int64_t user_id, int64_t id, struct arena *a, json_t **out,
                  struct err *e);
/* started -> in_progress (started_at set); in_progress stays as it is. The session with its
 * questions. */
int interview_start(struct store_conn *c, int64_t user_id, int64_t id, struct arena *a,
                    json_t **out, struct err *e);
/* started | in_progress -> cancelled. The session with its questions. */
int interview_cancel(struct store_conn *c, int64_t user_id, int64_t id, struct arena *a,
                     json_t **out, struct err *e);
/* Who graded an answer. */
struct interview_grade {
    const char *grader;  /* "builtin" or the language model's name */
    const char *warning; /* why the model was not used, when it failed; else NULL */
};
/* Grades answer to the question at position (ERR_NOT_FOUND when none; ERR_CONFLICT when the
 * session is closed) with llm or the built-in scorer (src/model/grading.c; the model is asked
 * outside any transaction), stores it (answering again replaces the earlier answer) and
 * starts the session if it was only started. *out receives the question, *info who graded. */
int interview_answer(struct store_conn *c, const struct llm_config *llm, int64_t user_id,
                     int64_t id, int64_t position, const char *answer, struct arena *a,
                     json_t **out, struct interview_grade *info, struct err *e);
/* Completes the session: score = average of the answered questions' scores (0 when none),
 * feedback = the summary. The session with its questions. */
int interview_complete(struct store_conn *c, int64_t user_id, int64_t id, struct arena *a,
                       json_t **out, struct err *e);

#endif
