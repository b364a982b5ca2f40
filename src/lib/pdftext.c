/*
 * This file implements PDF text extraction through a sandboxed pdftotext process (pdftext.h).
 * Between fork and execve the child runs only async-signal-safe system calls: the server is
 * multi-threaded, and another thread may hold the allocator's lock at the moment of the fork.
 * The slots (at most max_parallel runs at once) are a counter under a mutex, with a condition
 * variable on the monotonic clock for the bounded wait.
 */
#include "pdftext.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

enum { EXIT_EXEC_FAILED = 127 };

const char *pdftext_program(void)
{
    static const char *const candidates[] = {"/usr/bin/pdftotext", "/usr/local/bin/pdftotext",
                                             "/bin/pdftotext", NULL};
    for (const char *const *p = candidates; *p; p++)
        if (access(*p, X_OK) == 0)
            return *p;
    return NULL;
}

static struct pdftext_limits limits = {PDFTEXT_TIMEOUT_S * 1000, PDFTEXT_MAX_MEMORY,
                                       PDFTEXT_MAX_OUTPUT, PDFTEXT_MAX_PARALLEL};

void pdftext_configure(const struct pdftext_limits *l)
{
    if (l->timeout_ms > 0)
        limits.timeout_ms = l->timeout_ms;
    if (l->max_memory > 0)
        limits.max_memory = l->max_memory;
    if (l->max_output > 0)
        limits.max_output = l->max_output;
    if (l->max_parallel > 0)
        limits.max_parallel = l->max_parallel;
}

struct pdftext_limits pdftext_limits(void)
{
    return limits;
}

static int64_t now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* ================================================================ slots */

static pthread_mutex_t slot_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t slot_freed;
static pthread_once_t slot_once = PTHREAD_ONCE_INIT;
static int running;

static void slot_init(void)
{
    pthread_condattr_t attr;
    pthread_condattr_init(&attr);
    pthread_condattr_setclock(&attr, CLOCK_MONOTONIC);
    pthread_cond_init(&slot_freed, &attr);
    pthread_condattr_destroy(&attr);
}

/* Takes one of max slots, waiting at most wait_ms; false when none freed up in time. */
static bool slot_take(int max, int64_t wait_ms)
{
    pthread_once(&slot_once, slot_init);
    struct timespec deadline;
    clock_gettime(CLOCK_MONOTONIC, &deadline);
    deadline.tv_sec += wait_ms / 1000;
    deadline.tv_nsec += (wait_ms % 1000) * 1000000;
    if (deadline.tv_nsec >= 1000000000) {
        deadline.tv_sec++;
        deadline.tv_nsec -= 1000000000;
    }
    pthread_mutex_lock(&slot_lock);
    int rc = 0;
    while (running >= max && rc != ETIMEDOUT)
        rc = pthread_cond_timedwait(&slot_freed, &slot_lock, &deadline);
    bool got = running < max;
    if (got)
        running++;
    pthread_mutex_unlock(&slot_lock);
    return got;
}

static void slot_give(void)
{
    pthread_mutex_lock(&slot_lock);
    running--;
    pthread_cond_signal(&slot_freed);
    pthread_mutex_unlock(&slot_lock);
}

/* ================================================================ one run */

