/*
 * This file declares the files embedded in the binary at build time by scripts/embed: the
 * migrations of both engines, the web page and the shipped assets. Each file's data is
 * NUL-terminated (len excludes the NUL) so SQL text can be used as a C string. It also declares
 * the one way to turn an embedded asset into a parsed structure once, on first use.
 */
#ifndef COPILOT_LIB_EMBEDDED_H
#define COPILOT_LIB_EMBEDDED_H

#include <pthread.h>
#include <stdatomic.h>
#include <stddef.h>

struct embedded_file {
    const char *path; /* as given to the build, e.g. "migrations/sqlite/0001_init.up.sql" */
    const unsigned char *data;
    size_t len;
};

/* Terminated by an entry whose path is NULL. */
extern const struct embedded_file embedded_files[];

/* The embedded file at path, or NULL. */
const struct embedded_file *embedded_find(const char *path);

/* An embedded asset parsed once, the first time it is asked for: parse gets the file's text
 * (or "" when the build embedded no such file) and must return non-NULL. Declare one per asset
 * with EMBEDDED_ASSET at file scope; the parsed value is shared by every thread and never
 * freed. */
struct embedded_asset {
    const char *path;
    void *(*parse)(const char *text, size_t len);
    _Atomic(void *) value;
    pthread_mutex_t lock;
};
#define EMBEDDED_ASSET(path, parse)                                                                \
    {                                                                                              \
        (path), (parse), NULL, PTHREAD_MUTEX_INITIALIZER                                           \
    }

/* The parsed value of asset, made on the first call (thread-safe). */
void *embedded_asset(struct embedded_asset *asset);

#endif
