/*
 * Fuzzes the readers of what discovery fetches (src/model/feed.c): Greenhouse, Lever and Ashby
 * job-board JSON and RSS/Atom feeds (libxml2, no DTD, no entities). The first byte picks the
 * kind; the rest is the board's answer, also read for a Greenhouse board name and a feed title.
 * Properties: the answer is an array of job objects or ERR_INVALID with a message; at most
 * FEED_MAX_POSTINGS jobs; each job is a body POST /jobs would take field by field (table_parse
 * of the job descriptor in patch mode).
 */
#include "fuzz.h"

#include "model/feed.h"
#include "model/job.h"

static const char *const kinds[] = {"greenhouse", "lever", "ashby", "rss"};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct fuzz_input in = fuzz_input(data, size);
    unsigned pick = fuzz_byte(&in);
    const char *kind = kinds[pick % 4];
    const char *company = pick & 0x80 ? "Acme" : NULL;
    json_t *jobs = NULL;
    struct err e = {0};
    int rc = feed_parse(kind, in.p, in.n, company, &jobs, &e);
    if (rc) {
        FUZZ_CHECK(rc == ERR_INVALID && e.message[0] != '\0');
    } else {
        FUZZ_CHECK(json_is_array(jobs) && json_array_size(jobs) <= FEED_MAX_POSTINGS);
        size_t i;
        json_t *job;
        json_array_foreach(jobs, i, job)
        {
            FUZZ_CHECK(json_is_object(job));
            struct arena a;
            arena_init(&a);
            struct values v = {0};
            struct err pe = {0};
            int prc = table_parse(&job_table, job, PARSE_PATCH, &a, &v, &pe);
            if (prc) {
                char *dump = json_dumps(job, JSON_COMPACT);
                fprintf(stderr, "job refused (%s: %s): %s\n", pe.field, pe.message, dump);
                free(dump);
            }
            FUZZ_CHECK(prc == 0);
            arena_free(&a);
        }
        json_decref(jobs);
    }
    free(feed_greenhouse_name(in.p, in.n));
    free(feed_title(in.p, in.n));
    return 0;
}
