/*
 * This file implements the generated content model of content.h. Version numbers are taken
 * as MAX + 1 inside a transaction that first updates the generation row: on PostgreSQL that
 * row lock serialises concurrent edits of one generation, on SQLite BEGIN IMMEDIATE already
 * does, and the unique (content_generation_id, version_number) index backs both.
 */
#include "content.h"

#include <stdlib.h>
#include <string.h>

#include "../core/utf8.h"
#include "../lib/buf.h"
#include "../lib/json.h"
#include "../lib/log.h"
#include "../lib/timeutil.h"
#include "application.h"
#include "job.h"
#include "resume.h"
#include "user.h"

#define CONTENT_TEXT_MAX 100000 /* bytes of a language model's answer kept */
#define PROMPT_SKILLS 64        /* candidate skills named in a prompt */

static const char *const statuses[] = {"generated", "modified", "approved", "used", NULL};
static const char *const patch_statuses[] = {"approved", "used", NULL};

static const struct field content_fields[] = {
    {"id", FT_INT, 0},
    {"user_id", FT_INT, 0},
    {"job_id", FT_INT, 0},
    {"content_type", FT_TEXT, 0, templates_content_types},
    {"generated_content", FT_TEXT, 0},
    {"user_modifications", FT_TEXT, 0},
    {"generation_prompt", FT_TEXT, 0},
    {"tone", FT_TEXT, 0, templates_tones},
    {"template_used", FT_TEXT, 0},
    {"generator", FT_TEXT, 0},
    {"status", FT_TEXT, 0, statuses},
    {"created_at", FT_TIMESTAMP, 0},
    {"updated_at", FT_TIMESTAMP, 0},
    {"row_version", FT_INT, F_NOTNULL},
    {NULL},
};
const struct table content_table = {"content_generations", content_fields, true, "Content"};

static const char *const list_sortable[] = {"created_at", "updated_at", "content_type", "status",
                                            NULL};
static const struct list_param list_filters[] = {
    {"content_type", "content_type", FILTER_EQ},
    {"status", "status", FILTER_EQ},
    {"job_id", "job_id", FILTER_EQ},
    {"tone", "tone", FILTER_EQ},
    {NULL},
};
const struct list_spec content_list_spec = {list_filters, list_sortable, "-created_at"};

/* A sort by an enumerated column in the order of its values, as PostgreSQL's enum type sorts
 * it, on both engines (thirty-sixth round, engines_agree). */
static const char *list_order(void *ctx, const struct list_query *q, struct arena *a)
{
    return table_order_by_values(&content_table, q, a);
}
static const struct list_hooks list_hooks = {.order = list_order};

int content_list(struct store_conn *c, int64_t user_id, const struct list_params *p,
                 struct arena *a, struct buf *items, int64_t *total, struct err *e)
{
    return table_list_params(c, &content_table, &content_list_spec, user_id, p, &list_hooks, a,
                             items, total, e);
}

static const struct field version_fields[] = {
    {"id", FT_INT, 0},
    {"content_generation_id", FT_INT, 0},
    {"version_number", FT_INT, 0},
    {"content", FT_TEXT, 0},
    {"change_note", FT_TEXT, 0},
    {"created_at", FT_TIMESTAMP, 0},
    {NULL},
};
const struct table content_version_table = {"content_versions", version_fields, false,
                                            "ContentVersion"};

static const struct field document_fields[] = {
    {"versions", FT_LIST, F_NOTNULL, .of = &content_version_table, .doc = "oldest first"},
    {"current_version", FT_INT, 0},
    {NULL},
};
const struct table content_document_reply = {NULL, document_fields, false, "ContentDocument",
                                             &content_table};

static const struct field create_fields[] = {
    {"content_type", FT_TEXT, F_WRITE | F_REQUIRED, templates_content_types},
    {"job_id", FT_INT, F_WRITE, .min = 1, .max = INT64_MAX},
    {"tone", FT_TEXT, F_WRITE, templates_tones},
    {"instructions", FT_TEXT, F_WRITE, .max = 4000},
    {NULL},
};
const struct table content_create_body = {NULL, create_fields, false, "ContentRequest"};

