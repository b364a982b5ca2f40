/*
 * This file implements the interview practice model of interview.h: the field tables, the
 * session's state changes (each in one transaction, the session row read first so that
 * ownership and state are checked before anything is written), answer scoring through
 * src/core/answer_score.c and the session summary.
 */
#include "interview.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/answer_score.h"
#include "../core/questions.h"
#include "../core/utf8.h"
#include "../lib/buf.h"
#include "../lib/json.h"
#include "../lib/log.h"
#include "../lib/timeutil.h"
#include "grading.h"
#include "job.h"

#define PROMPT_ASKED 20 /* recently asked questions named in a prompt */

static const char *const statuses[] = {"started", "in_progress", "completed", "cancelled", NULL};

static const struct field session_fields[] = {
    {"id", FT_INT, 0},
    {"user_id", FT_INT, 0},
    {"job_id", FT_INT, 0},
    {"interview_type", FT_TEXT, 0, questions_interview_types},
    {"status", FT_TEXT, 0, statuses},
    {"total_questions", FT_INT, 0},
    {"score", FT_REAL, 0},
    {"feedback", FT_JSON, 0},
    {"started_at", FT_TIMESTAMP, 0},
    {"completed_at", FT_TIMESTAMP, 0},
    {"created_at", FT_TIMESTAMP, 0},
    {"updated_at", FT_TIMESTAMP, 0},
    {"row_version", FT_INT, F_NOTNULL},
    {NULL},
};
const struct table interview_table = {"interview_sessions", session_fields, true, "Interview"};

static const char *const list_sortable[] = {
    "created_at",   "updated_at",     "score",  "started_at",
    "completed_at", "interview_type", "status", NULL};
static const struct list_param list_filters[] = {
    {"status", "status", FILTER_EQ},
    {"interview_type", "interview_type", FILTER_EQ},
    {"job_id", "job_id", FILTER_EQ},
    {NULL},
};
const struct list_spec interview_list_spec = {list_filters, list_sortable, "-created_at"};

/* A sort by an enumerated column in the order of its values, as PostgreSQL's enum type sorts
 * it, on both engines (thirty-sixth round, engines_agree). */
static const char *list_order(void *ctx, const struct list_query *q, struct arena *a)
{
    return table_order_by_values(&interview_table, q, a);
}
static const struct list_hooks list_hooks = {.order = list_order};

int interview_list(struct store_conn *c, int64_t user_id, const struct list_params *p,
                   struct arena *a, struct buf *items, int64_t *total, struct err *e)
{
    return table_list_params(c, &interview_table, &interview_list_spec, user_id, p, &list_hooks, a,
                             items, total, e);
}

static const struct field question_fields[] = {
    {"id", FT_INT, 0},
    {"session_id", FT_INT, 0},
    {"position", FT_INT, 0},
    {"question_text", FT_TEXT, 0},
    {"question_type", FT_TEXT, 0},
    {"difficulty", FT_TEXT, 0},
    {"answer_text", FT_TEXT, 0},
    {"score", FT_REAL, 0},
    {"feedback", FT_JSON, 0},
    {"answered_at", FT_TIMESTAMP, 0},
    {"created_at", FT_TIMESTAMP, 0},
    {"updated_at", FT_TIMESTAMP, 0},
    {NULL},
};
const struct table interview_question_table = {"interview_questions", question_fields, false,
                                               "InterviewQuestion"};

static const struct field session_reply_fields[] = {
    {"questions", FT_LIST, F_NOTNULL, .of = &interview_question_table, .doc = "in position order"},
    {NULL},
};
const struct table interview_session_reply = {NULL, session_reply_fields, false, "InterviewSession",
                                              &interview_table};

static const struct field create_fields[] = {
    {"interview_type", FT_TEXT, F_WRITE | F_REQUIRED, questions_interview_types},
    {"job_id", FT_INT, F_WRITE, .min = 1, .max = INT64_MAX},
    {"total_questions", FT_INT, F_WRITE | F_NOTNULL, .min = 1, .max = QUESTIONS_MAX},
    {"difficulty", FT_TEXT, F_WRITE, questions_difficulties},
    {"seed", FT_INT, F_WRITE, .min = 0, .max = INT32_MAX},
    {NULL},
};
const struct table interview_create_body = {NULL, create_fields, false, "InterviewRequest"};

