/*
 * Fuzzes the posting extractor of capture (capture_extract, src/model/capture.c): a web page
 * (the rest of the input, after a first line giving the page's address) read with libxml2's
 * HTML parser into a job draft from JSON-LD, microdata, Open Graph or <title>, in the character
 * set the first byte picks (none, UTF-8, Latin-1, windows-1252, Shift_JIS, an unknown name).
 * Properties: the answer is a draft or ERR_INVALID naming html; a draft's job is an object
 * that POST /jobs would take field by field (table_parse of the job descriptor in patch mode:
 * types, lengths, ranges, URL schemes, allowed values), it says where it came from, and
 * missing lists names only.
 */
#include "fuzz.h"

#include "model/capture.h"
#include "model/job.h"

static const char *const encodings[] = {NULL,           "UTF-8",     "ISO-8859-1",
                                        "windows-1252", "Shift_JIS", "no-such-charset"};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct fuzz_input in = fuzz_input(data, size);
    const char *encoding = encodings[fuzz_byte(&in) % (sizeof encodings / sizeof *encodings)];
    char *url = fuzz_piece(&in, '\n', NULL);
    struct capture_draft d = {0};
    struct err e = {0};
    int rc = capture_extract(in.p, in.n, encoding, url, &d, &e);
    if (rc) {
        FUZZ_CHECK(rc == ERR_INVALID && strcmp(e.field, "html") == 0);
    } else {
        FUZZ_CHECK(json_is_object(d.job) && d.extracted_from != NULL);
        FUZZ_CHECK(json_is_array(d.missing));
        size_t i;
        json_t *m;
        json_array_foreach(d.missing, i, m) FUZZ_CHECK(json_is_string(m));
        struct arena a;
        arena_init(&a);
        struct values v = {0};
        struct err pe = {0};
        int prc = table_parse(&job_table, d.job, PARSE_PATCH, &a, &v, &pe);
        if (prc) {
            char *dump = json_dumps(d.job, JSON_COMPACT);
            fprintf(stderr, "draft refused (%s: %s): %s\n", pe.field, pe.message, dump);
            free(dump);
        }
        FUZZ_CHECK(prc == 0);
        arena_free(&a);
        capture_draft_free(&d);
    }
    free(url);
    return 0;
}
