/* Unit tests for PDF text extraction through the sandboxed pdftotext process
 * (src/lib/pdftext.c, included to reach its runner with a fake program and a short timeout):
 * a real PDF, failures, the wall-clock timeout, the output cap, a missing program, what the
 * child gets (resource limits, no inherited descriptors, no blocked signals), the PDF bomb of
 * tests/fixtures stopped by the limits, and the slots (COPILOT_MAX_PARSES). */
#include <dirent.h>
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <cmocka.h>

#include "../fixture.h"

#include "lib/pdftext.c"

static char dir[64];

/* Limits for a run: the defaults but for the timeout and the output cap. */
static const struct pdftext_limits *lim(int64_t timeout_ms, size_t max_output)
{
    static struct pdftext_limits l;
    l = (struct pdftext_limits){timeout_ms, PDFTEXT_MAX_MEMORY, max_output, 1};
    return &l;
}

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

/* pdftext_extract on the bytes of the file at path. */
static int extract_file(const char *path, struct buf *out, bool *truncated, struct err *e)
{
    size_t len;
    char *data = read_file(path, &len);
    int rc = pdftext_extract(data, len, out, truncated, e);
    free(data);
    return rc;
}

static void test_real_pdf(void **state)
{
    if (pdftext_program() == NULL)
        skip(); /* poppler-utils is a dependency of `make run`; without it nothing to test */
    struct buf out;
    buf_init(&out);
    struct err e = {0};
    bool truncated = true;
    assert_int_equal(extract_file("tests/fixtures/resume.pdf", &out, &truncated, &e), 0);
    assert_false(truncated);
    assert_non_null(strstr(out.data, "Jane Q. Doe"));
    assert_non_null(strstr(out.data, "Senior Software Engineer, Acme Corp"));
    buf_free(&out);

    /* not a PDF, and no bytes at all: the tool fails, which is the file's fault */
    buf_init(&out);
    assert_int_equal(extract_file("tests/fixtures/resume.txt", &out, NULL, &e), ERR_INVALID);
    assert_non_null(strstr(e.message, "could not be read"));
    buf_free(&out);
    buf_init(&out);
    struct err e2 = {0};
    assert_int_equal(pdftext_extract("", 0, &out, NULL, &e2), ERR_INVALID);
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
    assert_int_equal(run(prog, "%PDF", 4, lim(300, 1000), &out, NULL, &e), ERR_INVALID);
    /* killed, not waited out: well under the child's 30 s whatever the machine's load */
    assert_true(now_ms() - started < 20000);
    assert_non_null(strstr(e.message, "longer than"));
    buf_free(&out);
    /* closing stdout and lingering is caught too */
    prog = script("linger", "exec >&-; sleep 30");
    buf_init(&out);
    struct err e2 = {0};
    started = now_ms();
    assert_int_equal(run(prog, "%PDF", 4, lim(300, 1000), &out, NULL, &e2), ERR_INVALID);
    assert_true(now_ms() - started < 20000);
    buf_free(&out);
}

static void test_output_cap(void **state)
{
    const char *prog = script("chatty", "exec yes 'Jane Doe'");
    struct buf out;
    buf_init(&out);
    struct err e = {0};
    bool truncated = false;
    assert_int_equal(run(prog, "%PDF", 4, lim(5000, 100000), &out, &truncated, &e), 0);
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
    assert_int_equal(run("/nonexistent/pdftotext", "%PDF", 4, lim(10000, 1000), &out, NULL, &e),
                     ERR_INTERNAL);
    struct err e2 = {0};
    assert_int_equal(run(script("perm", "exit 3"), "%PDF", 4, lim(10000, 1000), &out, NULL, &e2),
                     ERR_INVALID);
    assert_non_null(strstr(e2.message, "copying"));
    struct err e3 = {0};
    assert_int_equal(
        run(script("crash", "kill -SEGV $$"), "%PDF", 4, lim(10000, 1000), &out, NULL, &e3),
        ERR_INVALID);
    assert_non_null(strstr(e3.message, "signal 11"));
    /* the arguments name stdin and stdout, and stdin carries the bytes as given (NULs too) */
    struct err e4 = {0};
    assert_int_equal(
        run(script("args", "printf '%s|' \"$@\""), "%PDF", 4, lim(10000, 1000), &out, NULL, &e4),
        0);
    assert_string_equal(out.data, "-layout|-enc|UTF-8|-|-|");
    buf_free(&out);
    buf_init(&out);
    static const char bytes[] = {'%', 'P', 'D', 'F', 0, 1, 2, 3, '\n', (char)0xfe};
    assert_int_equal(
        run(script("cat", "exec cat"), bytes, sizeof bytes, lim(10000, 1000), &out, NULL, &e4), 0);
    assert_int_equal(out.len, sizeof bytes);
    assert_memory_equal(out.data, bytes, sizeof bytes);
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
    /* limits other than the defaults reach the child: 3 s of CPU (2.5 s rounded up), 256 MiB */
    const struct pdftext_limits l = {2500, 256ul << 20, 10000, 1};
    assert_int_equal(run(prog, "%PDF", 4, &l, &out, NULL, &e), 0);
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    close(fd);
    char expected[256];
    snprintf(expected, sizeof expected,
             "0\n%lu\n%d\n0\nclosed\nSigBlk:\t0000000000000000\nPATH=/usr/bin:/bin\n",
             (256ul << 20) / 1024, 3);
    assert_string_equal(out.data, expected);
    buf_free(&out);
}