static const struct field patch_fields[] = {
    {"content", FT_TEXT, F_WRITE | F_REQUIRED, .min = 1, .max = 100000},
    {"change_note", FT_TEXT, F_WRITE, .max = 500},
    {"status", FT_TEXT, F_WRITE | F_NOTNULL, patch_statuses},
    {NULL},
};
const struct table content_patch_body = {NULL, patch_fields, false, "ContentEdit"};

/* ================================================================ context */

static int load_profile(struct store_conn *c, int64_t user_id, struct arena *a,
                        struct template_context *ctx, struct err *e)
{
    struct user_profile profile;
    int rc = user_profile(c, user_id, a, &profile, e);
    if (rc)
        return rc;
    /* a username ("jdoe42") is no signature: the name is the résumé's (load_resume), and a
       letter without one has no name line (thirty-seventh round) */
    ctx->name = NULL;
    ctx->email = profile.email;
    ctx->skills = json_parse_strings(profile.skills, a, &ctx->nskills);
    ctx->experience_level = profile.experience_level;
    ctx->prefer_remote = profile.prefer_remote_jobs;
    ctx->preferred_locations =
        json_parse_strings(profile.preferred_locations, a, &ctx->npreferred_locations);
    return 0;
}

/* The facts of the résumé used for the job (the one chosen for it, else the primary one): its
 * skills, contact name and e-mail (they replace the account's: the letter is signed as the
 * résumé is), the latest role, the years, the roles' highlights, and its experience level where
 * the profile has none. */
static int load_resume(struct store_conn *c, int64_t user_id, int64_t job_id, struct arena *a,
                       struct template_context *ctx, struct err *e)
{
    struct resume_facts resume;
    int rc = resume_facts(c, user_id, job_id, a, &resume, e);
    if (rc || !resume.found)
        return rc;
    ctx->resume_skills = json_parse_strings(resume.skills, a, &ctx->nresume_skills);
    if (ctx->experience_level == NULL)
        ctx->experience_level = resume.experience;
    if (resume.contact_name)
        ctx->name = resume.contact_name;
    if (resume.contact_email)
        ctx->email = resume.contact_email;
    ctx->years = resume.years;
    if (resume.nroles) {
        ctx->role_title = resume.roles[0].title;
        ctx->role_company = resume.roles[0].company;
        ctx->role_current = resume.roles[0].current;
    }
    for (size_t i = 0; i < resume.nroles; i++)
        for (size_t k = 0;
             k < resume.roles[i].nhighlights && ctx->nhighlights < TEMPLATES_MAX_HIGHLIGHTS; k++)
            ctx->highlights[ctx->nhighlights++] =
                (struct template_highlight){resume.roles[i].highlights[k], resume.roles[i].company};
    return 0;
}

static int load_job(struct store_conn *c, int64_t user_id, int64_t job_id, struct arena *a,
                    struct template_context *ctx, struct err *e)
{
    struct job_brief job;
    int rc = job_brief(c, user_id, job_id, a, &job, e);
    if (rc)
        return rc;
    ctx->company = job.company;
    ctx->title = job.title;
    ctx->location = job.location;
    ctx->remote_option = job.remote_option;
    ctx->job_skills = json_parse_strings(job.tech_stack, a, &ctx->njob_skills);
    if (job.requirements || job.description)
        ctx->job_text = arena_printf(a, "%s\n%s", job.requirements ? job.requirements : "",
                                     job.description ? job.description : "");
    return 0;
}

