/*
 * This file declares where the bytes of uploaded résumés live, behind one small interface so
 * that moving them (into the database, to object storage) changes this module only. Today
 * they are files under <data_dir>/uploads/<user id>/<32 random hex digits>.<type>: the server
 * chooses every name, the client's filename is never used in a path, and the key stored in
 * resume_uploads.file_path is the path relative to the data directory. Every function takes
 * the connection the bytes would travel on once they live in the database (unused while they
 * are files) and refuses keys that are not the user's own.
 */
#ifndef COPILOT_MODEL_RESUME_FILE_H
#define COPILOT_MODEL_RESUME_FILE_H

#include <stddef.h>
#include <stdint.h>

#include "../core/filetype.h"
#include "table.h"

/* Stores data[0..len) as a new file of user_id; *key receives its key (arena).
 * ERR_INTERNAL (logged) when it cannot be written. */
int resume_file_put(struct store_conn *c, const char *data_dir, int64_t user_id, const char *data,
                    size_t len, enum filetype type, struct arena *a, const char **key,
                    struct err *e);
/* Reads the bytes under key into the arena. ERR_NOT_FOUND ("the résumé's file is missing")
 * when the key is not one this server chose for user_id or the file is gone. */
int resume_file_get(struct store_conn *c, const char *data_dir, int64_t user_id, const char *key,
                    struct arena *a, const char **data, size_t *len, struct err *e);
/* A path on this machine holding the bytes under key, for tools that read files (pdftotext),
 * or NULL when key is not user_id's. */
const char *resume_file_local_path(const char *data_dir, int64_t user_id, const char *key,
                                   struct arena *a);
/* Removes the bytes under key (a key that is not user_id's is left alone; failures are logged,
 * never returned: the row is already gone). */
void resume_file_delete(struct store_conn *c, const char *data_dir, int64_t user_id,
                        const char *key, struct arena *a);
/* Removes every file of user_id (their account is being deleted). */
void resume_file_delete_all(struct store_conn *c, const char *data_dir, int64_t user_id,
                            struct arena *a);

#endif
