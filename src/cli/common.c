/* This file implements the helpers shared by the subcommands (cli.h): usage, version, store. */
#include <stdio.h>
#include <stdlib.h>

#include "../lib/log.h"
#include "../model/resume_file.h"
#include "../store/migrate.h"
#include "cli.h"

static const char usage[] =
    "usage: copilot <command> [options]\n"
    "\n"
    "commands:\n"
    "  serve [--port N] [--host ADDR] [--no-migrate]   serve the API and the web page\n"
    "  migrate [up | down N | status]                  apply, roll back or list migrations\n"
    "  user create USERNAME EMAIL PASSWORD [--admin]   create an account\n"
    "  user set-admin USERNAME [--off]                 grant (or revoke) administrator rights\n"
    "  user delete USERNAME                            delete an account and all its data\n"
    "  import jobs FILE.csv|FILE.json [--user ID|USERNAME] [--progress]\n"
    "                                                  bulk import jobs with de-duplication\n"
    "  export USER_ID [--progress]                     print all of a user's data as JSON\n"
    "  seed [--users N] [--jobs N] [--applications N] [--seed S] [--progress]\n"
    "                                                  fill the database with demo users and jobs\n"
    "  discover [--user ID] [--progress]               fetch every enabled job source now\n"
    "  openapi                                         print the API's OpenAPI 3.1 document\n"
    "  copy-db --to URL [--replace-invalid-utf8] [--progress]\n"
    "                                                  copy every table into an empty database\n"
    "                                                  (SQLite <-> PostgreSQL); text not valid\n"
    "                                                  UTF-8 stops it, or is copied with U+FFFD\n"
    "  backup FILE                                     consistent copy of the SQLite database,\n"
    "                                                  also while servers run\n"
    "  restore FILE                                    replace the SQLite database with FILE\n"
    "                                                  (every server on it stopped)\n"
    "  version                                         print the version (also --version)\n"
    "  help                                            print this list (also --help, -h)\n"
    "\n"
    "import, export, seed, copy-db and discover show their progress (rows, rate, time left)\n"
    "on stderr when it is a terminal; --progress shows it also when stderr is not one.\n"
    "\n"
    "environment (each with its default and meaning in README.md):\n"
    "  database    COPILOT_DATABASE_URL (sqlite:PATH or postgresql://...), COPILOT_DATA_DIR,\n"
    "              COPILOT_DB_POOL, COPILOT_DB_POOL_TIMEOUT, COPILOT_DB_STATEMENT_TIMEOUT\n"
    "  server      COPILOT_PORT, COPILOT_HOST, COPILOT_PUBLIC_URL, COPILOT_THREADS,\n"
    "              COPILOT_MAX_CONNECTIONS, COPILOT_HEADER_TIMEOUT, COPILOT_IDLE_TIMEOUT,\n"
    "              COPILOT_MAX_BODY, COPILOT_MAX_UPLOAD, COPILOT_MAX_EXPORTS, "
    "COPILOT_CORS_ORIGIN,\n"
    "              COPILOT_TRUSTED_PROXIES, COPILOT_METRICS_TOKEN, COPILOT_LOG=json\n"
    "  slow work   COPILOT_WORKERS, COPILOT_WORK_QUEUE, COPILOT_WORK_TIMEOUT,\n"
    "              COPILOT_MAX_PARSES, COPILOT_PDF_TIMEOUT, COPILOT_PDF_MAX_MEMORY\n"
    "  accounts    COPILOT_TOKEN_TTL, COPILOT_LOGIN_ACCOUNT_LIMIT, COPILOT_LOGIN_ACCOUNT_WINDOW,\n"
    "              COPILOT_LOGIN_ADDRESS_LIMIT, COPILOT_LOGIN_ADDRESS_WINDOW,\n"
    "              COPILOT_OAUTH_<NAME>_CLIENT_ID, _CLIENT_SECRET, _AUTHORIZE_URL, _TOKEN_URL,\n"
    "              _USERINFO_URL, _REDIRECT_URI, _SCOPE\n"
    "  features    COPILOT_LLM_URL, COPILOT_LLM_KEY, COPILOT_LLM_MODEL, COPILOT_LLM_TIMEOUT,\n"
    "              COPILOT_DISCOVER_INTERVAL, COPILOT_GREENHOUSE_URL, COPILOT_LEVER_URL,\n"
    "              COPILOT_ASHBY_URL, COPILOT_CAPTURE_ALLOW_PRIVATE\n"
    "  memory      COPILOT_SCORE_CACHE, COPILOT_ANSWER_CACHE\n";

int cli_usage(bool to_stdout)
{
    fputs(usage, to_stdout ? stdout : stderr);
    return to_stdout ? 0 : 2;
}

int cli_help(int argc, char **argv)
{
    return cli_usage(true);
}

int cli_version(int argc, char **argv)
{
    printf("copilot %s\n", COPILOT_VERSION);
    return 0;
}

/* Résumé files an older version kept under data_dir move into the database (logged, never
 * fatal: the server serves everything else meanwhile). */
static void import_legacy_files(struct store *s, const char *data_dir)
{
    struct store_conn *c = store_acquire(s);
    struct arena a;
    arena_init(&a);
    struct err e = {0};
    int moved = 0;
    if (resume_file_import_legacy(c, data_dir, &a, &moved, &e) != 0)
        log_error("cannot move résumé files into the database: %s", e.message);
    else if (moved > 0)
        log_info("moved %d résumé file(s) from %s/uploads into the database", moved, data_dir);
    arena_free(&a);
    store_release(s, c);
}

struct store *cli_open_store(int pool_size, bool migrate)
{
    struct config config;
    config_from_env(&config);
    struct store_options opts = {.pool_size = pool_size};
    return cli_open_store_with(&config, &opts, migrate);
}

struct store *cli_open_store_with(const struct config *config, const struct store_options *opts,
                                  bool migrate)
{
    const char *url = config->database_url;
    struct err e = {0};
    struct store *s;
    if (store_open_with(url, opts, &s, &e) != 0) {
        fprintf(stderr, "copilot: cannot open the database: %s\n", e.message);
        return NULL;
    }
    int applied = 0;
    if (migrate && migrate_up(s, &applied, &e) != 0) {
        fprintf(stderr, "copilot: migration failed: %s\n", e.message);
        store_close(s);
        return NULL;
    }
    if (migrate)
        import_legacy_files(s, config->data_dir);
    return s;
}

int cli_with_store(cli_action action, void *ctx, struct err *e)
{
    struct store *s = cli_open_store(1, true);
    if (s == NULL)
        return err_set(e, ERR_DB, NULL, "cannot open the database");
    struct store_conn *c = store_acquire(s);
    struct arena a;
    arena_init(&a);
    int rc = action(c, &a, ctx, e);
    arena_free(&a);
    store_release(s, c);
    store_close(s);
    return rc;
}

void cli_print_json(json_t *value)
{
    char *text = json_dumps(value, JSON_INDENT(2));
    if (text)
        puts(text);
    free(text);
    json_decref(value);
}
