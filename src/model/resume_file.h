/*
 * This file declares where the bytes of uploaded résumés live: in the database, one row of
 * resume_files per résumé (BLOB on SQLite, bytea on PostgreSQL), deleted with it by the foreign
 * key's cascade, so that every server on the database serves every file and a backup or a
 * copy of the database holds them. It is the one module that knows this; moving the bytes
 * elsewhere (object storage) changes it alone.
 *
 * resume_uploads.file_path holds the storage key the server chose: "db:<32 random hex
 * digits>.<type>" for bytes in resume_files. Keys of the form "uploads/<user id>/<hex>.<type>"
 * name files an older version wrote under the data directory; resume_file_import_legacy moves
 * those into the database once, at start.
 */
#ifndef COPILOT_MODEL_RESUME_FILE_H
#define COPILOT_MODEL_RESUME_FILE_H

#include <stddef.h>
#include <stdint.h>

#include "../core/filetype.h"
#include "table.h"

/* A new storage key for a file of the given type (in the arena). */
const char *resume_file_new_key(enum filetype type, struct arena *a);
/* Stores data[0..len) as the bytes of résumé resume_id, whose row exists with file_size len
 * (the database refuses other sizes). Call it in the transaction that inserted the row. */
int resume_file_put(struct store_conn *c, int64_t resume_id, const char *data, size_t len,
                    struct err *e);
/* Reads the bytes of user_id's résumé resume_id into the arena (NUL-terminated after len).
 * ERR_NOT_FOUND ("the résumé's file is missing") when there are none for that user. */
int resume_file_get(struct store_conn *c, int64_t user_id, int64_t resume_id, struct arena *a,
                    const char **data, size_t *len, struct err *e);
/* Moves the files of résumés whose bytes are not in the database yet from data_dir (where an
 * older version kept them) into resume_files, removing each file once its row is committed.
 * Files that are missing or do not match the row (size, owner) are logged and left alone.
 * *moved (may be NULL) receives how many were moved. Safe to run by several servers at once. */
int resume_file_import_legacy(struct store_conn *c, const char *data_dir, struct arena *a,
                              int *moved, struct err *e);

#endif