static const struct field answer_fields[] = {
    {"answer", FT_TEXT, F_WRITE | F_REQUIRED, .min = 1, .max = 20000},
    {NULL},
};
const struct table interview_answer_body = {NULL, answer_fields, false, "InterviewAnswer"};

/* ================================================================ jobs */

int interview_job_load(struct store_conn *c, int64_t user_id, int64_t job_id, struct arena *a,
                       struct interview_job *out, struct err *e)
{
    struct job_brief job;
    int rc = job_brief(c, user_id, job_id, a, &job, e);
    if (rc)
        return rc;
    out->company = job.company;
    out->title = job.title;
    out->text = arena_printf(a, "%s\n%s\n%s", job.title, job.requirements ? job.requirements : "",
                             job.description ? job.description : "");
    out->skills = json_parse_strings(job.tech_stack, a, &out->nskills);
    return 0;
}

/* ================================================================ generating questions */

int interview_recent_questions(struct store_conn *c, int64_t user_id, const char *type,
                               struct arena *a, const char ***texts, size_t *n, struct err *e)
{
    struct store_value p[] = {SV_INT(user_id), SV_TEXT(type), SV_INT(INTERVIEW_RECENT_SESSIONS)};
    struct store_result *r;
    *texts = NULL;
    *n = 0;
    int rc = store_exec(c,
                        "SELECT q.question_text FROM interview_questions q "
                        "JOIN (SELECT id, created_at FROM interview_sessions "
                        "WHERE user_id = ? AND interview_type = ? "
                        "ORDER BY created_at DESC, id DESC LIMIT ?) s ON s.id = q.session_id "
                        "ORDER BY s.created_at DESC, s.id DESC, q.position",
                        p, 3, &r, e);
    if (rc)
        return rc;
    *texts = arena_alloc(a, (store_rows(r) + 1) * sizeof **texts);
    for (size_t i = 0; i < store_rows(r); i++)
        (*texts)[(*n)++] = arena_strdup(a, store_text(r, i, 0));
    (*texts)[*n] = NULL;
    store_result_free(r);
    return 0;
}

char *interview_prompt(const struct question_request *r, const char *company, const char *title)
{
    static const char *const names[][2] = {{"system_design", "system design"},
                                           {"case_study", "case study"}};
    const char *type = r->interview_type ? r->interview_type : "general";
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (strcmp(type, names[i][0]) == 0)
            type = names[i][1];
    struct buf b;
    buf_init(&b);
    buf_printf(&b, "Write %zu %s interview questions", r->total, type);
    if (title && company)
        buf_printf(&b, " for the %s position at %s.\n", title, company);
    else
        buf_puts(&b, " for a job candidate.\n");
    if (questions_is_level(r->difficulty))
        buf_printf(&b, "Difficulty: %s.\n", r->difficulty);
    else
        buf_puts(&b, "Difficulty: a mix, from easy to hard.\n");
    for (size_t i = 0; r->skills && i < r->nskills; i++)
        buf_printf(&b, "%s%s%s", i ? ", " : "Tech stack: ", r->skills[i],
                   i + 1 == r->nskills ? ".\n" : "");
    if (r->text && *r->text)
        buf_printf(&b, "About the job:\n%.*s\n", (int)utf8_cut(r->text, 2000), r->text);
    for (size_t i = 0; r->asked && i < r->nasked && i < PROMPT_ASKED; i++)
        buf_printf(&b, "%s%.*s\n",
                   i ? "- " : "The candidate was asked these recently; ask different ones:\n- ",
                   (int)utf8_cut(r->asked[i], 300), r->asked[i]);
    buf_puts(&b, "Answer with the questions only, one per line, without numbering or "
                 "commentary.");
    return buf_steal(&b);
}

static const char system_prompt[] =
    "You are an experienced interviewer who writes realistic practice questions for job "
    "candidates.";

static void from_bank(const struct question_request *r, struct interview_questions *g)
{
    const struct question *picked[QUESTIONS_MAX];
    g->n = questions_select(questions_default(), r, picked);
    for (size_t i = 0; i < g->n; i++)
        g->q[i] = (struct interview_new_question){picked[i]->text, picked[i]->category,
                                                  picked[i]->difficulty};
    g->generator = "builtin";
}

