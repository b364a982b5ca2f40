/* Unit tests for PDF text extraction through the sandboxed pdftotext process
 * (src/lib/pdftext.c, included to reach its runner with a fake program and a short timeout):
 * a real PDF, failures, the wall-clock timeout, the output cap, a missing program, and what
 * the child gets: resource limits, no inherited descriptors, no blocked signals. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <cmocka.h>

#include "lib/pdftext.c"

static char dir[64];

static int setup(void **state)
{
    strcpy(dir, "/tmp/copilot-pdftext-XXXXXX");
    return mkdtemp(dir) ? 0 : -1;
}

static int teardown(void **state)
{
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    return system(cmd) == 0 ? 0 : -1;
}

/* Writes an executable shell script called name with body; returns its path (static). */
static const char *script(const char *name, const char *body)
{
    static char path[128];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fprintf(f, "#!/bin/sh\n%s\n", body);
    fclose(f);
    chmod(path, 0700);
    return path;
}

static void test_real_pdf(void **state)
{
    if (pdftext_program() == NULL)
        skip(); /* poppler-utils is a dependency of `make run`; without it nothing to test */
    struct buf out;
    buf_init(&out);
    struct err e = {0};
    bool truncated = true;
    assert_int_equal(pdftext_extract("tests/fixtures/resume.pdf", &out, &truncated, &e), 0);
    assert_false(truncated);
    assert_non_null(strstr(out.data, "Jane Q. Doe"));
    assert_non_null(strstr(out.data, "Senior Software Engineer, Acme Corp"));
    buf_free(&out);

    /* not a PDF, and no file at all: the tool fails, which is the file's fault */
    buf_init(&out);
    assert_int_equal(pdftext_extract("tests/fixtures/resume.txt", &out, NULL, &e), ERR_INVALID);
    assert_non_null(strstr(e.message, "could not be read"));
    buf_free(&out);
    buf_init(&out);
    struct err e2 = {0};
    assert_int_equal(pdftext_extract("/nonexistent/x.pdf", &out, NULL, &e2), ERR_INVALID);
    buf_free(&out);
}

static void test_timeout_kills(void **state)
{
    /* the script's own child (sleep) dies with it: the whole process group is killed */
    const char *prog = script("slow", "sleep 30 & wait");
    struct buf out;
    buf_init(&out);
    struct err e = {0};
    int64_t started = now_ms();
    assert_int_equal(run(prog, "x.pdf", 300, 1000, &out, NULL, &e), ERR_INVALID);
    assert_true(now_ms() - started < 3000);
    assert_non_null(strstr(e.message, "longer than"));
    buf_free(&out);
    /* closing stdout and lingering is caught too */
    prog = script("linger", "exec >&-; sleep 30");
    buf_init(&out);
    struct err e2 = {0};
    started = now_ms();
    assert_int_equal(run(prog, "x.pdf", 300, 1000, &out, NULL, &e2), ERR_INVALID);
    assert_true(now_ms() - started < 3000);
    buf_free(&out);
}

static void test_output_cap(void **state)
{
    const char *prog = script("chatty", "exec yes 'Jane Doe'");
    struct buf out;
    buf_init(&out);
    struct err e = {0};
    bool truncated = false;
    assert_int_equal(run(prog, "x.pdf", 5000, 100000, &out, &truncated, &e), 0);
    assert_true(truncated);
    assert_int_equal(out.len, 100000);
    assert_memory_equal(out.data, "Jane Doe\nJane Doe\n", 18);
    buf_free(&out);
}

static void test_exit_statuses(void **state)
{
    struct buf out;
    buf_init(&out);
    struct err e = {0};
    assert_int_equal(run("/nonexistent/pdftotext", "x.pdf", 1000, 1000, &out, NULL, &e),
                     ERR_INTERNAL);
    struct err e2 = {0};
    assert_int_equal(run(script("perm", "exit 3"), "x.pdf", 1000, 1000, &out, NULL, &e2),
                     ERR_INVALID);
    assert_non_null(strstr(e2.message, "copying"));
    struct err e3 = {0};
    assert_int_equal(run(script("crash", "kill -SEGV $$"), "x.pdf", 1000, 1000, &out, NULL, &e3),
                     ERR_INVALID);
    assert_non_null(strstr(e3.message, "signal 11"));
    /* the arguments are passed as given, no shell in between */
    struct err e4 = {0};
    assert_int_equal(run(script("args", "printf '%s|' \"$@\""), "a b;$(rm -rf /).pdf", 1000, 1000,
                         &out, NULL, &e4),
                     0);
    assert_string_equal(out.data, "-layout|-enc|UTF-8|a b;$(rm -rf /).pdf|-|");
    buf_free(&out);
}

static void test_child_environment(void **state)
{
    /* a descriptor the parent leaves open without close-on-exec must not reach the tool */
    int null_fd = open("/dev/null", O_RDONLY);
    int fd = dup2(null_fd, 57);
    close(null_fd);
    assert_int_equal(fd, 57);
    sigset_t block, old;
    sigemptyset(&block);
    sigaddset(&block, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &block, &old);
    const char *prog = script("env", "ulimit -f; ulimit -v; ulimit -t; ulimit -c\n"
                                     "[ -e /proc/self/fd/57 ] && echo leaked || echo closed\n"
                                     "grep SigBlk /proc/self/status\n"
                                     "echo \"PATH=$PATH\"");
    struct buf out;
    buf_init(&out);
    struct err e = {0};
    assert_int_equal(run(prog, "x.pdf", 5000, 10000, &out, NULL, &e), 0);
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    close(fd);
    char expected[256];
    snprintf(expected, sizeof expected,
             "0\n%lu\n%d\n0\nclosed\nSigBlk:\t0000000000000000\nPATH=/usr/bin:/bin\n",
             PDFTEXT_MAX_MEMORY / 1024, PDFTEXT_TIMEOUT_S);
    assert_string_equal(out.data, expected);
    buf_free(&out);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_real_pdf),          cmocka_unit_test(test_timeout_kills),
        cmocka_unit_test(test_output_cap),        cmocka_unit_test(test_exit_statuses),
        cmocka_unit_test(test_child_environment),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
