/*
 * This file declares the generated content model: content_generations and their
 * content_versions as resources, the request bodies, the context a generator needs (profile,
 * the résumé used for the job: chosen for it, else the primary one; job), and the version
 * history. Every generation starts with version 1 (the
 * generated text); each edit or restore adds the next number, without gaps, and makes the
 * generation's current text (user_modifications) that version's text. Every call is scoped
 * to the owner: another user's content is ERR_NOT_FOUND.
 */
#ifndef COPILOT_MODEL_CONTENT_H
#define COPILOT_MODEL_CONTENT_H

#include "../core/templates.h"
#include "../lib/llm.h"
#include "table.h"

extern const struct table content_table; /* content_generations */

/* Lists user_id's generations (without versions): filters content_type, status, job_id,
 * tone; sort created_at (default newest first), updated_at, content_type, status. */
int content_list(struct store_conn *c, int64_t user_id, const struct list_params *p,
                 struct arena *a, struct buf *items, int64_t *total, struct err *e);
extern const struct table content_version_table; /* content_versions */
/* POST /content: content_type (required), job_id, tone (default professional), instructions. */
extern const struct table content_create_body;
/* A generation as the routes answer it: the row, its versions and current_version. */
extern const struct table content_document_reply;
/* PATCH /content/{id}: content (non-blank), change_note, status (approved or used). */
extern const struct table content_patch_body;
/* what its list routes accept (the API document reads them too) */
extern const struct list_spec content_list_spec;

/* Fills ctx from user_id's profile, the résumé used for job job_id (the one chosen for it, else
 * the primary one, when there is one: its name, e-mail, latest role, years and highlights), job
 * job_id (0 = none; ERR_NOT_FOUND with field job_id when it
 * is not the user's) and the user's instructions (may be NULL). A follow_up needs a job whose
 * application reached "applied": ERR_INVALID naming job_id otherwise. Strings live in a. */
int content_context_load(struct store_conn *c, int64_t user_id, const char *content_type,
                         int64_t job_id, const char *instructions, struct arena *a,
                         struct template_context *ctx, struct err *e);

struct content_new {
    const char *content_type, *tone;
    int64_t job_id; /* 0 = none */
    const char *text, *prompt, *template_used, *generator;
};

/* Fills n->prompt, n->text, n->generator and n->template_used for n's content type and tone:
 * from the language model llm when it is enabled, else (and whenever it fails: *warning, in a,
 * says why and that the built-in template was used) from the built-in templates, which give
 * the same text for the same context. ERR_INTERNAL when there is no template for the type. */
int content_generate(const struct llm_config *llm, struct content_new *n,
                     const struct template_context *ctx, const char *instructions, struct arena *a,
                     const char **warning, struct err *e);
/* The prompt that asks a language model for the document (malloc'd, caller frees): the content
 * type and tone, the candidate (name, experience, skills), the job (title, company, location,
 * tech stack, text cut to 2,000 bytes) and the user's instructions (may be NULL). NULL for an
 * unknown content type. */
char *content_prompt(const char *content_type, const char *tone, const struct template_context *ctx,
                     const char *instructions);

/* Stores a generation and its version 1 in one transaction. *out receives it as
 * content_get does. */
int content_create(struct store_conn *c, int64_t user_id, const struct content_new *n,
                   struct arena *a, json_t **out, struct err *e);
/* The generation with "versions" (ascending) and "current_version". */
int content_get(struct store_conn *c, int64_t user_id, int64_t id, struct arena *a, json_t **out,
                struct err *e);
/* Applies a PATCH: content (may be NULL) becomes the next version with change_note and the
 * current text, status 'modified' unless status (may be NULL) says otherwise; status alone
 * only changes the status. *out as content_get. */
int content_update(struct store_conn *c, int64_t user_id, int64_t id, const char *content,
                   const char *change_note, const char *status, struct arena *a, json_t **out,
                   struct err *e);
/* Adds a version copying version number (ERR_NOT_FOUND when there is none) and makes it the
 * current text, status 'modified'. *out as content_get. */
int content_restore(struct store_conn *c, int64_t user_id, int64_t id, int64_t number,
                    struct arena *a, json_t **out, struct err *e);

#endif