/* Asks the model for the questions. Returns 0 with g filled, or -1 with the reason in why. */
static int from_model(const struct llm_config *llm, const struct question_request *r,
                      const struct interview_job *job, struct arena *a,
                      struct interview_questions *g, char *why, size_t n)
{
    char *prompt = interview_prompt(r, job ? job->company : NULL, job ? job->title : NULL);
    char *text;
    int rc = llm_chat(llm, system_prompt, prompt, &text, why, n);
    free(prompt);
    if (rc)
        return rc;
    const char *lines[QUESTIONS_MAX], *plan[QUESTIONS_MAX];
    size_t got = questions_parse_lines(text, lines, QUESTIONS_MAX);
    if (got < r->total) {
        snprintf(why, n, "the language model gave %zu usable questions of %zu", got, r->total);
        free(text);
        return -1;
    }
    questions_difficulty_plan(r->difficulty, r->total, plan);
    for (size_t i = 0; i < r->total; i++)
        g->q[i] = (struct interview_new_question){
            arena_strndup(a, lines[i], utf8_cut(lines[i], 2000)), r->interview_type, plan[i]};
    g->n = r->total;
    g->generator = arena_strdup(a, llm_model_name(llm));
    free(text);
    return 0;
}

void interview_generate(const struct llm_config *llm, const struct question_request *r,
                        const struct interview_job *job, struct arena *a,
                        struct interview_questions *out)
{
    memset(out, 0, sizeof *out);
    if (llm_enabled(llm)) {
        char why[200];
        if (from_model(llm, r, job, a, out, why, sizeof why) == 0)
            return;
        log_error("interview questions: %s; using the built-in bank", why);
        out->warning = arena_printf(a, "%s; the built-in question bank was used", why);
    }
    from_bank(r, out);
}

/* ================================================================ reading */

static int questions_json(struct store_conn *c, int64_t session_id, struct arena *a, json_t **out,
                          struct err *e)
{
    const char *sql =
        arena_printf(a, "SELECT %s FROM interview_questions WHERE session_id = ? ORDER BY position",
                     table_columns(&interview_question_table, NULL, a));
    struct store_value p[] = {SV_INT(session_id)};
    struct store_result *r;
    int rc = store_exec(c, sql, p, 1, &r, e);
    if (rc)
        return rc;
    *out = json_array();
    for (size_t i = 0; i < store_rows(r); i++)
        json_array_append_new(*out, table_row_json(&interview_question_table, r, i));
    store_result_free(r);
    return 0;
}

int interview_get(struct store_conn *c, int64_t user_id, int64_t id, struct arena *a, json_t **out,
                  struct err *e)
{
    int rc = table_get(c, &interview_table, user_id, id, a, out, e);
    if (rc)
        return rc;
    json_t *questions;
    rc = questions_json(c, id, a, &questions, e);
    if (rc) {
        json_decref(*out);
        *out = NULL;
        return rc;
    }
    json_object_set_new(*out, "questions", questions);
    return 0;
}

/* The status of session id into status (size 16): a session of user_id, or of anyone when
 * user_id is 0 (already known to be the caller's). ERR_NOT_FOUND when absent or not theirs.
 * Inside a transaction the session's row is locked (PostgreSQL; SQLite's write transaction
 * holds the database already), so that its answers, its completion and its other changes of
 * status run one after the other: read without the lock, a completion tallied the questions
 * while an answer was being saved (a completed session whose score left that answer out), and
 * the answer then set the completed session back to in_progress. */
static int session_status(struct store_conn *c, int64_t user_id, int64_t id, char *status,
                          struct err *e)
{
    struct store_value p[] = {SV_INT(id), SV_INT(user_id)};
    struct store_result *r;
    char sql[128];
    snprintf(sql, sizeof sql, "SELECT status FROM interview_sessions WHERE id = ?%s%s",
             user_id ? " AND user_id = ?" : "",
             store_in_transaction(c) ? store_sql_for_update(c) : "");
    int rc = store_exec(c, sql, p, user_id ? 2 : 1, &r, e);
    if (rc)
        return rc;
    if (store_rows(r) == 0)
        rc = err_set(e, ERR_NOT_FOUND, NULL, "no such interview session");
    else
        snprintf(status, 16, "%s", store_text(r, 0, 0));
    store_result_free(r);
    return rc;
}

static bool closed(const char *status)
{
    return strcmp(status, "completed") == 0 || strcmp(status, "cancelled") == 0;
}

