/*
 * Fuzzes the placeholder translation of the PostgreSQL store (store_pg_translate in
 * src/store/store_pg.c): '?' outside literals, quoted identifiers and comments becomes $1, $2,
 * ... Properties: the count is the number of placeholders written, numbered 1..count in order;
 * turning each $N back into '?' gives the input exactly; and the count agrees with a reference
 * lexer written here from the rules of store_backend.h ('...' and "..." with doubled quotes,
 * -- to the end of the line, non-nested comments).
 */
#include "fuzz.h"

#include "store/store_backend.h"

/* The placeholders of s by the documented rules, counted by a lexer of its own. */
static int reference_count(const char *s)
{
    size_t i = 0, n = strlen(s);
    int count = 0;
    while (i < n) {
        if (s[i] == '\'' || s[i] == '"') {
            char quote = s[i++];
            while (i < n && s[i] != quote)
                i++;
            i += i < n; /* the closing quote (a doubled one reopens: the same count) */
        } else if (s[i] == '-' && s[i + 1] == '-') {
            while (i < n && s[i] != '\n')
                i++;
            i += i < n;
        } else if (s[i] == '/' && s[i + 1] == '*') {
            i += 2;
            while (i < n && !(s[i] == '*' && s[i + 1] == '/'))
                i++;
            i = i < n ? i + 2 : n;
        } else {
            count += s[i] == '?';
            i++;
        }
    }
    return count;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct fuzz_input in = fuzz_input(data, size);
    size_t len;
    char *sql = fuzz_rest(&in, &len);
    len = strlen(sql); /* the translation reads a C string */
    int count = -1;
    char *out = store_pg_translate(sql, &count);
    FUZZ_CHECK(out != NULL && count >= 0);

    /* undo: a '$' the input did not have at that place starts a placeholder */
    char *back = malloc(strlen(out) + 1);
    FUZZ_CHECK(back != NULL);
    size_t i = 0, j = 0, o = 0;
    int next = 1;
    while (out[o]) {
        if (out[o] == '$' && sql[i] == '?') {
            char want[16];
            int w = snprintf(want, sizeof want, "$%d", next++);
            FUZZ_CHECK(strncmp(out + o, want, (size_t)w) == 0);
            o += (size_t)w;
            back[j++] = '?';
            i++;
        } else {
            FUZZ_CHECK(out[o] == sql[i]);
            back[j++] = out[o++];
            i++;
        }
    }
    back[j] = '\0';
    FUZZ_CHECK(next - 1 == count);
    FUZZ_CHECK(count == reference_count(sql));
    FUZZ_CHECK(j == len && strcmp(back, sql) == 0);
    free(back);
    free(out);
    free(sql);
    return 0;
}
