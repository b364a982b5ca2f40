/* This file implements the connection watch of conns.h: a list of watched sockets under one
 * mutex and a thread that shuts down the sockets past their head deadline. */
#include "conns.h"

#include <linux/sockios.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <pthread.h>
#include <stddef.h>
#include <stdlib.h>
#include <sys/ioctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <time.h>

#include "../lib/log.h"
#include "../lib/timeutil.h"
#include "../lib/xalloc.h"

#define CHECK_INTERVAL_MS 200
/* the kernel counts the age of the last data received in jiffies (1 to 10 ms); our clock and
 * its can disagree by that much, and by the moments between reading one and the other */
#define SILENCE_SLACK_US 50000

struct conn_watch {
    int fd;
    int64_t deadline_us;       /* 0 = none */
    int64_t after_response_us; /* when the last response ended; 0 = a head is due (the accept,
                                  or a next request seen arriving) */
    struct conn_watch *prev, *next;
};

struct conns {
    pthread_mutex_t lock;
    pthread_cond_t stop_cond;
    bool stopping;
    int64_t timeout_us;
    int64_t idle_us; /* an idle keep-alive connection's time: never less than timeout_us */
    struct conn_watch *head;
    pthread_t thread;
    long closed; /* connections shut down for a late head */
};

/* How long the socket has received no data, in microseconds (-1: unknown). */
static int64_t silent_for_us(int fd)
{
    struct tcp_info info;
    socklen_t len = sizeof info;
    if (getsockopt(fd, IPPROTO_TCP, TCP_INFO, &info, &len) != 0 ||
        len < offsetof(struct tcp_info, tcpi_last_data_recv) + sizeof info.tcpi_last_data_recv)
        return -1;
    return (int64_t)info.tcpi_last_data_recv * 1000;
}

/* A connection past its deadline after a response (conns.h): true when it stays open, with its
 * next deadline set. Nothing received since the response: an idle keep-alive connection, kept
 * until idle_us after the response. Bytes received but no complete head (that would have
 * cleared the deadline): a next request has started to arrive, seen by the watch only now; it
 * gets the head timeout from now, like a head after the accept. */
static bool keep_idle(struct conns *w, struct conn_watch *c, int64_t now)
{
    int64_t silent = silent_for_us(c->fd);
    if (silent >= 0 && silent + SILENCE_SLACK_US >= now - c->after_response_us) {
        if (now - c->after_response_us >= w->idle_us)
            return false; /* idle for the whole idle timeout */
        c->deadline_us = c->after_response_us + w->idle_us;
        return true;
    }
    c->after_response_us = 0;
    c->deadline_us = now + w->timeout_us;
    return true;
}

static void *watch_main(void *arg)
{
    struct conns *w = arg;
    pthread_mutex_lock(&w->lock);
    while (!w->stopping) {
        struct timespec until;
        clock_gettime(CLOCK_REALTIME, &until);
        until.tv_nsec += CHECK_INTERVAL_MS * 1000000L;
        if (until.tv_nsec >= 1000000000L) {
            until.tv_sec++;
            until.tv_nsec -= 1000000000L;
        }
        pthread_cond_timedwait(&w->stop_cond, &w->lock, &until);
        int64_t now = time_monotonic_us();
        for (struct conn_watch *c = w->head; c; c = c->next) {
            if (c->deadline_us == 0 || now < c->deadline_us)
                continue;
            /* bytes the server has not read yet: the client sent in time and the connection's
             * thread is busy with another request (a long handler, a wait for a lock). Closing
             * now would drop a request the client rightly counts as sent (and it would see the
             * connection closed without an answer); looked at again at the next check */
            int unread = 0;
            if (ioctl(c->fd, SIOCINQ, &unread) == 0 && unread > 0)
                continue;
            if (c->after_response_us && keep_idle(w, c, now))
                continue;
            /* under the lock: conns_closed (also under it) runs before the socket is closed,
             * so fd is still this connection's */
            shutdown(c->fd, SHUT_RDWR);
            c->deadline_us = 0;
            c->after_response_us = 0;
            w->closed++;
        }
    }
    pthread_mutex_unlock(&w->lock);
    return NULL;
}