/* Reads the session's status inside the open transaction; ERR_CONFLICT when it is closed. */
static int open_session(struct store_conn *c, int64_t user_id, int64_t id, const char *doing,
                        char *status, struct err *e)
{
    int rc = session_status(c, user_id, id, status, e);
    if (rc == 0 && closed(status))
        rc = err_set(e, ERR_CONFLICT, NULL, "cannot %s: the session is %s", doing, status);
    return rc;
}

/* Begins the change doing names ("start", "cancel", "complete") of session id: the transaction,
 * in which the session must be open (open_session; its status in status). A failure is left
 * for finish to end (a transaction that did not begin is not rolled back). */
static int begin_change(struct store_conn *c, int64_t user_id, int64_t id, const char *doing,
                        char *status, struct err *e)
{
    int rc = store_begin(c, e);
    return rc ? rc : open_session(c, user_id, id, doing, status, e);
}

/* Reads the fresh session into *out and commits, or rolls back on rc: the read is part of the
 * transaction, so that a failed read undoes the change rather than answer an error for it. */
static int finish(struct store_conn *c, int rc, int64_t user_id, int64_t id, struct arena *a,
                  json_t **out, struct err *e)
{
    *out = NULL;
    if (rc == 0)
        rc = interview_get(c, user_id, id, a, out, e);
    return table_finish(c, rc, out, e);
}

/* ================================================================ creating */

static int insert_question(struct store_conn *c, int64_t session_id, int position,
                           const struct interview_new_question *q, const char *now, struct arena *a,
                           json_t **out, struct err *e)
{
    const struct table *r = &interview_question_table;
    struct values v = {0};
    values_set(&v, r, "session_id", SV_INT(session_id));
    values_set(&v, r, "position", SV_INT(position));
    values_set(&v, r, "question_text", SV_TEXT(q->text));
    values_set(&v, r, "question_type", SV_TEXT_OR_NULL(q->type));
    values_set(&v, r, "difficulty", SV_TEXT_OR_NULL(q->difficulty));
    values_set(&v, r, "created_at", SV_TEXT(now));
    values_set(&v, r, "updated_at", SV_TEXT(now));
    return table_insert(c, r, &v, a, out, e);
}

int interview_create(struct store_conn *c, int64_t user_id, int64_t job_id, const char *type,
                     const struct interview_new_question *q, size_t n, struct arena *a,
                     json_t **out, struct err *e)
{
    const struct table *r = &interview_table;
    const char *now = time_now_text(a);
    struct values v = {0};
    values_set(&v, r, "user_id", SV_INT(user_id));
    values_set(&v, r, "job_id", job_id ? SV_INT(job_id) : SV_NULL);
    values_set(&v, r, "interview_type", SV_TEXT(type));
    values_set(&v, r, "status", SV_TEXT("started"));
    values_set(&v, r, "total_questions", SV_INT((int64_t)n));
    values_set(&v, r, "created_at", SV_TEXT(now));
    values_set(&v, r, "updated_at", SV_TEXT(now));
    *out = NULL;
    json_t *questions = json_array();
    int rc = store_begin(c, e);
    if (rc)
        goto fail;
    rc = table_insert(c, r, &v, a, out, e);
    if (rc == ERR_FOREIGN_KEY && job_id) { /* deleted since it was read, before the questions */
        rc = err_replace(e, ERR_NOT_FOUND, "job_id", "no such job: %lld", (long long)job_id);
    }
    int64_t id = *out ? json_get_int(*out, "id") : 0;
    for (size_t i = 0; rc == 0 && i < n; i++) {
        json_t *question;
        rc = insert_question(c, id, (int)i + 1, &q[i], now, a, &question, e);
        if (rc == 0)
            json_array_append_new(questions, question);
    }
    if (rc == 0)
        rc = store_commit(c, e);
    if (rc)
        goto fail;
    json_object_set_new(*out, "questions", questions);
    return 0;
fail:
    store_rollback(c);
    json_decref(questions);
    json_decref(*out);
    *out = NULL;
    return rc;
}

/* ================================================================ state changes */

int interview_start(struct store_conn *c, int64_t user_id, int64_t id, struct arena *a,
                    json_t **out, struct err *e)
{
    char status[16];
    int rc = begin_change(c, user_id, id, "start", status, e);
    if (rc == 0 && strcmp(status, "started") == 0) {
        const char *now = time_now_text(a);
        struct store_value p[] = {SV_TEXT(now), SV_TEXT(now), SV_INT(id)};
        rc = store_exec(c,
                        "UPDATE interview_sessions SET status = 'in_progress', "
                        "started_at = COALESCE(started_at, ?), updated_at = ? WHERE id = ?",
                        p, 3, NULL, e);
    }
    return finish(c, rc, user_id, id, a, out, e);
}

