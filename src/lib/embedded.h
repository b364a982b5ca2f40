/*
 * This file declares the files embedded in the binary at build time by scripts/embed:
 * the migrations of both engines and the web page. Each file's data is NUL-terminated
 * (len excludes the NUL) so SQL text can be used as a C string.
 */
#ifndef COPILOT_LIB_EMBEDDED_H
#define COPILOT_LIB_EMBEDDED_H

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

#endif