/* A follow-up is about an application: it needs a job the user applied to. */
static int check_follow_up(struct store_conn *c, int64_t user_id, int64_t job_id, struct err *e)
{
    if (job_id == 0)
        return err_set(e, ERR_INVALID, "job_id",
                       "a follow-up is about an application: give the job_id you applied to");
    bool reached;
    int rc = application_reached_applied(c, user_id, job_id, &reached, e);
    if (rc == 0 && !reached)
        rc = err_set(e, ERR_INVALID, "job_id",
                     "a follow-up comes after applying: this job has no application that "
                     "reached \"applied\"");
    return rc;
}

int content_context_load(struct store_conn *c, int64_t user_id, const char *content_type,
                         int64_t job_id, const char *instructions, struct arena *a,
                         struct template_context *ctx, struct err *e)
{
    memset(ctx, 0, sizeof *ctx);
    ctx->years = -1;
    ctx->instructions = instructions;
    int rc = job_id ? load_job(c, user_id, job_id, a, ctx, e) : 0;
    if (rc == 0 && content_type && strcmp(content_type, "follow_up") == 0)
        rc = check_follow_up(c, user_id, job_id, e);
    if (rc == 0)
        rc = load_profile(c, user_id, a, ctx, e);
    if (rc == 0)
        rc = load_resume(c, user_id, job_id, a, ctx, e);
    return rc;
}

/* ================================================================ generating */

/* s when it holds text, else NULL. */
static const char *present(const char *s)
{
    return s && *s ? s : NULL;
}

static const char *document_name(const char *content_type)
{
    static const char *const names[][2] = {
        {"cover_letter", "a cover letter"},
        {"resume_summary", "a professional summary for the top of a résumé"},
        {"resume_tailoring", "a list of concrete suggestions to tailor a résumé to the job"},
        {"email_template", "an e-mail applying for the job"},
        {"linkedin_message", "a short LinkedIn message to a recruiter"},
        {"thank_you_note", "a thank-you note after an interview"},
        {"follow_up", "a polite follow-up e-mail about an application"},
    };
    for (size_t i = 0; content_type && i < sizeof names / sizeof names[0]; i++)
        if (strcmp(content_type, names[i][0]) == 0)
            return names[i][1];
    return NULL;
}

static void list_line(struct buf *b, const char *label, const char *const *items, size_t n)
{
    for (size_t i = 0; items && i < n; i++)
        buf_printf(b, "%s%s%s", i ? ", " : label, items[i], i + 1 == n ? ".\n" : "");
}

/* Type-specific rules of length and sign-off. */
static const char *type_rules(const char *content_type)
{
    static const char *const rules[][2] = {
        {"cover_letter", "About 200 to 300 words, signed with the candidate's name and e-mail."},
        {"linkedin_message",
         "At most 600 characters, no subject, a short friendly sign-off (never \"Sincerely\")."},
        {"follow_up", "Short: a subject line and three or four sentences."},
        {"thank_you_note", "Short: a subject line and one paragraph of thanks."},
        {"email_template", "A subject line, then about 150 words."},
    };
    for (size_t i = 0; content_type && i < sizeof rules / sizeof rules[0]; i++)
        if (strcmp(content_type, rules[i][0]) == 0)
            return rules[i][1];
    return NULL;
}