/* tests/fixtures/bomb.pdf expands to 1.5 GiB of drawing operators: the time limit stops
 * pdftotext with a message that says so, through the configured limits too. The CPU limit
 * (RLIMIT_CPU, the same number of seconds) and the wall clock race when pdftotext has a core to
 * itself: either message is right. */
static bool stopped_after(const char *message, int seconds)
{
    char wall[64], cpu[64];
    snprintf(wall, sizeof wall, "longer than %d seconds", seconds);
    snprintf(cpu, sizeof cpu, "more than %d CPU seconds", seconds);
    return strstr(message, wall) != NULL || strstr(message, cpu) != NULL;
}

static void test_bomb(void **state)
{
    if (pdftext_program() == NULL)
        skip();
    struct buf out;
    buf_init(&out);
    struct err e = {0};
    size_t len;
    char *bomb = read_file("tests/fixtures/bomb.pdf", &len);
    assert_int_equal(run(pdftext_program(), bomb, len, lim(1000, 1 << 20), &out, NULL, &e),
                     ERR_INVALID);
    free(bomb);
    assert_true(stopped_after(e.message, 1));
    buf_free(&out);
    pdftext_configure(&(struct pdftext_limits){1500, 0, 0, 0});
    assert_int_equal(pdftext_limits().timeout_ms, 1500);
    assert_int_equal(pdftext_limits().max_memory, PDFTEXT_MAX_MEMORY); /* 0 keeps the default */
    buf_init(&out);
    struct err e2 = {0};
    assert_int_equal(extract_file("tests/fixtures/bomb.pdf", &out, NULL, &e2), ERR_INVALID);
    assert_true(stopped_after(e2.message, 2));
    buf_free(&out);
    pdftext_configure(&(struct pdftext_limits){PDFTEXT_TIMEOUT_S * 1000, 0, 0, 0});
}

/* With every slot taken, an extraction waits at most its timeout, then fails saying why. */
static void test_slots_full(void **state)
{
    pdftext_configure(&(struct pdftext_limits){200, 0, 0, 1});
    assert_true(slot_take(1, 0)); /* the one slot */
    assert_false(slot_take(1, 0));
    struct buf out;
    buf_init(&out);
    struct err e = {0};
    assert_int_equal(extract_with(script("fast", "echo text"), "%PDF", 4, &out, NULL, &e),
                     ERR_INVALID);
    assert_non_null(strstr(e.message, "too many PDFs at once (at most 1)"));
    assert_int_equal(out.len, 0);
    slot_give();
    /* the run itself under the default timeout: 200 ms is a wait for a slot, not for a program
     * to start (which can take longer than that on a loaded machine) */
    pdftext_configure(&(struct pdftext_limits){PDFTEXT_TIMEOUT_S * 1000, 0, 0, 1});
    struct err e2 = {0};
    assert_int_equal(extract_with(script("fast", "echo text"), "%PDF", 4, &out, NULL, &e2), 0);
    assert_string_equal(out.data, "text\n");
    buf_free(&out);
    assert_int_equal(running, 0);
    pdftext_configure(
        &(struct pdftext_limits){PDFTEXT_TIMEOUT_S * 1000, 0, 0, PDFTEXT_MAX_PARALLEL});
}

static const char *busy_program;
static void *extract_thread(void *arg)
{
    struct buf out;
    buf_init(&out);
    struct err e = {0};
    *(int *)arg = extract_with(busy_program, "%PDF", 4, &out, NULL, &e);
    if (*(int *)arg)
        fprintf(stderr, "extract: %s\n", e.message);
    buf_free(&out);
    return NULL;
}

/* Six threads, two slots: every run completes and no more than two ever ran at once. The
 * child may not write files (RLIMIT_FSIZE 0), so each run keeps a directory while it runs and
 * records how many it saw, as the name of another directory. */
static void test_slots_bound_concurrency(void **state)
{
    pdftext_configure(&(struct pdftext_limits){10000, 0, 0, 2});
    char body[512];
    snprintf(body, sizeof body,
             "mkdir -p %s/active %s/seen; mkdir %s/active/$$\n"
             "n=$(ls %s/active | wc -l); mkdir %s/seen/$n-$$\n"
             "sleep 0.2; rmdir %s/active/$$",
             dir, dir, dir, dir, dir, dir);
    busy_program = script("busy", body);
    pthread_t threads[6];
    int results[6];
    for (int i = 0; i < 6; i++)
        pthread_create(&threads[i], NULL, extract_thread, &results[i]);
    for (int i = 0; i < 6; i++) {
        pthread_join(threads[i], NULL);
        assert_int_equal(results[i], 0);
    }
    char seen[128];
    snprintf(seen, sizeof seen, "%s/seen", dir);
    DIR *d = opendir(seen);
    assert_non_null(d);
    int runs = 0, most = 0;
    for (struct dirent *entry; (entry = readdir(d)) != NULL;) {
        if (entry->d_name[0] == '.')
            continue;
        runs++;
        int n = atoi(entry->d_name);
        most = n > most ? n : most;
    }
    closedir(d);
    assert_int_equal(runs, 6);
    assert_in_range(most, 1, 2);
    pdftext_configure(&(struct pdftext_limits){0, 0, 0, PDFTEXT_MAX_PARALLEL});
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_real_pdf),          cmocka_unit_test(test_timeout_kills),
        cmocka_unit_test(test_output_cap),        cmocka_unit_test(test_exit_statuses),
        cmocka_unit_test(test_child_environment), cmocka_unit_test(test_bomb),
        cmocka_unit_test(test_slots_full),        cmocka_unit_test(test_slots_bound_concurrency),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