int interview_cancel(struct store_conn *c, int64_t user_id, int64_t id, struct arena *a,
                     json_t **out, struct err *e)
{
    char status[16];
    int rc = begin_change(c, user_id, id, "cancel", status, e);
    if (rc == 0) {
        struct store_value p[] = {SV_TEXT(time_now_text(a)), SV_INT(id)};
        rc = store_exec(c,
                        "UPDATE interview_sessions SET status = 'cancelled', updated_at = ? "
                        "WHERE id = ?",
                        p, 2, NULL, e);
    }
    return finish(c, rc, user_id, id, a, out, e);
}

/* ================================================================ answers */

/* The session's question at position: its id, text and type (in a). ERR_NOT_FOUND when none. */
static int question_at(struct store_conn *c, int64_t id, int64_t position, struct arena *a,
                       int64_t *qid, const char **text, const char **type, struct err *e)
{
    struct store_value p[] = {SV_INT(id), SV_INT(position)};
    struct store_result *q;
    int rc = store_exec(c,
                        "SELECT id, question_text, question_type FROM interview_questions "
                        "WHERE session_id = ? AND position = ?",
                        p, 2, &q, e);
    if (rc)
        return rc;
    if (store_rows(q) == 0)
        rc = err_set(e, ERR_NOT_FOUND, NULL, "no question at position %lld", (long long)position);
    else {
        *qid = store_int(q, 0, 0);
        *text = arena_strdup(a, store_text(q, 0, 1));
        *type = store_isnull(q, 0, 2) ? NULL : arena_strdup(a, store_text(q, 0, 2));
    }
    store_result_free(q);
    return rc;
}

/* Stores the graded answer on question qid and starts the session if it was only started. */
static int save_answer(struct store_conn *c, int64_t id, int64_t qid, const char *answer,
                       const struct grading *g, struct arena *a, json_t **out, struct err *e)
{
    char status[16];
    const char *now = time_now_text(a);
    const struct table *r = &interview_question_table;
    struct values v = {0};
    values_set(&v, r, "answer_text", SV_TEXT(answer));
    values_set(&v, r, "score", SV_REAL((double)g->score));
    values_set(&v, r, "feedback", SV_TEXT(json_to_text(g->feedback, a)));
    values_set(&v, r, "answered_at", SV_TEXT(now));
    values_set(&v, r, "updated_at", SV_TEXT(now));
    int rc = session_status(c, 0, id, status, e);
    if (rc == 0 && closed(status))
        rc = err_set(e, ERR_CONFLICT, NULL, "cannot answer: the session is %s", status);
    if (rc == 0)
        rc = table_update(c, r, 0, qid, &v, a, out, e);
    if (rc == 0 && strcmp(status, "started") == 0) {
        struct store_value s[] = {SV_TEXT(now), SV_TEXT(now), SV_INT(id)};
        rc = store_exec(c,
                        "UPDATE interview_sessions SET status = 'in_progress', "
                        "started_at = COALESCE(started_at, ?), updated_at = ? WHERE id = ?",
                        s, 3, NULL, e);
    }
    return rc;
}

int interview_answer(struct store_conn *c, const struct llm_config *llm, int64_t user_id,
                     int64_t id, int64_t position, const char *answer, struct arena *a,
                     json_t **out, struct interview_grade *info, struct err *e)
{
    char status[16];
    int64_t qid = 0;
    const char *text = NULL, *type = NULL;
    *out = NULL;
    /* checked before grading, which may wait for a language model outside any transaction */
    int rc = open_session(c, user_id, id, "answer", status, e);
    if (rc == 0)
        rc = question_at(c, id, position, a, &qid, &text, &type, e);
    if (rc)
        return rc;
    struct grading g;
    grading_grade(llm, text, type, answer, a, &g);
    info->grader = g.grader;
    info->warning = g.warning;
    rc = store_begin(c, e);
    if (rc == 0)
        rc = save_answer(c, id, qid, answer, &g, a, out, e);
    json_decref(g.feedback);
    return table_finish(c, rc, out, e);
}

/* ================================================================ completing */