char *content_prompt(const char *content_type, const char *tone, const struct template_context *ctx,
                     const char *instructions)
{
    const char *document = document_name(content_type);
    if (document == NULL)
        return NULL;
    const char *have[PROMPT_SKILLS], *missing[PROMPT_SKILLS], *learning[PROMPT_SKILLS];
    size_t nhave = templates_candidate_skills(ctx, have, PROMPT_SKILLS);
    size_t nmissing = templates_missing_skills(ctx, missing, PROMPT_SKILLS);
    size_t nlearning = templates_learning_skills(ctx, learning, PROMPT_SKILLS);
    struct buf b;
    buf_init(&b);
    buf_printf(&b, "Write %s for %s. Tone: %s.\n", document,
               present(ctx->name) ? ctx->name : "the candidate", tone ? tone : "professional");
    if (present(ctx->email))
        buf_printf(&b, "Contact e-mail (the only one to use): %s.\n", ctx->email);
    if (present(ctx->role_title))
        buf_printf(&b, "%s role: %s%s%s.\n", ctx->role_current ? "Current" : "Latest",
                   ctx->role_title, present(ctx->role_company) ? " at " : "",
                   present(ctx->role_company) ? ctx->role_company : "");
    if (ctx->years > 0)
        buf_printf(&b, "Years of experience: %d.\n", ctx->years);
    else if (templates_experience_phrase(ctx->experience_level))
        buf_printf(&b, "Experience level: %s.\n", ctx->experience_level);
    for (size_t i = 0; i < ctx->nhighlights; i++)
        buf_printf(&b, "%s%s%s%s\n",
                   i ? "- "
                     : "Achievements from the résumé (cite one or two that fit the job, "
                       "with their figures):\n- ",
                   present(ctx->highlights[i].company) ? ctx->highlights[i].company : "",
                   present(ctx->highlights[i].company) ? ": " : "", ctx->highlights[i].text);
    list_line(&b, "Candidate's skills (the only skills the text may claim): ", have, nhave);
    if (present(ctx->title) && present(ctx->company)) {
        char place[160];
        templates_place(ctx, place, sizeof place);
        buf_printf(&b, "Job: %s at %s%s.\n", ctx->title, ctx->company, place);
    }
    list_line(&b, "Job's tech stack: ", ctx->job_skills, ctx->njob_skills);
    list_line(&b, "Skills the job asks for that the candidate does not have (never claim them): ",
              missing, nmissing);
    list_line(&b,
              "Of those, the candidate's instructions name (say only that they are learning "
              "it): ",
              learning, nlearning);
    if (present(ctx->job_text))
        buf_printf(&b, "About the job:\n%.*s\n", (int)utf8_cut(ctx->job_text, 2000), ctx->job_text);
    if (present(instructions))
        buf_printf(&b, "Instructions from the candidate: %s\n", instructions);
    buf_puts(&b, "Rules: use only the facts above; never claim a skill, employer, figure or "
                 "achievement that is not listed; do not describe the candidate by a level "
                 "label (\"a mid-level professional\"); a remote job is remote, not a place "
                 "(\"in Remote\"); do not repeat a sentence.\n");
    const char *rules = type_rules(content_type);
    if (rules)
        buf_printf(&b, "Length and form: %s\n", rules);
    buf_puts(&b, "Answer with the text of the document only, no commentary.");
    return buf_steal(&b);
}

static const char system_prompt[] =
    "You are a careful career coach who writes job-search documents for candidates. You never "
    "invent facts that are not in the prompt.";

/* Tries the language model: 0 with n->text and n->generator set, or -1 with *warning set. */
static int from_model(const struct llm_config *llm, struct content_new *n, struct arena *a,
                      const char **warning)
{
    if (!llm_enabled(llm))
        return -1;
    char *text, why[200];
    if (llm_chat(llm, system_prompt, n->prompt, &text, why, sizeof why)) {
        log_error("content generation: %s; using the built-in templates", why);
        *warning = arena_printf(a, "%s; the built-in template was used", why);
        return -1;
    }
    n->text = arena_strndup(a, text, utf8_cut(text, CONTENT_TEXT_MAX));
    n->generator = arena_strdup(a, llm_model_name(llm));
    free(text);
    return 0;
}

static void from_templates(struct content_new *n, const struct template_context *ctx,
                           struct arena *a)
{
    char *text =
        templates_render(templates_default(), n->content_type, n->tone, ctx, &n->template_used);
    n->text = arena_strdup(a, text ? text : "");
    n->generator = "builtin";
    free(text);
}

