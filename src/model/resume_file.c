/* This file implements résumé file storage (resume_file.h) in the resume_files table. */
#include "resume_file.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../lib/crypto.h"
#include "../lib/log.h"

const char *resume_file_new_key(enum filetype type, struct arena *a)
{
    char name[33];
    crypto_random_hex(name, 16);
    return arena_printf(a, "db:%s.%s", name, filetype_name(type));
}

int resume_file_put(struct store_conn *c, int64_t resume_id, const char *data, size_t len,
                    struct err *e)
{
    struct store_value p[] = {SV_INT(resume_id), SV_BLOB(data, len)};
    return store_exec(c, "INSERT INTO resume_files (resume_id, data) VALUES (?, ?)", p, 2, NULL, e);
}

int resume_file_get(struct store_conn *c, int64_t user_id, int64_t resume_id, struct arena *a,
                    const char **data, size_t *len, struct err *e)
{
    struct store_value p[] = {SV_INT(resume_id), SV_INT(user_id)};
    struct store_result *r;
    int rc = store_exec(c,
                        "SELECT f.data FROM resume_files f "
                        "JOIN resume_uploads r ON r.id = f.resume_id "
                        "WHERE f.resume_id = ? AND r.user_id = ?",
                        p, 2, &r, e);
    if (rc)
        return rc;
    if (store_rows(r) == 0) {
        rc = err_set(e, ERR_NOT_FOUND, NULL, "the résumé's file is missing");
    } else {
        *len = store_length(r, 0, 0);
        char *copy = arena_alloc(a, *len + 1);
        memcpy(copy, store_text(r, 0, 0), *len + 1);
        *data = copy;
    }
    store_result_free(r);
    return rc;
}

/* ================================================================ files of older versions */

/* True when key is one an older version chose for user: uploads/<user>/<hex>.<type>. */
static bool legacy_key(const char *key, int64_t user_id)
{
    char prefix[48];
    int n = snprintf(prefix, sizeof prefix, "uploads/%lld/", (long long)user_id);
    if (key == NULL || strncmp(key, prefix, (size_t)n) != 0)
        return false;
    const char *name = key + n, *dot = strchr(name, '.');
    if (dot == NULL || dot == name || filetype_from_name(dot + 1) == FILETYPE_UNKNOWN)
        return false;
    for (const char *p = name; p < dot; p++)
        if (!((*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'f')))
            return false;
    return true;
}

/* Reads the regular file at path, exactly size bytes, into the arena; NULL (logged) otherwise. */
static const char *read_legacy(const char *path, int64_t size, struct arena *a)
{
    int fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
    struct stat st;
    if (fd < 0 || fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_size != size) {
        log_error("résumé file %s cannot be moved into the database: %s", path,
                  fd < 0 ? strerror(errno) : "not a regular file of the recorded size");
        if (fd >= 0)
            close(fd);
        return NULL;
    }
    char *buf = arena_alloc(a, (size_t)size + 1);
    size_t done = 0;
    while (done < (size_t)size) {
        ssize_t n = read(fd, buf + done, (size_t)size - done);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        done += (size_t)n;
    }
    close(fd);
    if (done != (size_t)size) {
        log_error("résumé file %s could not be read whole", path);
        return NULL;
    }
    return buf;
}

int resume_file_import_legacy(struct store_conn *c, const char *data_dir, struct arena *a,
                              int *moved, struct err *e)
{
    if (moved)
        *moved = 0;
    struct store_result *r;
    int rc = store_exec(c,
                        "SELECT r.id, r.user_id, r.file_path, r.file_size FROM resume_uploads r "
                        "WHERE NOT EXISTS (SELECT 1 FROM resume_files f WHERE f.resume_id = r.id) "
                        "ORDER BY r.id",
                        NULL, 0, &r, e);
    if (rc)
        return rc;
    for (size_t i = 0; i < store_rows(r); i++) {
        int64_t id = store_int(r, i, 0), user_id = store_int(r, i, 1);
        const char *key = store_text(r, i, 2);
        if (!legacy_key(key, user_id)) {
            log_error("résumé %lld has no file in the database (key %s)", (long long)id, key);
            continue;
        }
        const char *path = arena_printf(a, "%s/%s", data_dir, key);
        const char *data = read_legacy(path, store_int(r, i, 3), a);
        if (data == NULL)
            continue;
        struct err put = {0};
        int put_rc = resume_file_put(c, id, data, (size_t)store_int(r, i, 3), &put);
        if (put_rc && put_rc != ERR_CONFLICT) { /* a conflict: another server moved it first */
            log_error("résumé file %s cannot be moved into the database: %s", path, put.message);
            continue;
        }
        if (unlink(path) != 0 && errno != ENOENT)
            log_error("cannot remove %s after moving it into the database: %s", path,
                      strerror(errno));
        if (put_rc == 0 && moved)
            (*moved)++;
    }
    store_result_free(r);
    return 0;
}
