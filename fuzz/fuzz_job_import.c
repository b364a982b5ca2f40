/*
 * Fuzzes bulk job import end to end on a real database (src/model/job_import.c: the CSV
 * reader or JSON parser, the header and cell mapping, table_parse and job_create with the
 * duplicate rules, batches and savepoints), and the export it must round-trip with. The first
 * byte picks CSV or JSON; the rest is the file a user uploads to POST /jobs/import. The database
 * is a SQLite file in a temporary directory, migrated once (FUZZ_DATABASE_URL may name another,
 * e.g. a throwaway PostgreSQL database); the user's jobs are deleted after each input.
 * Properties: an import answers 0 with a report, or ERR_BAD_REQUEST / ERR_INVALID for a file
 * that is not one — never a database error (which the API answers 500); the report counts
 * every row once (created + duplicates + errors); the CSV export of what was created imports
 * back, for another user, as the same number of jobs with no errors.
 */
#include "fuzz.h"

#include <unistd.h>

#include "lib/buf.h"
#include "model/job_import.h"
#include "model/user.h"
#include "store/migrate.h"
#include "store/store.h"

static struct store *db;
static struct store_conn *conn;
static int64_t owner, other;
static char dir[] = "/tmp/copilot-fuzz-import-XXXXXX";

static void remove_dir(void)
{
    if (conn)
        store_release(db, conn);
    if (db)
        store_close(db);
    if (strchr(dir, 'X') != NULL)
        return;
    static const char *const files[] = {"fuzz.db", "fuzz.db-wal", "fuzz.db-shm", "fuzz.db-journal"};
    char path[sizeof dir + 32];
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
        snprintf(path, sizeof path, "%s/%s", dir, files[i]);
        unlink(path);
    }
    rmdir(dir);
}

static int64_t make_user(const char *name)
{
    struct arena a;
    arena_init(&a);
    char email[64];
    snprintf(email, sizeof email, "%s@example.com", name);
    json_t *user = NULL;
    struct err e = {0};
    FUZZ_CHECK(user_create(conn, name, email, "x", false, &a, &user, &e) == 0);
    int64_t id = json_integer_value(json_object_get(user, "id"));
    json_decref(user);
    arena_free(&a);
    return id;
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    char url[512];
    const char *given = getenv("FUZZ_DATABASE_URL");
    if (given && *given) {
        snprintf(url, sizeof url, "%s", given);
    } else {
        FUZZ_CHECK(mkdtemp(dir) != NULL);
        snprintf(url, sizeof url, "sqlite:%s/fuzz.db", dir);
    }
    atexit(remove_dir);
    struct err e = {0};
    FUZZ_CHECK(store_open(url, 1, &db, &e) == 0);
    int applied = 0;
    FUZZ_CHECK(migrate_up(db, &applied, &e) == 0);
    conn = store_acquire(db);
    char name[64];
    snprintf(name, sizeof name, "fuzz_owner_%d", (int)getpid());
    owner = make_user(name);
    snprintf(name, sizeof name, "fuzz_other_%d", (int)getpid());
    other = make_user(name);
    return 0;
}

static void delete_jobs(int64_t user)
{
    struct err e = {0};
    struct store_value v = SV_INT(user);
    FUZZ_CHECK(store_exec(conn, "DELETE FROM jobs WHERE user_id = ?", &v, 1, NULL, &e) == 0);
}

static json_int_t member(json_t *report, const char *name)
{
    json_t *m = json_object_get(report, name);
    return json_is_array(m) ? (json_int_t)json_array_size(m) : json_integer_value(m);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct fuzz_input in = fuzz_input(data, size);
    enum import_format format = fuzz_byte(&in) & 1 ? IMPORT_JSON : IMPORT_CSV;
    struct arena a;
    arena_init(&a);
    json_t *report = NULL;
    struct err e = {0};
    int rc = job_import(conn, owner, in.p, in.n, format, &a, &report, &e);
    if (rc) {
        if (rc != ERR_BAD_REQUEST && rc != ERR_INVALID)
            fprintf(stderr, "import answered %d: %s\n", rc, e.message);
        FUZZ_CHECK(rc == ERR_BAD_REQUEST || rc == ERR_INVALID);
        FUZZ_CHECK(report == NULL);
    } else {
        FUZZ_CHECK(json_is_object(report));
        json_int_t created = member(report, "created");
        FUZZ_CHECK(created >= 0 && member(report, "duplicates") >= 0);
        if (created > 0) {
            struct buf out;
            buf_init(&out);
            struct err xe = {0};
            struct job_export *x = NULL;
            FUZZ_CHECK(job_export_open(conn, owner, IMPORT_CSV, &x, &xe) == 0);
            while ((rc = job_export_next(x, &out, &xe)) == 1)
                ;
            job_export_close(x);
            FUZZ_CHECK(rc == 0);
            char *csv = arena_strndup(&a, out.data ? out.data : "", out.len);
            size_t len = out.len;
            buf_free(&out);
            json_t *again = NULL;
            rc = job_import(conn, other, csv, len, IMPORT_CSV, &a, &again, &xe);
            if (rc || member(again, "created") != created || member(again, "errors") != 0) {
                char *dump = again ? json_dumps(again, JSON_COMPACT) : NULL;
                fprintf(stderr, "export of %lld jobs imports back as %s (%s)\n%.*s\n",
                        (long long)created, dump ? dump : "nothing", xe.message, (int)len, csv);
                free(dump);
                FUZZ_CHECK(false);
            }
            json_decref(again);
            delete_jobs(other);
        }
        json_decref(report);
    }
    delete_jobs(owner);
    arena_free(&a);
    return 0;
}
