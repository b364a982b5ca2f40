/*
 * This file tests what the store does for running past one machine (src/store/store*.c and the
 * two backends): the bounded pool (waiting, the acquire timeout, its statistics), closing a pool
 * whose connections failed to open, bytes (BLOB / bytea) with NULs in them, snapshot
 * transactions, SQLite's whole-file backup, exclusive lock and restore, SQLite's sets of ids
 * (a search's matches read once for its count and its page), the fault point (store_fault_arm),
 * and -- only when STORE_TEST_PG_URL names a database it may scribble on -- PostgreSQL's lost
 * connections (the retry rules of store_exec), read-only servers, statement_timeout and its
 * lifting for migrations and cursors.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <ftw.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "store/store.h"
#include "store/store_backend.h"
#include "store_exec_checked.h"

/* ================================================================ helpers */

static int remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st, (void)flag, (void)ftw;
    return remove(path);
}

/* A fresh temporary directory in dir (size 64). */
static void temp_dir(char *dir)
{
    snprintf(dir, 64, "/tmp/test_store_pool.XXXXXX");
    assert_non_null(mkdtemp(dir));
}

static void remove_tree(const char *dir)
{
    nftw(dir, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
}

static struct store *open_sqlite(const char *dir, const char *name, int pool, int timeout_ms)
{
    char url[160];
    snprintf(url, sizeof url, "sqlite:%s/%s", dir, name);
    struct store_options opts = {.pool_size = pool, .acquire_timeout_ms = timeout_ms};
    struct store *s = NULL;
    struct err e = {0};
    if (store_open_with(url, &opts, &s, &e) != 0)
        fail_msg("%s: %s", url, e.message);
    return s;
}

/* The PostgreSQL test database, or NULL (the PostgreSQL tests then skip). */
static const char *pg_url(void)
{
    const char *url = getenv("STORE_TEST_PG_URL");
    return url && *url ? url : NULL;
}

static struct store *open_pg(int pool, int statement_timeout_ms)
{
    struct store_options opts = {.pool_size = pool, .statement_timeout_ms = statement_timeout_ms};
    struct store *s = NULL;
    struct err e = {0};
    if (store_open_with(pg_url(), &opts, &s, &e) != 0)
        fail_msg("%s: %s", pg_url(), e.message);
    return s;
}

/* ================================================================ the pool */

struct waiter {
    struct store *store;
    struct store_conn *got;
};

static void *wait_for_conn(void *arg)
{
    struct waiter *w = arg;
    w->got = store_acquire(w->store);
    return NULL;
}

static void pool_waits_then_times_out(void **state)
{
    char dir[64];
    temp_dir(dir);
    struct store *s = open_sqlite(dir, "pool.db", 1, 50);
    struct store_conn *held = store_acquire(s);
    struct store_stats st;
    store_stats(s, &st);
    assert_int_equal(st.size, 1);
    assert_int_equal(st.in_use, 1);
    assert_int_equal(st.waiting, 0);

    /* all connections taken: a timed acquire gives up with ERR_UNAVAILABLE (a 503) */
    struct store_conn *none = NULL;
    struct err e = {0};
    assert_int_equal(store_acquire_timed(s, &none, &e), ERR_UNAVAILABLE);
    assert_null(none);
    assert_non_null(strstr(e.message, "all 1 in use"));
    store_stats(s, &st);
    assert_int_equal(st.acquire_timeouts, 1);

    /* an untimed acquire waits, is counted as waiting, and gets the connection when freed */
    struct waiter w = {s, NULL};
    pthread_t thread;
    assert_int_equal(pthread_create(&thread, NULL, wait_for_conn, &w), 0);
    do {
        usleep(1000);
        store_stats(s, &st);
    } while (st.waiting == 0);
    assert_int_equal(st.waiting, 1);
    store_release(s, held);
    pthread_join(thread, NULL);
    assert_ptr_equal(w.got, held);
    store_stats(s, &st);
    assert_int_equal(st.waiting, 0);
    assert_int_equal(st.in_use, 1);
    store_release(s, w.got);

    /* and a timed acquire succeeds when one is free */
    err_clear(&e);
    assert_int_equal(store_acquire_timed(s, &none, &e), 0);
    assert_non_null(none);
    store_release(s, none);
    store_close(s);
    remove_tree(dir);
}

/* A connection whose opening failed stays the backend's own object, so closing the store after
 * it (a SIGTERM after a failover) is safe. Here the second connection cannot open because the
 * database file was replaced by a directory after the first one opened it. */
static void close_after_failed_open_sqlite(void **state)
{
    char dir[64], path[96];
    temp_dir(dir);
    struct store *s = open_sqlite(dir, "gone.db", 2, 0);
    struct store_conn *first = store_acquire(s);
    assert_int_equal(scalar(first, "SELECT 1"), 1);
    snprintf(path, sizeof path, "%s/gone.db", dir);
    char moved[112];
    snprintf(moved, sizeof moved, "%s.old", path);
    assert_int_equal(rename(path, moved), 0);
    assert_int_equal(mkdir(path, 0700), 0);
    struct store_conn *second = store_acquire(s);
    struct err e = {0};
    assert_int_equal(store_exec(second, "SELECT 1", NULL, 0, NULL, &e), ERR_UNAVAILABLE);
    assert_true(second->broken);
    assert_ptr_equal(second->ops, first->ops);
    store_release(s, second);
    store_release(s, first);
    store_close(s); /* used to call the PostgreSQL/SQLite disconnect on a placeholder */
    remove_tree(dir);
}

static void close_after_failed_open_pg(void **state)
{
    if (pg_url() == NULL)
        skip();
    /* a role allowed one connection: the pool's second one is refused by the server */
    struct store *admin = open_pg(1, 0);
    struct store_conn *c = store_acquire(admin);
    struct err e = {0};
    store_exec_script(c, "DROP ROLE IF EXISTS stp_limited", &e);
    err_clear(&e);
    assert_int_equal(store_exec_script(c, "CREATE ROLE stp_limited LOGIN CONNECTION LIMIT 1", &e),
                     0);
    char url[512];
    const char *at = strstr(pg_url(), "postgres@");
    assert_non_null(at);
    snprintf(url, sizeof url, "%.*sstp_limited@%s", (int)(at - pg_url()), pg_url(),
             at + strlen("postgres@"));
    struct store *s = NULL;
    assert_int_equal(store_open(url, 2, &s, &e), 0);
    struct store_conn *first = store_acquire(s), *second = store_acquire(s);
    assert_int_equal(scalar(first, "SELECT 1"), 1);
    assert_int_equal(store_exec(second, "SELECT 1", NULL, 0, NULL, &e), ERR_UNAVAILABLE);
    assert_non_null(strstr(e.message, "too many connections"));
    assert_true(second->broken);
    assert_ptr_equal(second->ops, first->ops);
    store_release(s, second);
    store_release(s, first);
    store_close(s);
    err_clear(&e);
    assert_int_equal(store_exec_script(c, "DROP ROLE stp_limited", &e), 0);
    store_release(admin, c);
    store_close(admin);
}

/* ================================================================ bytes and snapshots */

static void blob_round_trip(struct store_conn *c, const char *create)
{
    struct err e = {0};
    assert_int_equal(store_exec_script(c, create, &e), 0);
    const char bytes[] = {'%', 'P', 'D', 'F', 0, 1, 2, (char)0xff, 0, '\\', 'x', '\'', 0};
    struct store_value p[] = {SV_INT(1), SV_BLOB(bytes, sizeof bytes)};
    store_result_free(must_exec(c, "INSERT INTO stp_files (id, data) VALUES (?, ?)", p, 2));
    struct store_value empty[] = {SV_INT(2), SV_BLOB(NULL, 0)};
    store_result_free(must_exec(c, "INSERT INTO stp_files (id, data) VALUES (?, ?)", empty, 2));
    struct store_result *r =
        must_exec(c, "SELECT data, length(data) FROM stp_files ORDER BY id", NULL, 0);
    assert_int_equal(store_rows(r), 2);
    assert_int_equal(store_length(r, 0, 0), sizeof bytes);
    assert_memory_equal(store_text(r, 0, 0), bytes, sizeof bytes);
    assert_int_equal(store_int(r, 0, 1), sizeof bytes);
    assert_false(store_isnull(r, 1, 0)); /* empty, not NULL */
    assert_int_equal(store_length(r, 1, 0), 0);
    assert_string_equal(store_text(r, 1, 0), "");
    store_result_free(r);
}

static void sqlite_blobs(void **state)
{
    char dir[64];
    temp_dir(dir);
    struct store *s = open_sqlite(dir, "blob.db", 1, 0);
    struct store_conn *c = store_acquire(s);
    blob_round_trip(c, "CREATE TABLE stp_files (id INTEGER PRIMARY KEY, data BLOB NOT NULL)");
    store_release(s, c);
    store_close(s);
    remove_tree(dir);
}

/* SQLite's sets of ids (store_sql_fulltext_ids, store_sql_in_ids): the aggregate keeps each
 * id once in any input order, its size is the number of distinct ids, and membership is exact
 * for ids in it, between, around and far from its ids; the empty set holds nothing. */
static void sqlite_id_sets(void **state)
{
    char dir[64];
    temp_dir(dir);
    struct store *s = open_sqlite(dir, "ids.db", 1, 0);
    struct store_conn *c = store_acquire(s);
    struct err e = {0};
    assert_int_equal(store_exec_script(c,
                                       "CREATE TABLE stp_ids (id INTEGER PRIMARY KEY, v INT);"
                                       "INSERT INTO stp_ids (v) VALUES (7), (-3), (7), (42),"
                                       " (9000000000), (0), (-3), (41), (NULL);",
                                       &e),
                     0);
    char cond[96];
    char sql[256], listed[256];
    snprintf(sql, sizeof sql, "SELECT v FROM stp_ids WHERE v IS NOT NULL AND %s ORDER BY id",
             store_sql_in_ids(c, "v", false, cond, sizeof cond));
    /* the same condition with the set's ids listed (drive) */
    snprintf(listed, sizeof listed, "SELECT v FROM stp_ids WHERE v IS NOT NULL AND %s ORDER BY id",
             store_sql_in_ids(c, "v", true, cond, sizeof cond));
    const char *sets[] = {"SELECT copilot_ids(v) FROM stp_ids", /* unsorted, repeats */
                          "SELECT copilot_ids(v) FROM stp_ids WHERE v > 100",   /* one */
                          "SELECT copilot_ids(v) FROM stp_ids WHERE v > 1e12"}; /* none */
    const int64_t sizes[] = {6, 1, 0};
    const int64_t probes[] = {INT64_MIN, -4, -3, -2, 0,  1,          7,
                              8,         40, 41, 42, 43, 9000000000, INT64_MAX};
    for (int k = 0; k < 3; k++) {
        struct store_result *set = must_exec(c, sets[k], NULL, 0);
        assert_int_equal(store_ids_count(set, 0, 0), sizes[k]);
        struct store_value p[] = {SV_BLOB(store_text(set, 0, 0), store_length(set, 0, 0))};
        /* every row's v in the set, in the table's order, asked or listed alike */
        struct store_result *in = must_exec(c, sql, p, 1);
        struct store_result *in_listed = must_exec(c, listed, p, 1);
        assert_int_equal(store_rows(in_listed), store_rows(in));
        for (size_t i = 0; i < store_rows(in); i++)
            assert_int_equal(store_int(in_listed, i, 0), store_int(in, i, 0));
        store_result_free(in_listed);
        struct store_result *all = must_exec(c,
                                             "SELECT v FROM stp_ids WHERE v IS NOT NULL "
                                             "ORDER BY id",
                                             NULL, 0);
        size_t j = 0;
        for (size_t i = 0; i < store_rows(all); i++) {
            int64_t v = store_int(all, i, 0);
            bool member = k == 0 || (k == 1 && v > 100);
            if (member) {
                assert_true(j < store_rows(in));
                assert_int_equal(store_int(in, j++, 0), v);
            }
        }
        assert_int_equal(j, store_rows(in));
        store_result_free(in);
        store_result_free(all);
        for (size_t i = 0; i < sizeof probes / sizeof *probes; i++) {
            struct store_value q[] = {p[0], SV_INT(probes[i])};
            struct store_result *r = must_exec(c, "SELECT copilot_in_ids(?, ?)", q, 2);
            int64_t x = probes[i];
            bool member =
                k == 0 ? (x == 7 || x == -3 || x == 42 || x == 9000000000 || x == 0 || x == 41)
                       : k == 1 && x == 9000000000;
            assert_int_equal(store_int(r, 0, 0), member);
            store_result_free(r);
        }
        struct store_value q[] = {p[0], SV_NULL}; /* no id: NULL, neither in nor out */
        struct store_result *r = must_exec(c, "SELECT copilot_in_ids(?, ?) IS NULL", q, 2);
        assert_int_equal(store_int(r, 0, 0), 1);
        store_result_free(r);
        store_result_free(set);
    }
    store_release(s, c);
    store_close(s);
    remove_tree(dir);
}

static void pg_blobs(void **state)
{
    if (pg_url() == NULL)
        skip();
    struct store *s = open_pg(1, 0);
    struct store_conn *c = store_acquire(s);
    blob_round_trip(c, "DROP TABLE IF EXISTS stp_files;"
                       "CREATE TABLE stp_files (id int PRIMARY KEY, data bytea NOT NULL)");
    struct err e = {0};
    store_exec_script(c, "DROP TABLE stp_files", &e);
    store_release(s, c);
    store_close(s);
}

/* A snapshot transaction reads the database as of its first read while another connection
 * writes (both engines; the PostgreSQL half runs when configured). */
static void snapshot_reads_one_moment(struct store *s, const char *create)
{
    struct store_conn *reader = store_acquire(s), *writer = store_acquire(s);
    struct err e = {0};
    assert_int_equal(store_exec_script(writer, create, &e), 0);
    store_result_free(must_exec(writer, "INSERT INTO stp_rows (n) VALUES (1)", NULL, 0));
    assert_int_equal(store_begin_snapshot(reader, &e), 0);
    assert_int_equal(scalar(reader, "SELECT count(*) FROM stp_rows"), 1);
    store_result_free(must_exec(writer, "INSERT INTO stp_rows (n) VALUES (2)", NULL, 0));
    assert_int_equal(scalar(reader, "SELECT count(*) FROM stp_rows"), 1);
    assert_int_equal(store_commit(reader, &e), 0);
    assert_int_equal(scalar(reader, "SELECT count(*) FROM stp_rows"), 2);
    store_release(s, reader);
    store_release(s, writer);
}

static void sqlite_snapshot(void **state)
{
    char dir[64];
    temp_dir(dir);
    struct store *s = open_sqlite(dir, "snap.db", 2, 0);
    snapshot_reads_one_moment(s, "CREATE TABLE stp_rows (n INTEGER)");
    store_close(s);
    remove_tree(dir);
}

static void pg_snapshot(void **state)
{
    if (pg_url() == NULL)
        skip();
    struct store *s = open_pg(2, 0);
    snapshot_reads_one_moment(s, "DROP TABLE IF EXISTS stp_rows; CREATE TABLE stp_rows (n int)");
    store_close(s);
}

/* ================================================================ fault injection */

/* The call exec makes fails: ERR_DB, "injected fault", and the fault says it fired. */
static void assert_injected(struct store_conn *c, int rc, struct err *e)
{
    assert_int_equal(rc, ERR_DB);
    assert_string_equal(e->message, "injected fault");
    assert_true(store_fault_fired(c));
    err_clear(e);
}

/* store_fault_arm's countdown: one count per fallible call (store_exec_custom and a batch once
 * each), a failure that never reaches the engine (the row is not written), a failed commit that
 * rolls back, a cursor's step, one fault only, and disarmed by store_release. */
static void fault_countdown(struct store *s, const char *create)
{
    struct store_conn *c = store_acquire(s);
    struct err e = {0};
    assert_int_equal(store_exec_script(c, create, &e), 0);
    struct store_value one[] = {SV_INT(1)};

    store_fault_arm(c, 3);
    assert_false(store_fault_fired(c));
    store_result_free(must_exec(c, "SELECT 1", NULL, 0)); /* 1 */
    struct store_result *r = NULL;
    assert_int_equal(store_exec_custom(c, "SELECT 2", NULL, 0, &r, &e), 0); /* 2 */
    store_result_free(r);
    assert_false(store_fault_fired(c));
    assert_injected(c, store_exec(c, "INSERT INTO stp_rows VALUES (?)", one, 1, &r, &e), &e);
    assert_null(r);
    assert_int_equal(scalar(c, "SELECT count(*) FROM stp_rows"), 0); /* never sent */
    assert_true(store_fault_fired(c)); /* once fired, the calls go through again */
    assert_int_equal(store_fault_disarm(c), 0);
    assert_false(store_fault_fired(c));

    /* a commit that fails rolls back */
    assert_int_equal(store_begin(c, &e), 0);
    store_result_free(must_exec(c, "INSERT INTO stp_rows VALUES (?)", one, 1));
    store_fault_arm(c, 1);
    assert_injected(c, store_commit(c, &e), &e);
    assert_false(store_in_transaction(c));
    assert_int_equal(scalar(c, "SELECT count(*) FROM stp_rows"), 0);

    /* a batch counts once; its results are all NULL */
    struct store_stmt two[] = {{"SELECT 1", NULL, 0, false}, {"SELECT 2", NULL, 0, true}};
    struct store_result *out[2] = {NULL, NULL};
    store_fault_arm(c, 2);
    assert_int_equal(store_exec_batch(c, two, 2, out, &e), 0);
    store_result_free(out[0]);
    store_result_free(out[1]);
    assert_injected(c, store_exec_batch(c, two, 2, out, &e), &e);
    assert_null(out[0]);
    assert_null(out[1]);

    /* a cursor's open and each of its steps */
    store_result_free(must_exec(c, "INSERT INTO stp_rows VALUES (1), (2)", NULL, 0));
    store_fault_arm(c, 3);
    struct store_cursor *cur = NULL;
    const char *rows = "SELECT n FROM stp_rows ORDER BY n";
    assert_int_equal(store_cursor_open(c, rows, NULL, 0, &cur, &e), 0);
    assert_int_equal(store_cursor_next(cur, &e), 1);
    assert_injected(c, store_cursor_next(cur, &e), &e);
    assert_int_equal(store_cursor_next(cur, &e), 0); /* a failed cursor is at its end */
    store_cursor_close(cur);

    /* what is left, and the release that disarms */
    store_fault_arm(c, 5);
    store_result_free(must_exec(c, "SELECT 1", NULL, 0));
    assert_int_equal(store_fault_disarm(c), 4);
    store_fault_arm(c, 1);
    store_release(s, c);
    c = store_acquire(s);
    assert_false(store_fault_fired(c));
    assert_int_equal(scalar(c, "SELECT count(*) FROM stp_rows"), 2);
    store_release(s, c);
}

static void sqlite_fault_countdown(void **state)
{
    char dir[64];
    temp_dir(dir);
    struct store *s = open_sqlite(dir, "fault.db", 1, 0);
    fault_countdown(s, "CREATE TABLE stp_rows (n INTEGER)");
    store_close(s);
    remove_tree(dir);
}

static void pg_fault_countdown(void **state)
{
    if (pg_url() == NULL)
        skip();
    struct store *s = open_pg(1, 0);
    fault_countdown(s, "DROP TABLE IF EXISTS stp_rows; CREATE TABLE stp_rows (n int)");
    store_close(s);
}

/* ================================================================ the SQLite file as a whole */

static void sqlite_backup_lock_restore(void **state)
{
    char dir[64], backup[96];
    temp_dir(dir);
    struct store *s = open_sqlite(dir, "live.db", 1, 0);
    struct store_conn *c = store_acquire(s);
    struct err e = {0};
    assert_int_equal(
        store_exec_script(c,
                          "CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY);"
                          "INSERT INTO schema_migrations VALUES (1);"
                          "CREATE TABLE stp_rows (n INTEGER); INSERT INTO stp_rows VALUES (1);",
                          &e),
        0);
    snprintf(backup, sizeof backup, "%s/copy.db", dir);
    assert_int_equal(store_backup(c, backup, &e), 0);
    assert_int_equal(store_backup(c, backup, &e), ERR_CONFLICT); /* never overwrites */
    err_clear(&e);
    char partial[112];
    snprintf(partial, sizeof partial, "%s.partial", backup);
    assert_int_not_equal(access(partial, F_OK), 0);

    store_result_free(must_exec(c, "INSERT INTO stp_rows VALUES (2)", NULL, 0));
    assert_int_equal(scalar(c, "SELECT count(*) FROM stp_rows"), 2);

    /* a second store on the same file (another process, as far as flock() can tell) holds a
     * shared lock: no exclusive lock until it is gone */
    struct store *other = open_sqlite(dir, "live.db", 1, 0);
    assert_int_equal(store_lock_exclusive(s, &e), ERR_CONFLICT);
    assert_non_null(strstr(e.message, "in use"));
    store_close(other);
    err_clear(&e);
    assert_int_equal(store_lock_exclusive(s, &e), 0);

    /* restore refuses what is not a copilot database, or one newer than it knows */
    assert_int_equal(store_restore(c, "/no/such/file.db", 1, &e), ERR_NOT_FOUND);
    err_clear(&e);
    char junk[96];
    snprintf(junk, sizeof junk, "%s/junk.db", dir);
    FILE *f = fopen(junk, "w");
    fputs("not a database at all, just text that is long enough to look like a header....", f);
    fclose(f);
    assert_int_equal(store_restore(c, junk, 1, &e), ERR_INVALID);
    err_clear(&e);
    assert_int_equal(store_restore(c, backup, 0, &e), ERR_INVALID);
    assert_non_null(strstr(e.message, "newer"));
    err_clear(&e);
    assert_int_equal(store_restore(c, backup, 1, &e), 0);
    assert_int_equal(scalar(c, "SELECT count(*) FROM stp_rows"), 1); /* as backed up */
    store_release(s, c);
    store_close(s);
    remove_tree(dir);
}

/* ================================================================ PostgreSQL sessions lost */

static void pg_lost_connections(void **state)
{
    if (pg_url() == NULL)
        skip();
    struct store *s = open_pg(2, 0);
    struct store_conn *c = store_acquire(s), *other = store_acquire(s);
    struct err e = {0};
    assert_int_equal(
        store_exec_script(c,
                          "DROP TABLE IF EXISTS stp_rows;"
                          "DROP SEQUENCE IF EXISTS stp_read_seq, stp_write_seq;"
                          "CREATE TABLE stp_rows (n int);"
                          "CREATE SEQUENCE stp_read_seq; CREATE SEQUENCE stp_write_seq",
                          &e),
        0);
    struct store_stats before, after;

    /* inside a transaction a lost session is an error: its work is gone */
    assert_int_equal(store_begin(c, &e), 0);
    store_result_free(must_exec(c, "INSERT INTO stp_rows VALUES (1)", NULL, 0));
    struct store_value pid = SV_INT(scalar(c, "SELECT pg_backend_pid()"));
    store_result_free(must_exec(other, "SELECT pg_terminate_backend(?::int, 5000)", &pid, 1));
    assert_int_equal(store_exec(c, "INSERT INTO stp_rows VALUES (2)", NULL, 0, NULL, &e),
                     ERR_UNAVAILABLE);
    store_rollback(c);
    assert_false(store_in_transaction(c));
    assert_int_equal(scalar(c, "SELECT count(*) FROM stp_rows"), 0); /* reopened, nothing kept */

    /* a SELECT whose session dies under it runs once more on a new one (the sequence makes the
     * first run kill its own backend and the second one pass) */
    store_stats(s, &before);
    assert_int_equal(scalar(c, "SELECT CASE WHEN nextval('stp_read_seq') = 1"
                               " THEN pg_terminate_backend(pg_backend_pid())::int ELSE 7 END"),
                     7);
    store_stats(s, &after);
    assert_int_equal(after.reconnects, before.reconnects + 1);

    /* the same for a batch of reads (one round trip on PostgreSQL): run again, one statement
     * at a time, on a new session; and a batch on a session killed while idle reopens it */
    store_stats(s, &before);
    struct store_stmt batch[] = {
        {"SELECT 5", NULL, 0, false},
        {"SELECT CASE WHEN nextval('stp_read_seq') = 3 THEN "
         "pg_terminate_backend(pg_backend_pid())::int ELSE 8 END",
         NULL, 0, true},
    };
    struct store_result *out[2];
    assert_int_equal(store_exec_batch(c, batch, 2, out, &e), 0);
    assert_int_equal(store_int(out[0], 0, 0), 5);
    assert_int_equal(store_int(out[1], 0, 0), 8);
    store_result_free(out[0]);
    store_result_free(out[1]);
    store_stats(s, &after);
    assert_int_equal(after.reconnects, before.reconnects + 1);
    pid = SV_INT(scalar(c, "SELECT pg_backend_pid()"));
    store_result_free(must_exec(other, "SELECT pg_terminate_backend(?::int, 5000)", &pid, 1));
    assert_int_equal(store_exec_batch(c, batch, 2, out, &e), 0);
    assert_int_equal(store_int(out[1], 0, 0), 8);
    store_result_free(out[0]);
    store_result_free(out[1]);

    /* a write whose session dies under it may have committed: it is not run again */
    err_clear(&e);
    assert_int_equal(store_exec(c,
                                "INSERT INTO stp_rows (n) SELECT 9 WHERE (SELECT CASE WHEN "
                                "nextval('stp_write_seq') = 1 THEN "
                                "pg_terminate_backend(pg_backend_pid()) ELSE true END)",
                                NULL, 0, NULL, &e),
                     ERR_UNAVAILABLE);
    assert_true(c->broken);
    assert_int_equal(scalar(other, "SELECT last_value FROM stp_write_seq"), 1); /* ran once */
    assert_int_equal(scalar(c, "SELECT count(*) FROM stp_rows"), 0);

    /* a server that only reads: writes fail, the connection is dropped and reopened */
    store_result_free(
        must_exec(c, "SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY", NULL, 0));
    err_clear(&e);
    assert_int_equal(store_ping(c, &e), ERR_UNAVAILABLE);
    assert_non_null(strstr(e.message, "read-only"));
    assert_true(c->broken);
    err_clear(&e);
    assert_int_equal(store_ping(c, &e), 0); /* a new session: writable again */
    store_result_free(
        must_exec(c, "SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY", NULL, 0));
    assert_int_equal(store_exec(c, "INSERT INTO stp_rows VALUES (3)", NULL, 0, NULL, &e),
                     ERR_UNAVAILABLE);
    assert_true(c->broken);
    store_result_free(must_exec(c, "INSERT INTO stp_rows VALUES (3)", NULL, 0));

    assert_int_equal(store_exec_script(c,
                                       "DROP TABLE stp_rows;"
                                       "DROP SEQUENCE stp_read_seq, stp_write_seq",
                                       &e),
                     0);
    store_release(s, other);
    store_release(s, c);
    store_close(s);
}

static void pg_statement_timeout(void **state)
{
    if (pg_url() == NULL)
        skip();
    struct store *s = open_pg(1, 100);
    struct store_conn *c = store_acquire(s);
    struct err e = {0};
    assert_int_equal(store_exec(c, "SELECT pg_sleep(5)", NULL, 0, NULL, &e), ERR_UNAVAILABLE);
    assert_non_null(strstr(e.message, "statement timeout"));
    assert_false(c->broken); /* the session itself is fine */
    /* a batch with a statement cancelled by the timeout: the same error, no result, and the
     * session ready for the next statement */
    struct store_stmt batch[] = {{"SELECT 1", NULL, 0, false},
                                 {"SELECT pg_sleep(5)", NULL, 0, true},
                                 {"SELECT 3", NULL, 0, false}};
    struct store_result *out[3];
    err_clear(&e);
    assert_int_equal(store_exec_batch(c, batch, 3, out, &e), ERR_UNAVAILABLE);
    assert_non_null(strstr(e.message, "statement timeout"));
    assert_null(out[0]);
    assert_null(out[2]);
    assert_false(c->broken);
    struct store_result *r;
    assert_int_equal(store_exec(c, "SELECT 4", NULL, 0, &r, &e), 0);
    assert_int_equal(store_int(r, 0, 0), 4);
    store_result_free(r);
    /* a cached statement gone stale under a migration (its SELECT * changed shape) is
     * prepared afresh and the batch run again, one statement at a time */
    assert_int_equal(store_exec_script(c,
                                       "DROP TABLE IF EXISTS stp_shape;"
                                       "CREATE TABLE stp_shape (a int); INSERT INTO stp_shape "
                                       "VALUES (1)",
                                       &e),
                     0);
    struct store_stmt shape[] = {{"SELECT * FROM stp_shape", NULL, 0, false},
                                 {"SELECT 2", NULL, 0, false}};
    for (int round = 0; round < 3; round++) {
        if (round == 2)
            assert_int_equal(
                store_exec_script(c, "ALTER TABLE stp_shape ADD COLUMN b int DEFAULT 7", &e), 0);
        assert_int_equal(store_exec_batch(c, shape, 2, out, &e), 0);
        assert_int_equal(store_cols(out[0]), round == 2 ? 2 : 1);
        assert_int_equal(store_int(out[1], 0, 0), 2);
        store_result_free(out[0]);
        store_result_free(out[1]);
    }
    assert_int_equal(store_exec_script(c, "DROP TABLE stp_shape", &e), 0);
    /* migrations may take long: no timeout while the migration lock is held */
    err_clear(&e);
    assert_int_equal(store_lock_migrations(c, &e), 0);
    assert_int_equal(store_exec(c, "SELECT pg_sleep(0.3)", NULL, 0, NULL, &e), 0);
    store_unlock_migrations(c);
    assert_int_equal(store_exec(c, "SELECT pg_sleep(5)", NULL, 0, NULL, &e), ERR_UNAVAILABLE);
    /* a cursor lasts as long as its reader (a streamed export): no timeout while it is open,
     * the session's again once it is closed */
    err_clear(&e);
    struct store_cursor *cur;
    assert_int_equal(store_cursor_open(c, "SELECT g, pg_sleep(0.05) FROM generate_series(1, 6) g",
                                       NULL, 0, &cur, &e),
                     0);
    int rows = 0, rc;
    while ((rc = store_cursor_next(cur, &e)) == 1)
        rows++;
    assert_int_equal(rc, 0);
    assert_int_equal(rows, 6);
    store_cursor_close(cur);
    assert_int_equal(store_exec(c, "SELECT pg_sleep(5)", NULL, 0, NULL, &e), ERR_UNAVAILABLE);
    store_release(s, c);
    store_close(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(pool_waits_then_times_out),
        cmocka_unit_test(close_after_failed_open_sqlite),
        cmocka_unit_test(close_after_failed_open_pg),
        cmocka_unit_test(sqlite_blobs),
        cmocka_unit_test(pg_blobs),
        cmocka_unit_test(sqlite_id_sets),
        cmocka_unit_test(sqlite_snapshot),
        cmocka_unit_test(pg_snapshot),
        cmocka_unit_test(sqlite_fault_countdown),
        cmocka_unit_test(pg_fault_countdown),
        cmocka_unit_test(sqlite_backup_lock_restore),
        cmocka_unit_test(pg_lost_connections),
        cmocka_unit_test(pg_statement_timeout),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