struct conns *conns_start(int header_timeout_s, int idle_timeout_s)
{
    struct conns *w = xcalloc(1, sizeof *w);
    pthread_mutex_init(&w->lock, NULL);
    pthread_cond_init(&w->stop_cond, NULL);
    w->timeout_us = header_timeout_s > 0 ? (int64_t)header_timeout_s * 1000000 : 0;
    w->idle_us =
        idle_timeout_s > header_timeout_s ? (int64_t)idle_timeout_s * 1000000 : w->timeout_us;
    if (w->timeout_us && pthread_create(&w->thread, NULL, watch_main, w) != 0) {
        log_error("cannot start the connection watch: request heads have no deadline");
        w->timeout_us = 0;
    }
    return w;
}

void conns_stop(struct conns *w)
{
    if (w == NULL)
        return;
    if (w->timeout_us) {
        pthread_mutex_lock(&w->lock);
        w->stopping = true;
        pthread_cond_signal(&w->stop_cond);
        pthread_mutex_unlock(&w->lock);
        pthread_join(w->thread, NULL);
    }
    while (w->head) { /* connections libmicrohttpd never reported closed */
        struct conn_watch *c = w->head;
        w->head = c->next;
        free(c);
    }
    pthread_cond_destroy(&w->stop_cond);
    pthread_mutex_destroy(&w->lock);
    free(w);
}

struct conn_watch *conns_opened(struct conns *w, int fd)
{
    if (w->timeout_us == 0)
        return NULL;
    struct conn_watch *c = xcalloc(1, sizeof *c);
    c->fd = fd;
    c->deadline_us = time_monotonic_us() + w->timeout_us;
    pthread_mutex_lock(&w->lock);
    c->next = w->head;
    if (w->head)
        w->head->prev = c;
    w->head = c;
    pthread_mutex_unlock(&w->lock);
    return c;
}

void conns_closed(struct conns *w, struct conn_watch *c)
{
    if (c == NULL)
        return;
    pthread_mutex_lock(&w->lock);
    if (c->prev)
        c->prev->next = c->next;
    else
        w->head = c->next;
    if (c->next)
        c->next->prev = c->prev;
    pthread_mutex_unlock(&w->lock);
    free(c);
}

void conns_head_received(struct conns *w, struct conn_watch *c)
{
    if (c == NULL)
        return;
    pthread_mutex_lock(&w->lock);
    c->deadline_us = 0;
    c->after_response_us = 0;
    pthread_mutex_unlock(&w->lock);
}

void conns_waiting(struct conns *w, struct conn_watch *c)
{
    if (c == NULL)
        return;
    int64_t now = time_monotonic_us();
    pthread_mutex_lock(&w->lock);
    c->deadline_us = now + w->timeout_us;
    c->after_response_us = now;
    pthread_mutex_unlock(&w->lock);
}

int conns_fit_fd_limit(int connections, int reserve)
{
    struct rlimit rl;
    if (getrlimit(RLIMIT_NOFILE, &rl) != 0)
        return connections;
    rlim_t wanted = (rlim_t)connections + (rlim_t)reserve;
    if (rl.rlim_cur < wanted) {
        rl.rlim_cur = rl.rlim_max == RLIM_INFINITY || rl.rlim_max >= wanted ? wanted : rl.rlim_max;
        setrlimit(RLIMIT_NOFILE, &rl);
        getrlimit(RLIMIT_NOFILE, &rl);
    }
    if (rl.rlim_cur != RLIM_INFINITY && rl.rlim_cur < wanted) {
        int fit = (int)rl.rlim_cur > reserve ? (int)rl.rlim_cur - reserve : 1;
        log_error("open-file limit %llu: at most %d connections instead of %d",
                  (unsigned long long)rl.rlim_cur, fit, connections);
        return fit;
    }
    return connections;
}