#define NOTES_MAX (QUESTIONS_MAX * ANSWER_MAX_NOTES)

/* What the answered questions say, gathered for answer_summarize. The strings point into the
 * feedback documents, which stay alive until tally_free. */
struct tally {
    double scores[QUESTIONS_MAX];
    size_t answered, total;
    const char *strengths[NOTES_MAX], *improvements[NOTES_MAX];
    size_t nstrengths, nimprovements;
    json_t *documents[QUESTIONS_MAX];
    json_t *per_question;
};

static size_t gather(json_t *list, const char **out, size_t n)
{
    size_t i;
    json_t *item;
    json_array_foreach(list, i, item)
    {
        if (json_is_string(item) && n < NOTES_MAX)
            out[n++] = json_string_value(item);
    }
    return n;
}

static int tally_session(struct store_conn *c, int64_t id, struct tally *t, struct err *e)
{
    struct store_value p[] = {SV_INT(id)};
    struct store_result *r;
    int rc = store_exec(c,
                        "SELECT position, score, feedback FROM interview_questions "
                        "WHERE session_id = ? ORDER BY position",
                        p, 1, &r, e);
    if (rc)
        return rc;
    t->per_question = json_array();
    for (size_t i = 0; i < store_rows(r) && t->total < QUESTIONS_MAX; i++, t->total++) {
        bool answered = !store_isnull(r, i, 1);
        json_array_append_new(t->per_question,
                              json_pack("{s:I, s:o}", "position", (json_int_t)store_int(r, i, 0),
                                        "score",
                                        answered ? json_real(store_real(r, i, 1)) : json_null()));
        if (!answered)
            continue;
        t->scores[t->answered] = store_real(r, i, 1);
        json_t *doc = json_loads(store_text(r, i, 2) ? store_text(r, i, 2) : "{}", 0, NULL);
        t->documents[t->answered++] = doc;
        t->nstrengths = gather(json_object_get(doc, "strengths"), t->strengths, t->nstrengths);
        t->nimprovements =
            gather(json_object_get(doc, "improvements"), t->improvements, t->nimprovements);
    }
    store_result_free(r);
    return 0;
}

static void tally_free(struct tally *t)
{
    for (size_t i = 0; i < t->answered; i++)
        json_decref(t->documents[i]);
    json_decref(t->per_question);
}

/* The session's feedback document from its tally. */
static json_t *session_feedback(struct tally *t, const struct answer_summary *s)
{
    return json_pack(
        "{s:s, s:s, s:f, s:I, s:I, s:I, s:o, s:o, s:O}", "summary", s->message, "level", s->level,
        "average_score", s->score, "answered", (json_int_t)s->answered, "unanswered",
        (json_int_t)(s->total - s->answered), "total_questions", (json_int_t)s->total, "strengths",
        json_from_strings(s->strengths, s->nstrengths), "improvements",
        json_from_strings(s->improvements, s->nimprovements), "question_scores", t->per_question);
}

static int save_summary(struct store_conn *c, int64_t id, struct tally *t, struct arena *a,
                        struct err *e)
{
    struct answer_summary s;
    answer_summarize(t->scores, t->answered, t->total, t->strengths, t->nstrengths, t->improvements,
                     t->nimprovements, &s);
    json_t *doc = session_feedback(t, &s);
    const char *json = json_to_text(doc, a);
    json_decref(doc);
    const char *now = time_now_text(a);
    struct store_value p[] = {SV_REAL(s.score), SV_TEXT(json), SV_TEXT(now),
                              SV_TEXT(now),     SV_TEXT(now),  SV_INT(id)};
    return store_exec(c,
                      "UPDATE interview_sessions SET status = 'completed', score = ?, "
                      "feedback = ?, completed_at = ?, started_at = COALESCE(started_at, ?), "
                      "updated_at = ? WHERE id = ?",
                      p, 6, NULL, e);
}

int interview_complete(struct store_conn *c, int64_t user_id, int64_t id, struct arena *a,
                       json_t **out, struct err *e)
{
    char status[16];
    struct tally t = {0};
    int rc = begin_change(c, user_id, id, "complete", status, e);
    if (rc == 0)
        rc = tally_session(c, id, &t, e);
    if (rc == 0)
        rc = save_summary(c, id, &t, a, e);
    tally_free(&t);
    return finish(c, rc, user_id, id, a, out, e);
}
