/*
 * This file declares the users model: the users table descriptor (the fields a client may
 * change through PATCH /users/me are the writable ones), account creation, lookup for login,
 * password changes, and the user's job preferences (user_job_preferences).
 */
#ifndef COPILOT_MODEL_USER_H
#define COPILOT_MODEL_USER_H

#include "table.h"

extern const struct table user_table;

/* Lists every user (administrators only): filters is_admin, username and email (any
 * case), q (user_list_query: part of the username or e-mail); sort id (default), username,
 * email, created_at. */
extern const struct table user_list_query;
int user_list(struct store_conn *c, const struct list_params *p, struct arena *a, struct buf *items,
              int64_t *total, struct err *e);
extern const struct table user_preferences_table;

/* The JSON body of a new account: username, email (lower-cased), password. */
extern const struct table register_body;
/* what its list routes accept (the API document reads them too) */
extern const struct list_spec user_list_spec;

/* Inserts a user (username, email, hashed_password, is_admin) and returns it as JSON.
 * ERR_CONFLICT with e->field "username" or "email" when taken. */
int user_create(struct store_conn *c, const char *username, const char *email,
                const char *password_hash, bool is_admin, struct arena *a, json_t **out,
                struct err *e);
/* Finds a user by username or e-mail (case-insensitive for e-mail). *id = 0 when none;
 * *password_hash (arena copy) is NULL for OAuth-only accounts. */
int user_find_for_login(struct store_conn *c, const char *login, struct arena *a, int64_t *id,
                        const char **password_hash, struct err *e);
/* The stored password hash of user id (NULL when none). */
int user_password_hash(struct store_conn *c, int64_t id, struct arena *a, const char **hash,
                       struct err *e);
int user_set_password(struct store_conn *c, int64_t id, const char *hash, struct arena *a,
                      struct err *e);
/* What other models read of a user's profile (strings in the arena). */
struct user_profile {
    const char *username, *email;
    const char *skills;              /* JSON array text; "[]" when none */
    const char *preferred_locations; /* JSON array text; "[]" when none */
    const char *experience_level;    /* NULL when unset */
    bool prefer_remote_jobs;
    int64_t daily_application_goal;
};
/* Reads user id's profile into *out; a missing user leaves it zero-filled (skills "[]"). */
int user_profile(struct store_conn *c, int64_t id, struct arena *a, struct user_profile *out,
                 struct err *e);
/* The JSON array text of user id's skills (arena copy), NULL when the user has none stored or
 * does not exist. */
int user_skills(struct store_conn *c, int64_t id, struct arena *a, const char **skills,
                struct err *e);
/* Replaces user id's skills with the JSON array text skills; *out (may be NULL) receives the
 * user as GET /users/me shows it. */
int user_set_skills(struct store_conn *c, int64_t id, const char *skills, struct arena *a,
                    json_t **out, struct err *e);
/* Finds the user linked to an OAuth identity (provider, subject); 0 when none. */
int user_id_by_oauth(struct store_conn *c, const char *provider, const char *subject, int64_t *id,
                     struct err *e);
/* Finds a user id by username; 0 when none. */
int user_id_by_username(struct store_conn *c, const char *username, int64_t *id, struct err *e);
/* The user the command line names: who is an id or a username (ERR_NOT_FOUND when no user
 * has it), or NULL for the only user of the database (ERR_NOT_FOUND when there is none,
 * ERR_INVALID when there are several). */
int user_resolve(struct store_conn *c, const char *who, int64_t *id, struct err *e);
/* The user's preferences row as JSON, with defaults when the user never saved any. */
int user_preferences_get(struct store_conn *c, int64_t user_id, struct arena *a, json_t **out,
                         struct err *e);
/* Replaces the preferences with v (upsert). */
int user_preferences_put(struct store_conn *c, int64_t user_id, struct values *v, struct arena *a,
                         json_t **out, struct err *e);

#endif
