/* This file implements résumé file storage (resume_file.h) as files in the data directory. */
#include "resume_file.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../lib/crypto.h"
#include "../lib/fs.h"
#include "../lib/log.h"

/* True when key is one this server chose for user: uploads/<user>/<hex>.<type>. */
static bool own_key(const char *key, int64_t user_id)
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

static const char *absolute(const char *data_dir, const char *relative, struct arena *a)
{
    return arena_printf(a, "%s/%s", data_dir, relative);
}

int resume_file_put(struct store_conn *c, const char *data_dir, int64_t user_id, const char *data,
                    size_t len, enum filetype type, struct arena *a, const char **key,
                    struct err *e)
{
    char name[33];
    crypto_random_hex(name, 16);
    const char *dir = arena_printf(a, "uploads/%lld", (long long)user_id);
    *key = arena_printf(a, "%s/%s.%s", dir, name, filetype_name(type));
    if (fs_mkdirs(absolute(data_dir, dir, a)) != 0) {
        log_error("cannot create %s: %s", absolute(data_dir, dir, a), strerror(errno));
        return err_set(e, ERR_INTERNAL, NULL, "cannot store the file");
    }
    const char *path = absolute(data_dir, *key, a);
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0640);
    if (fd < 0) {
        log_error("cannot create %s: %s", path, strerror(errno));
        return err_set(e, ERR_INTERNAL, NULL, "cannot store the file");
    }
    size_t done = 0;
    while (done < len) {
        ssize_t n = write(fd, data + done, len - done);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        done += (size_t)n;
    }
    if (close(fd) != 0 || done < len) {
        log_error("cannot write %s: %s", path, strerror(errno));
        unlink(path);
        return err_set(e, ERR_INTERNAL, NULL, "cannot store the file");
    }
    return 0;
}

int resume_file_get(struct store_conn *c, const char *data_dir, int64_t user_id, const char *key,
                    struct arena *a, const char **data, size_t *len, struct err *e)
{
    if (!own_key(key, user_id)) {
        log_error("résumé file path refused: %s", key ? key : "(null)");
        return err_set(e, ERR_NOT_FOUND, NULL, "the résumé's file is missing");
    }
    const char *path = absolute(data_dir, key, a);
    int fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
    struct stat st;
    if (fd < 0 || fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        if (fd >= 0)
            close(fd);
        log_error("résumé file %s cannot be read: %s", path, strerror(errno));
        return err_set(e, ERR_NOT_FOUND, NULL, "the résumé's file is missing");
    }
    char *buf = arena_alloc(a, (size_t)st.st_size + 1);
    size_t done = 0;
    while (done < (size_t)st.st_size) {
        ssize_t n = read(fd, buf + done, (size_t)st.st_size - done);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        done += (size_t)n;
    }
    close(fd);
    *data = buf;
    *len = done;
    return 0;
}

const char *resume_file_local_path(const char *data_dir, int64_t user_id, const char *key,
                                   struct arena *a)
{
    return own_key(key, user_id) ? absolute(data_dir, key, a) : NULL;
}

void resume_file_delete(struct store_conn *c, const char *data_dir, int64_t user_id,
                        const char *key, struct arena *a)
{
    if (!own_key(key, user_id))
        return;
    const char *path = absolute(data_dir, key, a);
    if (unlink(path) != 0 && errno != ENOENT)
        log_error("cannot remove %s: %s", path, strerror(errno));
}

void resume_file_delete_all(struct store_conn *c, const char *data_dir, int64_t user_id,
                            struct arena *a)
{
    fs_remove_tree(arena_printf(a, "%s/uploads/%lld", data_dir, (long long)user_id));
}
