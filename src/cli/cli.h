/*
 * This file declares the subcommands (one file each under src/cli/) and the helpers they share:
 * opening the store named by COPILOT_DATABASE_URL and printing usage.
 */
#ifndef COPILOT_CLI_H
#define COPILOT_CLI_H

#include <jansson.h>

#include "../lib/arena.h"
#include "../lib/config.h"
#include "../store/store.h"

/* Each returns the process exit status: 0 ok, 1 failure, 2 usage error. */
int cli_serve(int argc, char **argv);
int cli_migrate(int argc, char **argv);
int cli_user(int argc, char **argv);
int cli_import(int argc, char **argv);
int cli_export(int argc, char **argv);
int cli_seed(int argc, char **argv);
int cli_discover(int argc, char **argv);
int cli_openapi(int argc, char **argv);
int cli_copy_db(int argc, char **argv);
int cli_backup(int argc, char **argv);
int cli_restore(int argc, char **argv);
int cli_version(int argc, char **argv);
int cli_help(int argc, char **argv);

/* Opens the store of COPILOT_DATABASE_URL (default sqlite:$COPILOT_DATA_DIR/copilot.db) with
 * pool_size connections and migrates it up when migrate is true. Prints why and returns NULL on
 * failure. */
struct store *cli_open_store(int pool_size, bool migrate);
/* The same with config's database URL and the given pool options. */
struct store *cli_open_store_with(const struct config *config, const struct store_options *opts,
                                  bool migrate);
/* What a command does once it holds a database connection and a scratch arena. */
typedef int (*cli_action)(struct store_conn *c, struct arena *a, void *ctx, struct err *e);
/* Opens (and migrates) the store, runs action with one connection and an arena, and closes
 * everything again. Returns the action's code, or ERR_DB when the store cannot be opened. */
int cli_with_store(cli_action action, void *ctx, struct err *e);
/* Prints value as indented JSON on stdout and releases it. */
void cli_print_json(json_t *value);

/* The discovery scheduler `copilot serve` runs when COPILOT_DISCOVER_INTERVAL is set
 * (src/cli/discover.c): started after the server, stopped (and joined) before the store
 * closes. cli_discover_start returns NULL when the interval is 0 (off). */
struct config;
struct discover_scheduler;
struct discover_scheduler *cli_discover_start(const struct config *config, struct store *store);
void cli_discover_stop(struct discover_scheduler *s);

/* Prints the usage text to stderr (or stdout for help) and returns 2 (or 0). */
int cli_usage(bool to_stdout);

#endif