/* In the child: limits, descriptors, signals, then exec. Never returns. */
static void exec_child(const char *program, char *const argv[], int in_fd, int out_fd, int null_fd,
                       const struct pdftext_limits *l)
{
    static char *const envp[] = {"PATH=/usr/bin:/bin", "LC_ALL=C.UTF-8", NULL};
    setpgid(0, 0);
    rlim_t seconds = (rlim_t)((l->timeout_ms + 999) / 1000);
    struct rlimit memory = {l->max_memory, l->max_memory};
    struct rlimit cpu = {seconds, seconds + 1};
    struct rlimit none = {0, 0};
    if (setrlimit(RLIMIT_AS, &memory) != 0 || setrlimit(RLIMIT_CPU, &cpu) != 0 ||
        setrlimit(RLIMIT_FSIZE, &none) != 0 || setrlimit(RLIMIT_CORE, &none) != 0)
        _exit(EXIT_EXEC_FAILED);
    if (dup2(in_fd, 0) < 0 || dup2(out_fd, 1) < 0 || dup2(null_fd, 2) < 0)
        _exit(EXIT_EXEC_FAILED);
    /* the server's sockets, database files and connections must not leak into the tool */
    if (close_range(3, ~0u, 0) != 0) {
        struct rlimit files = {1024, 1024};
        getrlimit(RLIMIT_NOFILE, &files);
        for (rlim_t fd = 3; fd < files.rlim_cur && fd < 65536; fd++)
            close((int)fd);
    }
    /* the server blocks SIGINT/SIGTERM and ignores SIGPIPE; both survive exec otherwise */
    struct sigaction dfl = {.sa_handler = SIG_DFL};
    for (int sig = 1; sig < NSIG; sig++)
        sigaction(sig, &dfl, NULL);
    sigset_t none_blocked;
    sigemptyset(&none_blocked);
    sigprocmask(SIG_SETMASK, &none_blocked, NULL);
    execve(program, argv, envp);
    _exit(EXIT_EXEC_FAILED);
}

/* Kills the child's process group and reaps it; returns its wait status. */
static int kill_and_reap(pid_t pid)
{
    kill(-pid, SIGKILL);
    kill(pid, SIGKILL);
    int status = 0;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
        ;
    return status;
}

/* Reaps the child, waiting at most until deadline (then kills it). *timed_out tells which. */
static int reap(pid_t pid, int64_t deadline, bool *timed_out)
{
    int status = 0;
    for (;;) {
        pid_t r = waitpid(pid, &status, WNOHANG);
        if (r == pid)
            return status;
        if (r < 0 && errno != EINTR)
            return 0;
        if (now_ms() >= deadline) {
            *timed_out = true;
            return kill_and_reap(pid);
        }
        struct timespec pause = {0, 5 * 1000000};
        nanosleep(&pause, NULL);
    }
}

/* An anonymous in-memory file holding data[0..len), positioned at its start: the tool's stdin.
 * Seekable, unlike a pipe, which a PDF reader needs; nothing touches the disk. Returns the
 * descriptor or -1. */
static int memory_file(const char *data, size_t len)
{
    int fd = memfd_create("copilot-pdf", MFD_CLOEXEC);
    if (fd < 0)
        return -1;
    size_t done = 0;
    while (done < len) {
        ssize_t n = write(fd, data + done, len - done);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            close(fd);
            return -1;
        }
        done += (size_t)n;
    }
    if (lseek(fd, 0, SEEK_SET) != 0) {
        close(fd);
        return -1;
    }
    return fd;
}

/* Runs program on the PDF data[0..len) (its stdin, named "-") under the limits l (the public
 * entry point passes the configured ones; tests pass a fake program and short ones). */
static int run(const char *program, const char *data, size_t len, const struct pdftext_limits *l,
               struct buf *out, bool *truncated, struct err *e)
{
    int64_t timeout_ms = l->timeout_ms;
    size_t max_output = l->max_output;
    if (truncated)
        *truncated = false;
    char *const argv[] = {"pdftotext", "-layout", "-enc", "UTF-8", "-", "-", NULL};
    int in_fd = memory_file(data, len);
    if (in_fd < 0)
        return err_set(e, ERR_INTERNAL, NULL, "cannot hold the PDF in memory for pdftotext");
    int pipe_fds[2];
    if (pipe2(pipe_fds, O_CLOEXEC) != 0) {
        close(in_fd);
        return err_set(e, ERR_INTERNAL, NULL, "cannot create a pipe for pdftotext");
    }
    int null_fd = open("/dev/null", O_RDWR | O_CLOEXEC);
    if (null_fd < 0) {
        close(in_fd);
        close(pipe_fds[0]);
        close(pipe_fds[1]);
        return err_set(e, ERR_INTERNAL, NULL, "cannot open /dev/null");
    }
    pid_t pid = fork();
    if (pid == 0)
        exec_child(program, argv, in_fd, pipe_fds[1], null_fd, l);
    close(in_fd);
    close(pipe_fds[1]);
    close(null_fd);
    if (pid < 0) {
        close(pipe_fds[0]);
        return err_set(e, ERR_INTERNAL, NULL, "cannot start pdftotext");
    }
    setpgid(pid, pid); /* also done by the child; whichever runs first wins the race */