int content_generate(const struct llm_config *llm, struct content_new *n,
                     const struct template_context *ctx, const char *instructions, struct arena *a,
                     const char **warning, struct err *e)
{
    *warning = NULL;
    char *prompt = content_prompt(n->content_type, n->tone, ctx, instructions);
    n->prompt = arena_strdup(a, prompt ? prompt : "");
    free(prompt);
    if (from_model(llm, n, a, warning))
        from_templates(n, ctx, a);
    if (*n->text == '\0')
        return err_set(e, ERR_INTERNAL, NULL, "no template for %s", n->content_type);
    return 0;
}

/* ================================================================ versions */

static int versions_json(struct store_conn *c, int64_t id, struct arena *a, json_t **out,
                         struct err *e)
{
    const char *sql =
        arena_printf(a,
                     "SELECT %s FROM content_versions WHERE content_generation_id = ? "
                     "ORDER BY version_number",
                     table_columns(&content_version_table, NULL, a));
    struct store_value p[] = {SV_INT(id)};
    struct store_result *r;
    int rc = store_exec(c, sql, p, 1, &r, e);
    if (rc)
        return rc;
    *out = json_array();
    for (size_t i = 0; i < store_rows(r); i++)
        json_array_append_new(*out, table_row_json(&content_version_table, r, i));
    store_result_free(r);
    return 0;
}

/* Appends the next version of generation id (the caller holds the generation's row). */
static int add_version(struct store_conn *c, int64_t id, const char *content, const char *note,
                       struct arena *a, struct err *e)
{
    struct store_value p[] = {SV_INT(id)};
    struct store_result *r;
    int rc = store_exec(c,
                        "SELECT COALESCE(MAX(version_number), 0) + 1 FROM content_versions "
                        "WHERE content_generation_id = ?",
                        p, 1, &r, e);
    if (rc)
        return rc;
    int64_t next = store_int(r, 0, 0);
    store_result_free(r);
    struct store_value v[] = {SV_INT(id), SV_INT(next), SV_TEXT(content), SV_TEXT_OR_NULL(note),
                              SV_TEXT(time_now_text(a))};
    return store_exec(c,
                      "INSERT INTO content_versions (content_generation_id, version_number, "
                      "content, change_note, created_at) VALUES (?, ?, ?, ?, ?)",
                      v, 5, NULL, e);
}

int content_get(struct store_conn *c, int64_t user_id, int64_t id, struct arena *a, json_t **out,
                struct err *e)
{
    int rc = table_get(c, &content_table, user_id, id, a, out, e);
    if (rc)
        return rc;
    json_t *versions;
    rc = versions_json(c, id, a, &versions, e);
    if (rc) {
        json_decref(*out);
        *out = NULL;
        return rc;
    }
    json_t *last = json_array_get(versions, json_array_size(versions) - 1);
    json_object_set_new(*out, "versions", versions);
    json_object_set(*out, "current_version",
                    last ? json_object_get(last, "version_number") : json_null());
    return 0;
}

/* Reads the fresh generation into *out and commits, or rolls back on rc: the read is part of
 * the transaction, so that a failed read undoes the change rather than answer an error for it. */
static int finish(struct store_conn *c, int rc, int64_t user_id, int64_t id, struct arena *a,
                  json_t **out, struct err *e)
{
    *out = NULL;
    if (rc == 0)
        rc = content_get(c, user_id, id, a, out, e);
    return table_finish(c, rc, out, e);
}

/* ================================================================ changes */

