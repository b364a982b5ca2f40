/*
 * This file implements the schema migrator declared in migrate.h. The migrations are the
 * embedded files migrations/<engine>/NNNN_name.{up,down}.sql; versions are the NNNN numbers.
 * Each migration runs in its own transaction together with its schema_migrations row, so a
 * failing migration leaves nothing behind. On PostgreSQL an advisory lock serialises
 * concurrent migrators (several servers starting at once).
 */
#include "migrate.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../lib/embedded.h"
#include "../lib/timeutil.h"
#include "../lib/xalloc.h"

#define MAX_MIGRATIONS 256

struct migration {
    int version;
    char name[96];
    const char *up, *down;
};

static const char *engine_dir(const struct store *s)
{
    return store_engine(s) == STORE_SQLITE ? "migrations/sqlite/" : "migrations/postgresql/";
}

/* Collects the embedded migrations of s's engine, sorted by version. Returns the count. */
static int collect(const struct store *s, struct migration *out)
{
    const char *dir = engine_dir(s);
    size_t dirlen = strlen(dir);
    int n = 0;
    for (const struct embedded_file *f = embedded_files; f->path; f++) {
        if (strncmp(f->path, dir, dirlen) != 0)
            continue;
        const char *base = f->path + dirlen;
        char *end;
        long version = strtol(base, &end, 10);
        if (end == base || *end != '_' || version <= 0)
            continue;
        const char *dot = strstr(end, ".up.sql");
        bool up = dot != NULL;
        if (!up)
            dot = strstr(end, ".down.sql");
        if (!dot)
            continue;
        int i = 0;
        while (i < n && out[i].version != version)
            i++;
        if (i == n) {
            if (n == MAX_MIGRATIONS)
                break;
            memset(&out[n], 0, sizeof out[n]);
            out[n].version = (int)version;
            snprintf(out[n].name, sizeof out[n].name, "%.*s", (int)(dot - end - 1), end + 1);
            n++;
        }
        if (up)
            out[i].up = (const char *)f->data;
        else
            out[i].down = (const char *)f->data;
    }
    for (int i = 1; i < n; i++) /* insertion sort: a handful of entries */
        for (int j = i; j > 0 && out[j - 1].version > out[j].version; j--) {
            struct migration t = out[j];
            out[j] = out[j - 1];
            out[j - 1] = t;
        }
    return n;
}

static int ensure_table(struct store_conn *c, enum store_engine engine, struct err *e)
{
    const char *sql = engine == STORE_SQLITE
                          ? "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY "
                            "KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"
                          : "CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY "
                            "KEY, name text NOT NULL, applied_at timestamptz NOT NULL)";
    return store_exec(c, sql, NULL, 0, NULL, e);
}

/* Reads the applied versions into applied[] (sorted ascending); returns the count or < 0. */
static int applied_versions(struct store_conn *c, int *applied, int max, struct err *e)
{
    struct store_result *r;
    int rc =
        store_exec(c, "SELECT version FROM schema_migrations ORDER BY version", NULL, 0, &r, e);
    if (rc)
        return rc;
    int n = 0;
    for (size_t i = 0; i < store_rows(r) && n < max; i++)
        applied[n++] = (int)store_int(r, i, 0);
    store_result_free(r);
    return n;
}

static bool contains(const int *list, int n, int v)
{
    for (int i = 0; i < n; i++)
        if (list[i] == v)
            return true;
    return false;
}

/* Runs one migration script and its bookkeeping statement in one transaction. */
static int run_one(struct store_conn *c, const struct migration *m, bool up, struct err *e)
{
    const char *script = up ? m->up : m->down;
    if (script == NULL)
        return err_set(e, ERR_INTERNAL, NULL, "migration %04d has no %s script", m->version,
                       up ? "up" : "down");
    int rc = store_begin(c, e);
    if (rc)
        return rc;
    rc = store_exec_script(c, script, e);
    if (rc)
        goto fail;
    char now[TIME_RFC3339_LEN];
    time_format_rfc3339(time(NULL), now);
    if (up) {
        struct store_value p[] = {SV_INT(m->version), SV_TEXT(m->name), SV_TEXT(now)};
        rc = store_exec(c,
                        "INSERT INTO schema_migrations (version, name, applied_at) "
                        "VALUES (?, ?, ?)",
                        p, 3, NULL, e);
    } else {
        struct store_value p[] = {SV_INT(m->version)};
        rc = store_exec(c, "DELETE FROM schema_migrations WHERE version = ?", p, 1, NULL, e);
    }
    if (rc)
        goto fail;
    return store_commit(c, e);
fail:
    store_rollback(c);
    return rc;
}

