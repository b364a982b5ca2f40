/*
 * This file is the entry point of the copilot binary: libsodium and the log started, the
 * allocator's thresholds for the command (below), then the commands[] table's dispatch. Each
 * command lives in its own file under src/cli/.
 */
#include <malloc.h>
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "lib/crypto.h"
#include "lib/log.h"

static const struct command {
    const char *name;
    int (*run)(int argc, char **argv);
} commands[] = {
    {"serve", cli_serve},       {"migrate", cli_migrate}, {"user", cli_user},
    {"import", cli_import},     {"export", cli_export},   {"version", cli_version},
    {"--version", cli_version}, {"help", cli_help},       {"--help", cli_help},
    {"-h", cli_help},           {"seed", cli_seed},       {"discover", cli_discover},
    {"openapi", cli_openapi},   {"copy-db", cli_copy_db}, {"backup", cli_backup},
    {"restore", cli_restore},
};

int main(int argc, char **argv)
{
    log_init();
    if (crypto_init() != 0) {
        fputs("copilot: cannot initialise libsodium\n", stderr);
        return 1;
    }
    if (argc < 2)
        return cli_usage(false);
    /* The commands but serve run once and end: an import, a seed or a copy frees and allocates
     * rows all along, and glibc gave the top of the heap back to the kernel after each large
     * free only to fault it in again (a third of an import's time). They keep it instead; the
     * server keeps its private memory small its own way (src/http/server.c), with fixed
     * thresholds: glibc's own rise with the largest mapped block freed so far (a rebuild of the
     * score cache frees blocks of several MB) to let a heap keep twice that free at its top, and
     * malloc_trim gives back a thread's heap's top never (only the main heap's): 8 MiB of
     * RssAnon stayed after the heavy user's routes. Blocks are taken from the heaps up to 32
     * MiB (glibc's largest threshold, so the many-MB blocks of a rebuild are reused as before)
     * and a heap keeps at most 512 KiB free at its top: each request thread's heap kept up to 4
     * MiB there (what its share of a load's concurrent requests freed last), several MiB of
     * RssAnon under the bench's load that no malloc_trim gives back (docs/performance.md,
     * "Private memory (twenty-eighth round)"). 4 MiB until then held the calendar's month (3.5
     * MB, faulted in again by every request with less, +1.2 ms: "The score cache's entry
     * (eighth round)"), which is now built only when the kept answer is stale. */
    if (strcmp(argv[1], "serve") != 0) {
        mallopt(M_TRIM_THRESHOLD, 512 * 1024 * 1024);
    } else {
        mallopt(M_MMAP_THRESHOLD, 32 * 1024 * 1024);
        mallopt(M_TRIM_THRESHOLD, 512 * 1024);
    }
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        if (strcmp(argv[1], commands[i].name) == 0)
            return commands[i].run(argc - 1, argv + 1);
    fprintf(stderr, "copilot: unknown command '%s'\n", argv[1]);
    return cli_usage(false);
}