int content_create(struct store_conn *c, int64_t user_id, const struct content_new *n,
                   struct arena *a, json_t **out, struct err *e)
{
    const struct table *r = &content_table;
    const char *now = time_now_text(a);
    struct values v = {0};
    values_set(&v, r, "user_id", SV_INT(user_id));
    values_set(&v, r, "job_id", n->job_id ? SV_INT(n->job_id) : SV_NULL);
    values_set(&v, r, "content_type", SV_TEXT(n->content_type));
    values_set(&v, r, "generated_content", SV_TEXT(n->text));
    values_set(&v, r, "generation_prompt", SV_TEXT_OR_NULL(n->prompt));
    values_set(&v, r, "tone", SV_TEXT(n->tone));
    values_set(&v, r, "template_used", SV_TEXT_OR_NULL(n->template_used));
    values_set(&v, r, "generator", SV_TEXT(n->generator));
    values_set(&v, r, "status", SV_TEXT("generated"));
    values_set(&v, r, "created_at", SV_TEXT(now));
    values_set(&v, r, "updated_at", SV_TEXT(now));
    json_t *row = NULL;
    int rc = store_begin(c, e);
    if (rc)
        return rc;
    rc = table_insert(c, r, &v, a, &row, e);
    if (rc == ERR_FOREIGN_KEY && n->job_id) { /* deleted since it was read, before the text */
        rc = err_replace(e, ERR_NOT_FOUND, "job_id", "no such job: %lld", (long long)n->job_id);
    }
    int64_t id = row ? json_get_int(row, "id") : 0;
    json_decref(row);
    if (rc == 0)
        rc = add_version(c, id, n->text, arena_printf(a, "generated by %s", n->generator), a, e);
    return finish(c, rc, user_id, id, a, out, e);
}

int content_update(struct store_conn *c, int64_t user_id, int64_t id, const char *content,
                   const char *change_note, const char *status, struct arena *a, json_t **out,
                   struct err *e)
{
    struct values v = {0};
    if (content) {
        values_set(&v, &content_table, "user_modifications", SV_TEXT(content));
        values_set(&v, &content_table, "status", SV_TEXT(status ? status : "modified"));
    } else if (status) {
        values_set(&v, &content_table, "status", SV_TEXT(status));
    }
    int rc = store_begin(c, e);
    if (rc)
        return rc;
    /* the UPDATE checks ownership and, on PostgreSQL, locks the row for the version number */
    if (v.n) {
        rc = table_update(c, &content_table, user_id, id, &v, a, NULL, e);
    } else { /* nothing to change: it must exist (and be the version an If-Match names) */
        json_t *row = NULL;
        rc = table_get(c, &content_table, user_id, id, a, &row, e);
        if (rc == 0)
            rc = table_expect_row(&content_table, id, row, e);
        json_decref(row);
    }
    if (rc == 0 && content)
        rc = add_version(c, id, content, change_note, a, e);
    return finish(c, rc, user_id, id, a, out, e);
}

int content_restore(struct store_conn *c, int64_t user_id, int64_t id, int64_t number,
                    struct arena *a, json_t **out, struct err *e)
{
    int rc = store_begin(c, e);
    if (rc)
        return rc;
    struct store_value p[] = {SV_INT(id), SV_INT(user_id), SV_INT(number)};
    struct store_result *r;
    rc = store_exec(c,
                    "SELECT v.content FROM content_versions v JOIN content_generations g "
                    "ON g.id = v.content_generation_id "
                    "WHERE g.id = ? AND g.user_id = ? AND v.version_number = ?",
                    p, 3, &r, e);
    if (rc)
        return finish(c, rc, user_id, id, a, out, e);
    const char *text = store_rows(r) ? arena_strdup(a, store_text(r, 0, 0)) : NULL;
    store_result_free(r);
    if (text == NULL) {
        rc = table_get(c, &content_table, user_id, id, a, NULL, e); /* which 404 */
        if (rc == 0)
            rc = err_set(e, ERR_NOT_FOUND, NULL, "no version %lld", (long long)number);
        return finish(c, rc, user_id, id, a, out, e);
    }
    struct values v = {0};
    values_set(&v, &content_table, "user_modifications", SV_TEXT(text));
    values_set(&v, &content_table, "status", SV_TEXT("modified"));
    rc = table_update(c, &content_table, user_id, id, &v, a, NULL, e);
    if (rc == 0)
        rc = add_version(c, id, text,
                         arena_printf(a, "restored from version %lld", (long long)number), a, e);
    return finish(c, rc, user_id, id, a, out, e);
}