/* Shared frame of up/down: take a connection and the migration lock, read the state. */
struct session {
    struct store_conn *conn;
    struct migration all[MAX_MIGRATIONS];
    int count;
    int applied[MAX_MIGRATIONS];
    int napplied;
};

static int session_open(struct store *s, struct session *m, struct err *e)
{
    m->conn = store_acquire(s);
    int rc = store_lock_migrations(m->conn, e);
    if (rc)
        goto fail_release;
    rc = ensure_table(m->conn, store_engine(s), e);
    if (rc)
        goto fail_unlock;
    m->count = collect(s, m->all);
    m->napplied = applied_versions(m->conn, m->applied, MAX_MIGRATIONS, e);
    if (m->napplied < 0) {
        rc = m->napplied;
        goto fail_unlock;
    }
    return 0;
fail_unlock:
    store_unlock_migrations(m->conn);
fail_release:
    store_release(s, m->conn);
    return rc;
}

static void session_close(struct store *s, struct session *m)
{
    store_unlock_migrations(m->conn);
    store_release(s, m->conn);
}

int migrate_up(struct store *s, int *applied, struct err *e)
{
    struct session *m = xcalloc(1, sizeof *m);
    int done = 0;
    int rc = session_open(s, m, e);
    if (rc)
        goto out;
    for (int i = 0; i < m->count && rc == 0; i++) {
        if (contains(m->applied, m->napplied, m->all[i].version))
            continue;
        rc = run_one(m->conn, &m->all[i], true, e);
        if (rc == 0)
            done++;
    }
    session_close(s, m);
out:
    if (applied)
        *applied = done;
    free(m);
    return rc;
}

int migrate_down(struct store *s, int n, int *reverted, struct err *e)
{
    struct session *m = xcalloc(1, sizeof *m);
    int done = 0;
    int rc = session_open(s, m, e);
    if (rc)
        goto out;
    for (int k = m->napplied - 1; k >= 0 && done < n && rc == 0; k--) {
        const struct migration *mig = NULL;
        for (int i = 0; i < m->count; i++)
            if (m->all[i].version == m->applied[k])
                mig = &m->all[i];
        if (mig == NULL) {
            rc = err_set(e, ERR_INTERNAL, NULL, "applied migration %04d is unknown to this binary",
                         m->applied[k]);
            break;
        }
        rc = run_one(m->conn, mig, false, e);
        if (rc == 0)
            done++;
    }
    session_close(s, m);
out:
    if (reverted)
        *reverted = done;
    free(m);
    return rc;
}

int migrate_status(struct store *s, struct migration_status *out, int max, int *count,
                   struct err *e)
{
    struct session *m = xcalloc(1, sizeof *m);
    *count = 0;
    int rc = session_open(s, m, e);
    if (rc)
        goto out;
    if (m->count > max) { /* never a silently shortened list */
        rc = err_set(e, ERR_INTERNAL, NULL, "%d migrations known, room for %d", m->count, max);
        session_close(s, m);
        goto out;
    }
    struct store_result *r = NULL;
    rc = store_exec(m->conn, "SELECT version, applied_at FROM schema_migrations", NULL, 0, &r, e);
    for (int i = 0; rc == 0 && i < m->count; i++) {
        struct migration_status *st = &out[(*count)++];
        memset(st, 0, sizeof *st);
        st->version = m->all[i].version;
        snprintf(st->name, sizeof st->name, "%s", m->all[i].name);
        for (size_t row = 0; row < store_rows(r); row++) {
            if (store_int(r, row, 0) == st->version) {
                st->applied = true;
                snprintf(st->applied_at, sizeof st->applied_at, "%s", store_text(r, row, 1));
            }
        }
    }
    store_result_free(r);
    session_close(s, m);
out:
    free(m);
    return rc;
}

int migrate_latest_version(const struct store *s)
{
    struct migration *all = xcalloc(MAX_MIGRATIONS, sizeof *all);
    int n = collect(s, all);
    int latest = n ? all[n - 1].version : 0;
    free(all);
    return latest;
}

int migrate_current_version(struct store *s, struct err *e)
{
    struct store_conn *c = store_acquire(s);
    int rc = ensure_table(c, store_engine(s), e);
    struct store_result *r = NULL;
    if (rc == 0)
        rc = store_exec(c, "SELECT COALESCE(MAX(version), 0) FROM schema_migrations", NULL, 0, &r,
                        e);
    int version = rc ? rc : (int)store_int(r, 0, 0);
    store_result_free(r);
    store_release(s, c);
    return version;
}