    int64_t deadline = now_ms() + timeout_ms;
    bool timed_out = false, overflow = false;
    char chunk[65536];
    int status = 0;
    for (;;) {
        int64_t left = deadline - now_ms();
        if (left <= 0) {
            timed_out = true;
            break;
        }
        struct pollfd p = {.fd = pipe_fds[0], .events = POLLIN};
        int ready = poll(&p, 1, (int)(left > 1000 ? 1000 : left));
        if (ready < 0 && errno != EINTR)
            break;
        if (ready <= 0)
            continue;
        ssize_t n = read(pipe_fds[0], chunk, sizeof chunk);
        if (n < 0 && (errno == EINTR || errno == EAGAIN))
            continue;
        if (n <= 0)
            break; /* end of output (or a read error: the exit status tells) */
        size_t keep = (size_t)n;
        if (out->len + keep > max_output) {
            keep = max_output - out->len;
            overflow = true;
        }
        buf_append(out, chunk, keep);
        if (overflow)
            break;
    }
    close(pipe_fds[0]);
    if (timed_out || overflow)
        status = kill_and_reap(pid);
    else
        status = reap(pid, deadline, &timed_out);

    if (overflow) {
        if (truncated)
            *truncated = true;
        return 0;
    }
    if (timed_out)
        return err_set(e, ERR_INVALID, NULL,
                       "reading the PDF took longer than %lld seconds: it was stopped (a file "
                       "that expands enormously, or too complex)",
                       (long long)((timeout_ms + 999) / 1000));
    if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
        return 0;
    if (WIFEXITED(status) && WEXITSTATUS(status) == EXIT_EXEC_FAILED)
        return err_set(e, ERR_INTERNAL, NULL, "pdftotext could not be started");
    if (WIFEXITED(status) && WEXITSTATUS(status) == 3)
        return err_set(e, ERR_INVALID, NULL, "the PDF does not permit copying its text");
    if (WIFEXITED(status))
        return err_set(e, ERR_INVALID, NULL,
                       "the PDF could not be read (damaged or password-protected)");
    if (WIFSIGNALED(status) && WTERMSIG(status) == SIGXCPU)
        return err_set(e, ERR_INVALID, NULL,
                       "reading the PDF took more than %lld CPU seconds: it was stopped",
                       (long long)((timeout_ms + 999) / 1000));
    if (WIFSIGNALED(status) &&
        (WTERMSIG(status) == SIGSEGV || WTERMSIG(status) == SIGABRT || WTERMSIG(status) == SIGBUS))
        return err_set(e, ERR_INVALID, NULL,
                       "reading the PDF failed: pdftotext stopped (signal %d; out of its %zu MiB "
                       "of memory, or a damaged file)",
                       WTERMSIG(status), l->max_memory >> 20);
    return err_set(e, ERR_INVALID, NULL, "reading the PDF failed (pdftotext stopped by signal %d)",
                   WIFSIGNALED(status) ? WTERMSIG(status) : 0);
}

/* pdftext_extract with program: in a slot, under the configured limits. */
static int extract_with(const char *program, const char *data, size_t len, struct buf *out,
                        bool *truncated, struct err *e)
{
    struct pdftext_limits l = limits;
    if (!slot_take(l.max_parallel, l.timeout_ms))
        return err_set(e, ERR_INVALID, NULL,
                       "the server is reading too many PDFs at once (at most %d); upload the "
                       "file again later",
                       l.max_parallel);
    int rc = run(program, data, len, &l, out, truncated, e);
    slot_give();
    return rc;
}

int pdftext_extract(const char *data, size_t len, struct buf *out, bool *truncated, struct err *e)
{
    const char *program = pdftext_program();
    if (program == NULL)
        return err_set(e, ERR_INTERNAL, NULL, "pdftotext is not installed (poppler-utils)");
    return extract_with(program, data, len, out, truncated, e);
}
