/* Unit tests for the work pool (src/lib/workpool.c): every job runs once, the queue bound, the
 * cap per kind, the wait limit, and stop draining what is queued. No timing is asserted: jobs
 * block on a gate the test opens. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <pthread.h>
#include <unistd.h>
#include <cmocka.h>

#include "lib/workpool.h"

struct gate {
    pthread_mutex_t lock;
    pthread_cond_t cond;
    bool open;
    int running[2], max_running[2], ran, expired;
};

static struct gate g;

struct job_arg {
    int kind;
};

static void blocking_job(void *arg, bool expired)
{
    struct job_arg *j = arg;
    pthread_mutex_lock(&g.lock);
    if (expired) {
        g.expired++;
        g.ran++;
        pthread_cond_broadcast(&g.cond);
        pthread_mutex_unlock(&g.lock);
        return;
    }
    g.running[j->kind]++;
    if (g.running[j->kind] > g.max_running[j->kind])
        g.max_running[j->kind] = g.running[j->kind];
    pthread_cond_broadcast(&g.cond);
    while (!g.open)
        pthread_cond_wait(&g.cond, &g.lock);
    g.running[j->kind]--;
    g.ran++;
    pthread_cond_broadcast(&g.cond);
    pthread_mutex_unlock(&g.lock);
}

static void reset(void)
{
    memset(&g, 0, sizeof g);
    pthread_mutex_init(&g.lock, NULL);
    pthread_cond_init(&g.cond, NULL);
}

static void open_gate(void)
{
    pthread_mutex_lock(&g.lock);
    g.open = true;
    pthread_cond_broadcast(&g.cond);
    pthread_mutex_unlock(&g.lock);
}

/* Waits until running[kind] reaches n. */
static void wait_running(int kind, int n)
{
    pthread_mutex_lock(&g.lock);
    while (g.running[kind] < n)
        pthread_cond_wait(&g.cond, &g.lock);
    pthread_mutex_unlock(&g.lock);
}

static void test_cap_and_queue(void **state)
{
    reset();
    int caps[2] = {2, 4};
    struct workpool *p = workpool_start(4, 6, 2, caps);
    struct job_arg a[8] = {{0}, {0}, {0}, {0}, {1}, {1}, {1}, {1}};
    for (int i = 0; i < 6; i++)
        assert_int_equal(workpool_submit(p, a[i].kind, blocking_job, &a[i], 0), 0);
    assert_int_equal(workpool_submit(p, 1, blocking_job, &a[6], 0), -1); /* 6 in the pool */
    wait_running(0, 2);
    wait_running(1, 2);
    assert_int_equal(workpool_load(p), 6);
    open_gate();
    workpool_stop(p); /* runs what is left and joins */
    assert_int_equal(g.ran, 6);
    assert_int_equal(g.max_running[0], 2); /* never more than the cap of kind 0 */
    assert_int_equal(g.expired, 0);
}

static void test_wait_limit(void **state)
{
    reset();
    int caps[1] = {1};
    struct workpool *p = workpool_start(1, 4, 1, caps);
    struct job_arg first = {0}, late = {0};
    assert_int_equal(workpool_submit(p, 0, blocking_job, &first, 0), 0);
    wait_running(0, 1);
    assert_int_equal(workpool_submit(p, 0, blocking_job, &late, 1), 0); /* 1 ms to start */
    usleep(20000);                                                      /* ...which passes */
    open_gate();
    workpool_stop(p);
    assert_int_equal(g.ran, 2);
    assert_int_equal(g.expired, 1);
}

static void test_stop_refuses(void **state)
{
    reset();
    g.open = true;
    int caps[1] = {3};
    struct workpool *p = workpool_start(2, 8, 1, caps);
    struct job_arg j[5] = {{0}};
    for (int i = 0; i < 5; i++)
        assert_int_equal(workpool_submit(p, 0, blocking_job, &j[i], 0), 0);
    workpool_stop(p);
    assert_int_equal(g.ran, 5);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cap_and_queue),
        cmocka_unit_test(test_wait_limit),
        cmocka_unit_test(test_stop_refuses),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
