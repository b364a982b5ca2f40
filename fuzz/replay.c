/*
 * A stand-in for libFuzzer's driver: runs a harness once on each file named (a directory: on
 * each file in it), so the committed seeds of fuzz/corpus/ can be replayed by a compiler
 * without -fsanitize=fuzzer and under valgrind (`make valgrind` builds every harness with it
 * into BUILD/fuzz-replay/). Calls LLVMFuzzerInitialize first when the harness has one. Exit
 * status 0 when every file ran (a property that fails aborts, as under libFuzzer), 2 when a
 * file cannot be read.
 */
#include "fuzz.h"

#include <dirent.h>
#include <sys/stat.h>

/* The harnesses that define it replace this one. */
__attribute__((weak)) int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    return 0;
}

/* Runs the harness on the bytes of one file; false when it cannot be read. */
static bool replay_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL) {
        perror(path);
        return false;
    }
    uint8_t *data = NULL;
    size_t size = 0, cap = 0;
    for (;;) {
        if (size == cap) {
            cap = cap ? cap * 2 : 4096;
            uint8_t *grown = realloc(data, cap);
            if (grown == NULL)
                abort();
            data = grown;
        }
        size_t got = fread(data + size, 1, cap - size, f);
        size += got;
        if (got == 0)
            break;
    }
    bool ok = !ferror(f);
    fclose(f);
    if (ok) {
        /* an exact copy, so that a read past the input's end is one valgrind sees */
        uint8_t *exact = malloc(size ? size : 1);
        if (exact == NULL)
            abort();
        memcpy(exact, data, size);
        LLVMFuzzerTestOneInput(exact, size);
        free(exact);
    } else {
        perror(path);
    }
    free(data);
    return ok;
}

/* Runs the harness on a file, or on every regular file of a directory. */
static bool replay_path(const char *path, size_t *count)
{
    struct stat st;
    if (stat(path, &st) != 0) {
        perror(path);
        return false;
    }
    if (!S_ISDIR(st.st_mode)) {
        (*count)++;
        return replay_file(path);
    }
    struct dirent **names;
    int n = scandir(path, &names, NULL, alphasort);
    if (n < 0) {
        perror(path);
        return false;
    }
    bool ok = true;
    for (int i = 0; i < n; i++) {
        if (names[i]->d_name[0] != '.') {
            char file[4096];
            snprintf(file, sizeof file, "%s/%s", path, names[i]->d_name);
            if (stat(file, &st) == 0 && S_ISREG(st.st_mode)) {
                (*count)++;
                ok = replay_file(file) && ok;
            }
        }
        free(names[i]);
    }
    free(names);
    return ok;
}

int main(int argc, char **argv)
{
    LLVMFuzzerInitialize(&argc, &argv);
    size_t count = 0;
    bool ok = true;
    for (int i = 1; i < argc; i++)
        ok = replay_path(argv[i], &count) && ok;
    fprintf(stderr, "%s: %zu inputs replayed\n", argv[0], count);
    return ok ? 0 : 2;
}
