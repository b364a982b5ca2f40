/*
 * This file declares the résumé model: the resume_uploads table descriptor (nothing in it
 * is writable by a client: rows come from uploads; file_path is hidden from responses), the
 * mapping of a résumé analysis (core/cv_text.h) to the JSON columns, and the rules:
 * a new résumé becomes the primary one when its owner has none; one primary per user, moved in
 * one transaction; deleting the primary promotes the newest remaining résumé; applying a
 * résumé's skills merges them into users.skills without duplicates (compared through the
 * skills dictionary, case-insensitively). Every function is scoped to an owner: another user's
 * résumé is ERR_NOT_FOUND.
 */
#ifndef COPILOT_MODEL_RESUME_H
#define COPILOT_MODEL_RESUME_H

#include "../core/cv_text.h"
#include "table.h"

struct skills_dict;

extern const struct table resume_table;

/* Lists user_id's résumés: filters file_type, parsing_status, is_primary; sort created_at
 * (default newest first), updated_at, filename, file_size. */
int resume_list(struct store_conn *c, int64_t user_id, const struct list_params *p, struct arena *a,
                json_t **items, int64_t *total, struct err *e);
/* A new row. JSON members are serialised JSON text or NULL. */
struct resume_row {
    const char *filename;  /* for display only */
    const char *file_path; /* relative to the data directory, chosen by the server */
    int64_t file_size;
    const char *file_type;      /* "pdf", "docx", "txt", "md" */
    const char *parsing_status; /* "completed" or "failed" */
    const char *parsing_error;
    const char *parsed_data;
    const char *extracted_skills;
    const char *extracted_experience;
    const char *extracted_contact_info;
};

/* Inserts row for user_id; it is primary when the user has no primary résumé yet. *out
 * receives the new row as JSON. */
int resume_create(struct store_conn *c, int64_t user_id, const struct resume_row *row,
                  struct arena *a, json_t **out, struct err *e);

/* What other models read of the user's primary résumé (strings in the arena). */
struct resume_primary {
    bool found;               /* false: the user has no primary résumé (nothing else is set) */
    const char *skills;       /* extracted_skills JSON text, or NULL */
    const char *experience;   /* extracted_experience, or NULL */
    const char *contact_name; /* the name in extracted_contact_info, or NULL */
};
/* Reads the user's primary résumé into *out. */
int resume_primary(struct store_conn *c, int64_t user_id, struct arena *a,
                   struct resume_primary *out, struct err *e);

/* The stored file of résumé id: its path relative to the data directory, file type and the
 * client's filename (arena copies). ERR_NOT_FOUND when not the user's. */
int resume_file(struct store_conn *c, int64_t user_id, int64_t id, struct arena *a,
                const char **path, const char **file_type, const char **filename, struct err *e);

/* Makes résumé id the user's primary one (clearing the previous primary in the same
 * transaction). *out receives the updated row. */
int resume_set_primary(struct store_conn *c, int64_t user_id, int64_t id, struct arena *a,
                       json_t **out, struct err *e);

/* Deletes résumé id; when it was primary, the newest remaining résumé becomes primary (best
 * effort: a failure to promote does not undo the deletion). *path receives the deleted row's
 * file path (arena copy) for the caller to remove. */
int resume_delete(struct store_conn *c, int64_t user_id, int64_t id, struct arena *a,
                  const char **path, struct err *e);

/* Merges résumé id's extracted skills into the user's skills: each skill whose key
 * (skills_key) the profile does not hold yet is appended under its canonical name; existing
 * entries keep their order and spelling. *user receives the user object (as GET /users/me)
 * and *added a new JSON array of the skills appended (possibly empty). */
int resume_apply_skills(struct store_conn *c, int64_t user_id, int64_t id,
                        const struct skills_dict *dict, struct arena *a, json_t **user,
                        json_t **added, struct err *e);

/* parsed_data for an analysis of text: {text, text_truncated, contact, skills, sections,
 * experience: {level, years, entries}, education: {highest_degree, entries}}. New reference. */
json_t *resume_parsed_json(const struct cv_analysis *r, const char *text, bool truncated);
/* extracted_contact_info: {name, email, phone, links} (null for what was not found). */
json_t *resume_contact_json(const struct cv_contact *c);
/* extracted_skills: the canonical skill names. */
json_t *resume_skills_json(const struct cv_analysis *r);

#endif
