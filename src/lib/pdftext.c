/*
 * This file implements PDF text extraction through a sandboxed pdftotext process (pdftext.h).
 * Between fork and execve the child runs only async-signal-safe system calls: the server is
 * multi-threaded, and another thread may hold the allocator's lock at the moment of the fork.
 */
#include "pdftext.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
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

static int64_t now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* In the child: limits, descriptors, signals, then exec. Never returns. */
static void exec_child(const char *program, char *const argv[], int out_fd, int null_fd)
{
    static char *const envp[] = {"PATH=/usr/bin:/bin", "LC_ALL=C.UTF-8", NULL};
    setpgid(0, 0);
    struct rlimit memory = {PDFTEXT_MAX_MEMORY, PDFTEXT_MAX_MEMORY};
    struct rlimit cpu = {PDFTEXT_TIMEOUT_S, PDFTEXT_TIMEOUT_S + 1};
    struct rlimit none = {0, 0};
    if (setrlimit(RLIMIT_AS, &memory) != 0 || setrlimit(RLIMIT_CPU, &cpu) != 0 ||
        setrlimit(RLIMIT_FSIZE, &none) != 0 || setrlimit(RLIMIT_CORE, &none) != 0)
        _exit(EXIT_EXEC_FAILED);
    if (dup2(null_fd, 0) < 0 || dup2(out_fd, 1) < 0 || dup2(null_fd, 2) < 0)
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

/* Runs program on path with a timeout of timeout_ms (the public entry point's limits are the
 * defaults; tests pass a fake program and a short timeout). */
static int run(const char *program, const char *path, int64_t timeout_ms, size_t max_output,
               struct buf *out, bool *truncated, struct err *e)
{
    if (truncated)
        *truncated = false;
    char *const argv[] = {"pdftotext", "-layout", "-enc", "UTF-8", (char *)path, "-", NULL};
    int pipe_fds[2];
    if (pipe2(pipe_fds, O_CLOEXEC) != 0)
        return err_set(e, ERR_INTERNAL, NULL, "cannot create a pipe for pdftotext");
    int null_fd = open("/dev/null", O_RDWR | O_CLOEXEC);
    if (null_fd < 0) {
        close(pipe_fds[0]);
        close(pipe_fds[1]);
        return err_set(e, ERR_INTERNAL, NULL, "cannot open /dev/null");
    }
    pid_t pid = fork();
    if (pid == 0)
        exec_child(program, argv, pipe_fds[1], null_fd);
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
        return err_set(e, ERR_INVALID, NULL, "reading the PDF took longer than %lld seconds",
                       (long long)(timeout_ms / 1000));
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
        return err_set(e, ERR_INVALID, NULL, "reading the PDF took more than %d CPU seconds",
                       PDFTEXT_TIMEOUT_S);
    return err_set(e, ERR_INVALID, NULL, "reading the PDF failed (pdftotext stopped by signal %d)",
                   WIFSIGNALED(status) ? WTERMSIG(status) : 0);
}

int pdftext_extract(const char *path, struct buf *out, bool *truncated, struct err *e)
{
    const char *program = pdftext_program();
    if (program == NULL)
        return err_set(e, ERR_INTERNAL, NULL, "pdftotext is not installed (poppler-utils)");
    return run(program, path, PDFTEXT_TIMEOUT_S * 1000, PDFTEXT_MAX_OUTPUT, out, truncated, e);
}
