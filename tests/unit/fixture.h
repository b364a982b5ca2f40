/* Reading a test's files (the tests run from the repository root). Include after <cmocka.h>;
 * define FIXTURE_DIR first to read from a subfolder of tests/fixtures. */
#ifndef COPILOT_TESTS_FIXTURE_H
#define COPILOT_TESTS_FIXTURE_H

#include <stdio.h>
#include <stdlib.h>

#ifndef FIXTURE_DIR
#define FIXTURE_DIR "tests/fixtures/"
#endif

/* The whole file at path (malloc'd, NUL-terminated; its size in *len unless len is NULL); fails
 * the test when it cannot be opened. */
static inline char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL)
        fail_msg("cannot open %s (run from the repository root)", path);
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    rewind(f);
    char *data = malloc((size_t)n + 1);
    assert_int_equal(fread(data, 1, (size_t)n, f), (size_t)n);
    data[n] = '\0';
    fclose(f);
    if (len)
        *len = (size_t)n;
    return data;
}

/* FIXTURE_DIR's file name, as read_file. */
static inline char *read_fixture(const char *name, size_t *len)
{
    char path[256];
    snprintf(path, sizeof path, FIXTURE_DIR "%s", name);
    return read_file(path, len);
}

#endif
