/*
 * Fuzzes the recognition of a pasted job-board address (src/core/job_board.c): the input is
 * what a user pastes into "add a source". A recognised board is checked, normalised and turned
 * into the addresses discovery reads, under a fixed base.
 * Properties: recognition answers a known kind and an identifier that job_board_check accepts
 * (1-100 of [A-Za-z0-9._-] for the boards, an http(s) URL for rss), or ERR_INVALID naming url;
 * normalising an accepted identifier keeps it acceptable and is idempotent; the built
 * addresses start with the base (or are the feed itself).
 */
#include "fuzz.h"

#include "core/job_board.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = fuzz_strndup((const char *)data, size);
    struct job_board_ref ref = {0};
    struct err e = {0};
    int rc = job_board_recognise(text, &ref, &e);
    if (rc) {
        FUZZ_CHECK(rc == ERR_INVALID && strcmp(e.field, "url") == 0);
    } else {
        bool known = false;
        for (const char *const *k = job_board_kinds; *k; k++)
            known = known || strcmp(*k, ref.kind) == 0;
        FUZZ_CHECK(known && ref.identifier);
        struct err ce = {0};
        if (job_board_check(ref.kind, ref.identifier, &ce) != 0) {
            fprintf(stderr, "recognised %s \"%s\" but the check refuses it: %s\n", ref.kind,
                    ref.identifier, ce.message);
            FUZZ_CHECK(false);
        }
        char *norm = job_board_normalise(ref.kind, ref.identifier);
        FUZZ_CHECK(job_board_check(ref.kind, norm, &ce) == 0);
        char *again = job_board_normalise(ref.kind, norm);
        FUZZ_CHECK(strcmp(norm, again) == 0);
        const char *base = "https://boards.example";
        char *api = job_board_api_url(ref.kind, base, norm);
        FUZZ_CHECK(strncmp(api, base, strlen(base)) == 0 || strcmp(api, norm) == 0);
        char *board = job_board_greenhouse_board_url(base, norm);
        char *page = job_board_page_url(ref.kind, norm);
        FUZZ_CHECK(page && page[0]);
        free(api);
        free(board);
        free(page);
        free(again);
        free(norm);
        job_board_ref_free(&ref);
    }
    /* the checks on the raw text, for every kind */
    for (const char *const *k = job_board_kinds; *k; k++) {
        struct err ce = {0};
        if (job_board_check(*k, text, &ce) == 0) {
            char *norm = job_board_normalise(*k, text);
            FUZZ_CHECK(job_board_check(*k, norm, &ce) == 0);
            free(norm);
        }
    }
    free(text);
    return 0;
}
