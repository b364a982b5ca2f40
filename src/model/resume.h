/*
 * This file declares the résumé model: the resume_uploads table descriptor (rows come from
 * uploads; only the label, which names a version such as "backend", is the client's; file_path
 * is hidden from responses), the upload (type check, storage through model/resume_file.h,
 * parsing through model/resume_parse.h, row), the download, and the rules:
 * a new résumé becomes the primary one when it could be read and its owner has none (a failed
 * parse is primary only when the user makes it so); one primary per user, moved in one
 * transaction; deleting the primary promotes the newest readable résumé left; applying a
 * résumé's skills merges them into users.skills without duplicates (compared through the
 * skills dictionary, case-insensitively). Every function is scoped to an owner: another user's
 * résumé is ERR_NOT_FOUND.
 */
#ifndef COPILOT_MODEL_RESUME_H
#define COPILOT_MODEL_RESUME_H

#include "table.h"

struct skills_dict;

extern const struct table resume_table;
/* what its list routes accept (the API document reads them too) */
extern const struct list_spec resume_list_spec;

/* Lists user_id's résumés: filters label, file_type, parsing_status, is_primary; sort created_at
 * (default newest first), updated_at, filename, file_size, label. */
int resume_list(struct store_conn *c, int64_t user_id, const struct list_params *p, struct arena *a,
                struct buf *items, int64_t *total, struct err *e);
/* An upload as the client sent it. */
struct resume_upload {
    const char *data; /* the bytes (len of them) */
    size_t len;
    const char *filename; /* the client's name, for display only; may be NULL */
};

/* Takes an upload of user_id: recognises its type by content (ERR_UNSUPPORTED naming file,
 * with the allowed types, for anything but PDF, DOCX, text and Markdown), parses it in the
 * request and inserts the row together with its bytes (model/resume_file.h) in one
 * transaction, primary when it was read and the user has none yet. *out receives the new row as
 * JSON. */
int resume_upload(struct store_conn *c, int64_t user_id, const struct resume_upload *up,
                  struct arena *a, json_t **out, struct err *e);

/* The stored file of résumé id: its bytes, type ("pdf", ...) and the client's filename (arena
 * copies). ERR_NOT_FOUND when it is not the user's or the file is missing. */
int resume_download(struct store_conn *c, int64_t user_id, int64_t id, struct arena *a,
                    const char **data, size_t *len, const char **file_type, const char **filename,
                    struct err *e);

/* What other models read of the résumé used for a job: the one chosen for it (job_resumes),
 * else the primary one (strings in the arena). */
#define RESUME_ROLES 3           /* roles a résumé brings, the latest first */
#define RESUME_ROLE_HIGHLIGHTS 4 /* highlights kept per role */
#define RESUME_LABEL_MAX 50      /* characters of a label ("backend", "data") */

/* A role of the résumé's experience. */
struct resume_role {
    const char *title, *company; /* NULL when not found */
    bool current;
    const char *highlights[RESUME_ROLE_HIGHLIGHTS];
    size_t nhighlights;
};

struct resume_facts {
    bool found;                             /* false: no résumé to use (nothing else is set) */
    bool chosen;                            /* chosen for the job (false: the primary one) */
    int64_t id;                             /* the résumé's id */
    const char *label;                      /* its label, or NULL */
    const char *skills;                     /* extracted_skills JSON text, or NULL */
    const char *experience;                 /* extracted_experience, or NULL */
    const char *contact_name;               /* the name in extracted_contact_info, or NULL */
    const char *contact_email;              /* the e-mail in extracted_contact_info, or NULL */
    int years;                              /* parsed_data.experience.years, -1 when unknown */
    struct resume_role roles[RESUME_ROLES]; /* the latest role (current, or the latest end)
                                               first, then the others in the résumé's order */
    size_t nroles;
};
/* Reads the facts of the résumé used for user_id's job job_id (chosen for it, else the
 * primary one; job_id 0: the primary one) into *out (strings in a). */
int resume_facts(struct store_conn *c, int64_t user_id, int64_t job_id, struct arena *a,
                 struct resume_facts *out, struct err *e);

/* The skills of each of a user's résumés, for matching jobs (model/recommendation_profile.c). */
struct resume_skill_set {
    int64_t id;
    bool primary;
    const char *skills; /* extracted_skills JSON text, or NULL */
};
/* Every résumé of user_id by id (*n of them, in a). */
int resume_skill_sets(struct store_conn *c, int64_t user_id, struct arena *a,
                      struct resume_skill_set **out, size_t *n, struct err *e);

/* PATCH /resumes/{id}: {label} (null removes it). */
extern const struct table resume_patch_body;
/* Sets the label of résumé id from v (resume_patch_body); If-Match through table_update.
 * ERR_CONFLICT naming label (existing_id: that résumé) when another of the user's résumés has
 * it. *out receives the row. */
int resume_update(struct store_conn *c, int64_t user_id, int64_t id, struct values *v,
                  struct arena *a, json_t **out, struct err *e);

/* Makes résumé id the user's primary one (clearing the previous primary in the same
 * transaction). *out receives the updated row. */
int resume_set_primary(struct store_conn *c, int64_t user_id, int64_t id, struct arena *a,
                       json_t **out, struct err *e);

/* Deletes résumé id and its stored file; when it was primary, the newest remaining readable
 * résumé (its parsing did not fail) becomes primary, in the same transaction (any failure leaves
 * both as they were); with none readable left, no résumé is primary. */
int resume_delete(struct store_conn *c, int64_t user_id, int64_t id, struct arena *a,
                  struct err *e);

/* Merges résumé id's extracted skills into the user's skills: each skill whose key
 * (skills_key) the profile does not hold yet is appended under its canonical name; existing
 * entries keep their order and spelling. *user receives the user object (as GET /users/me)
 * and *added a new JSON array of the skills appended (possibly empty). The profile's
 * experience_level is never changed: *suggested_level receives the résumé's level (in a;
 * NULL when it has none) for the caller to offer as a suggestion. */
int resume_apply_skills(struct store_conn *c, int64_t user_id, int64_t id,
                        const struct skills_dict *dict, struct arena *a, json_t **user,
                        json_t **added, const char **suggested_level, struct err *e);

#endif
