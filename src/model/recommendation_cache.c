/*
 * This file implements the scores of a user's open jobs kept in score_cache.c entries
 * (recommendation_scores): an entry built by one scan, or patched to a newer data version from
 * the jobs the log of score changes names (patch_entry), and that log pruned.
 */
#include "recommendation.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../lib/buf.h"
#include "../lib/timeutil.h"
#include "../lib/xalloc.h"
#include "recommendation_internal.h"
#include "score_cache.h"

/* ================================================================ the cached scores */

/* A job while the entry is built. */
struct pending {
    int64_t id;
    const char *created; /* "" when unknown */
    int64_t seconds;     /* of created when in the server's form (canonical_seconds) */
    uint32_t skills;     /* into build.ids */
    int16_t tenths;
    uint8_t nskills, flags;
    uint32_t young; /* index into build.young + 1, or 0 */
};

/* The sink of build_entry: every open job the preferences keep, in scan order. Skill names get
 * ids in a table of the request (open addressing over the names' text). */
struct build {
    struct arena *a;
    struct pending *jobs;
    size_t n, cap;
    uint32_t *ids;
    size_t nids, capids;
    struct score_cache_young *young; /* parts: into parts */
    size_t nyoung, capyoung;
    struct score_cache_parts parts;
    const char **slots; /* names by hash (NULL: free) */
    uint32_t *slot_ids;
    size_t nslots;
    const char **names;
    size_t nnames, capnames;
    struct score_cache_excluded *excluded; /* the jobs the preferences exclude */
    size_t nexcluded, capexcluded;
    bool patchable; /* every created_at so far in the server's form: start true */
};

/* The seconds of a created_at in the form the server writes ("YYYY-MM-DDTHH:MM:SSZ", a fixed
 * width, so texts of this form order as their seconds do); false for any other text (raw SQL
 * may store anything). */
static bool canonical_seconds(const char *text, int64_t *out)
{
    time_t t;
    if (text == NULL || !time_parse_canonical(text, &t))
        return false;
    *out = (int64_t)t;
    return true;
}

static uint32_t name_id(struct build *b, const char *name)
{
    if (2 * (b->nnames + 1) > b->nslots) {
        size_t nslots = b->nslots ? 2 * b->nslots : 1024;
        const char **slots = xcalloc(nslots, sizeof *slots);
        uint32_t *ids = xcalloc(nslots, sizeof *ids);
        for (size_t i = 0; i < b->nslots; i++) {
            if (b->slots[i] == NULL)
                continue;
            size_t k = recommendation_memo_hash(b->slots[i], 's') & (nslots - 1);
            while (slots[k])
                k = (k + 1) & (nslots - 1);
            slots[k] = b->slots[i];
            ids[k] = b->slot_ids[i];
        }
        free(b->slots);
        free(b->slot_ids);
        b->slots = slots;
        b->slot_ids = ids;
        b->nslots = nslots;
    }
    size_t k = recommendation_memo_hash(name, 's') & (b->nslots - 1);
    while (b->slots[k] && strcmp(b->slots[k], name) != 0)
        k = (k + 1) & (b->nslots - 1);
    if (b->slots[k])
        return b->slot_ids[k];
    if (b->nnames == b->capnames) {
        b->capnames = b->capnames ? 2 * b->capnames : 256;
        b->names = xrealloc(b->names, b->capnames * sizeof *b->names);
    }
    b->slots[k] = b->names[b->nnames] = arena_strdup(b->a, name);
    b->slot_ids[k] = (uint32_t)b->nnames;
    return (uint32_t)b->nnames++;
}

static void keep_built(void *ctx, const struct candidate *cand)
{
    struct build *b = ctx;
    if (cand->excluded) {
        if (b->nexcluded == b->capexcluded) {
            b->capexcluded = b->capexcluded ? 2 * b->capexcluded : 64;
            b->excluded = xrealloc(b->excluded, b->capexcluded * sizeof *b->excluded);
        }
        b->excluded[b->nexcluded++] = (struct score_cache_excluded){cand->id, cand->candidate};
        return;
    }
    if (b->n == b->cap) {
        b->cap = b->cap ? 2 * b->cap : 1024;
        b->jobs = xrealloc(b->jobs, b->cap * sizeof *b->jobs);
    }
    size_t n = cand->result.considered;
    if (b->nids + n > b->capids) {
        b->capids = b->capids ? 2 * b->capids : 4096;
        while (b->nids + n > b->capids)
            b->capids *= 2;
        b->ids = xrealloc(b->ids, b->capids * sizeof *b->ids);
    }
    struct pending *p = &b->jobs[b->n];
    *p = (struct pending){
        .id = cand->id,
        .created = arena_strdup(b->a, cand->created_at ? cand->created_at : ""),
        .skills = (uint32_t)b->nids,
        .tenths = (int16_t)lround(cand->result.score * 10.0),
        .nskills = (uint8_t)n,
        .flags = cand->candidate ? SCORE_CACHE_CANDIDATE : 0,
    };
    b->patchable = b->patchable && canonical_seconds(p->created, &p->seconds);
    for (size_t i = 0; i < n; i++)
        b->ids[b->nids++] = name_id(b, cand->names[i]);
    if (cand->has_created && cand->job.age_days < SCORING_RECENCY_DAYS) { /* recency moves */
        if (b->nyoung == b->capyoung) {
            b->capyoung = b->capyoung ? 2 * b->capyoung : 256;
            b->young = xrealloc(b->young, b->capyoung * sizeof *b->young);
        }
        struct score_cache_young *y = &b->young[b->nyoung++];
        y->created = (int64_t)cand->created;
        struct scoring_parts parts;
        scoring_parts_of(&cand->result, cand->profile->nskills > 0, &parts);
        y->parts = score_cache_parts_intern(&b->parts, &parts);
        p->young = (uint32_t)b->nyoung;
    }
    b->n++;
}

/* compare_best for entries whose id is their index into jobs (by id, highest first). */
static int compare_built(const void *a, const void *b)
{
    const struct ranked *x = a, *y = b;
    if (x->tenths != y->tenths)
        return x->tenths > y->tenths ? -1 : 1;
    if (x->created != y->created)
        return x->created > y->created ? -1 : 1;
    return x->id < y->id ? -1 : x->id > y->id ? 1 : 0;
}

static int by_id_desc(const void *x, const void *y)
{
    const struct pending *a = x, *b = y;
    return a->id < b->id ? 1 : a->id > b->id ? -1 : 0;
}

static int excluded_by_id_desc(const void *x, const void *y)
{
    const struct score_cache_excluded *a = x, *b = y;
    return a->id < b->id ? 1 : a->id > b->id ? -1 : 0;
}

/* A job's created_at while the ranks are made: its first 16 bytes as two numbers that order
 * as strcmp orders the text (big-endian, NUL-padded), so most comparisons are two integer
 * compares. */
struct created_key {
    uint64_t head[2];
    const struct pending *job;
};

static struct created_key created_key(const struct pending *p)
{
    struct created_key k = {{0, 0}, p};
    const unsigned char *s = (const unsigned char *)p->created;
    for (size_t i = 0, end = 0; i < 16; i++) {
        end = end || s[i] == '\0';
        k.head[i / 8] = k.head[i / 8] << 8 | (end ? 0 : s[i]);
    }
    return k;
}

static int by_created(const void *x, const void *y)
{
    const struct created_key *a = x, *b = y;
    for (int i = 0; i < 2; i++)
        if (a->head[i] != b->head[i])
            return a->head[i] < b->head[i] ? -1 : 1;
    return strcmp(a->job->created, b->job->created);
}

/* Moves what b collected into entry: jobs by id (highest first), created_at as ranks. */
static void finish_entry(struct build *b, struct score_cache_entry *entry)
{
    if (b->n)
        qsort(b->jobs, b->n, sizeof *b->jobs, by_id_desc);
    int64_t *created = xmalloc((b->n ? b->n : 1) * sizeof *created);
    if (b->patchable) { /* seconds order as the texts do */
        for (size_t i = 0; i < b->n; i++)
            created[i] = b->jobs[i].seconds;
    } else {
        struct created_key *order = xmalloc((b->n ? b->n : 1) * sizeof *order);
        for (size_t i = 0; i < b->n; i++)
            order[i] = created_key(&b->jobs[i]);
        qsort(order, b->n, sizeof *order, by_created);
        int64_t level = 0;
        for (size_t i = 0; i < b->n; i++) {
            if (i > 0 && by_created(&order[i - 1], &order[i]) != 0)
                level++;
            created[order[i].job - b->jobs] = level;
        }
        free(order);
    }
    entry->patchable = b->patchable;
    if (b->nexcluded)
        qsort(b->excluded, b->nexcluded, sizeof *b->excluded, excluded_by_id_desc);
    entry->excluded = b->excluded; /* the entry's now */
    entry->nexcluded = b->nexcluded;
    b->excluded = NULL;
    entry->jobs = xmalloc((b->n ? b->n : 1) * sizeof *entry->jobs);
    score_cache_ids_reserve(&entry->skill_ids, b->nids, b->nnames ? (uint32_t)b->nnames - 1 : 0);
    entry->young = xmalloc((b->nyoung ? b->nyoung : 1) * sizeof *entry->young);
    entry->parts = b->parts; /* the entry's now */
    b->parts = (struct score_cache_parts){0};
    for (size_t i = 0; i < b->n; i++) {
        const struct pending *p = &b->jobs[i];
        entry->jobs[i] = (struct score_cache_job){
            p->id, created[i], (uint32_t)entry->skill_ids.n, p->tenths, p->nskills, p->flags};
        for (size_t k = 0; k < p->nskills; k++)
            score_cache_ids_push(&entry->skill_ids, b->ids[p->skills + k]);
        if (p->young) {
            entry->young[entry->nyoung] = b->young[p->young - 1];
            entry->young[entry->nyoung++].job = (uint32_t)i;
        }
        entry->candidates += (p->flags & SCORE_CACHE_CANDIDATE) != 0;
    }
    free(created);
    entry->njobs = entry->capjobs = b->n;
    entry->capyoung = entry->nyoung;
    entry->ranks =
        xmalloc((entry->candidates ? (size_t)entry->candidates : 1) * sizeof *entry->ranks);
    struct ranked *order_now = xmalloc((b->n ? b->n : 1) * sizeof *order_now);
    size_t m = 0;
    for (size_t i = 0; i < b->n; i++) {
        const struct score_cache_job *j = &entry->jobs[i];
        if (j->flags & SCORE_CACHE_CANDIDATE)
            order_now[m++] = (struct ranked){(int64_t)i, j->tenths, j->created};
    }
    qsort(order_now, m, sizeof *order_now, compare_built);
    for (size_t i = 0; i < m; i++)
        entry->ranks[i] =
            (struct score_cache_rank){(uint32_t)order_now[i].id, (int16_t)order_now[i].tenths};
    entry->nranks = m;
    entry->capranks = entry->candidates ? (size_t)entry->candidates : 1;
    free(order_now);
    size_t bytes = 0;
    for (size_t i = 0; i < b->nnames; i++)
        bytes += strlen(b->names[i]) + 1;
    entry->names = xmalloc((b->nnames ? b->nnames : 1) * sizeof *entry->names);
    char *block = entry->names_block = xmalloc(bytes ? bytes : 1);
    for (size_t i = 0; i < b->nnames; i++) {
        size_t len = strlen(b->names[i]) + 1;
        memcpy(block, b->names[i], len);
        entry->names[i] = block;
        block += len;
    }
    entry->nnames = b->nnames;
}

static void build_free(struct build *b)
{
    free(b->jobs);
    free(b->ids);
    free(b->young);
    score_cache_parts_free(&b->parts);
    free(b->slots);
    free(b->slot_ids);
    free(b->names);
    free(b->excluded);
}

/* Scores every open job of the user into entry (one scan, scored as of now). */
static int build_entry(struct store_conn *c, int64_t user_id, struct context *x, time_t now,
                       struct arena *a, struct score_cache_entry *entry, struct err *e)
{
    struct build b = {.a = a, .patchable = true};
    int rc =
        recommendation_score_each(c, user_id, x, SCOPE_CACHE, now, NULL, 0, &entry->excluded_open,
                                  &entry->excluded_candidates, keep_built, &b, e);
    if (rc == 0)
        finish_entry(&b, entry);
    build_free(&b);
    entry->now = now;
    return rc;
}

/* ================================================================ after a write

 * An entry built at version v is brought to a newer version V by re-reading only the jobs that
 * changed in between: the triggers of migration 0054 log each job written (or whose application
 * or chosen résumé was) as (user, version, job) in score_changes, and move full_version to the
 * version of any write that may move every score (profile, résumés, preferences, feedback). */

#define PATCH_MAX_LOG 1024 /* log rows read at most: more, and the entry is rebuilt */
#define PATCH_MAX_JOBS 256 /* distinct jobs re-read at most */
#define PRUNE_AT 4096      /* log rows of a user kept before a rebuild deletes them */

/* Gives each name of b an id among entry's names (adding the new ones, kept in the entry's
 * arena) into map[0..b->nnames). */
static void map_names(struct score_cache_entry *x, const struct build *b, uint32_t *map)
{
    if (b->nnames == 0)
        return;
    size_t total = x->nnames + b->nnames, nslots = 64;
    while (nslots < 2 * total)
        nslots *= 2;
    uint32_t *slots = xcalloc(nslots, sizeof *slots); /* name index + 1, 0: free */
    x->names = xrealloc(x->names, total * sizeof *x->names);
    for (size_t i = 0; i < x->nnames; i++) { /* the entry's names are distinct */
        size_t k = recommendation_memo_hash(x->names[i], 's') & (nslots - 1);
        while (slots[k])
            k = (k + 1) & (nslots - 1);
        slots[k] = (uint32_t)i + 1;
    }
    for (size_t i = 0; i < b->nnames; i++) {
        size_t k = recommendation_memo_hash(b->names[i], 's') & (nslots - 1);
        while (slots[k] && strcmp(x->names[slots[k] - 1], b->names[i]) != 0)
            k = (k + 1) & (nslots - 1);
        if (slots[k] == 0) {
            x->names[x->nnames] = arena_strdup(&x->arena, b->names[i]);
            slots[k] = (uint32_t)++x->nnames;
        }
        map[i] = slots[k] - 1;
    }
    free(slots);
}

static int int64_desc(const void *x, const void *y)
{
    int64_t a = *(const int64_t *)x, b = *(const int64_t *)y;
    return a < b ? 1 : a > b ? -1 : 0;
}

static bool changed(const int64_t *ids, size_t n, int64_t id)
{
    return bsearch(&id, ids, n, sizeof *ids, int64_desc) != NULL;
}

/* Replaces the jobs ids[0..nids) (sorted, highest first) of x by what b read of them now (the
 * ones still open; a job that is no longer open or no longer the user's is not in b). */
static void merge_patch(struct score_cache_entry *x, struct build *b, const int64_t *ids,
                        size_t nids)
{
    uint32_t *names = xmalloc((b->nnames ? b->nnames : 1) * sizeof *names);
    map_names(x, b, names);
    /* the skills of the new rows go after the others'; unused ones are dropped when they are
       as many as the used ones */
    size_t live = 0;
    for (size_t i = 0; i < x->njobs; i++)
        live += changed(ids, nids, x->jobs[i].id) ? 0 : x->jobs[i].nskills;
    uint32_t max_id = x->nnames ? (uint32_t)x->nnames - 1 : 0;
    if (x->skill_ids.n - live > live + 4096) {
        struct score_cache_ids compact = {0};
        score_cache_ids_reserve(&compact, live + b->nids, max_id);
        for (size_t i = 0; i < x->njobs; i++) {
            struct score_cache_job *j = &x->jobs[i];
            if (changed(ids, nids, j->id))
                continue;
            size_t at = compact.n;
            for (size_t k = 0; k < j->nskills; k++)
                score_cache_ids_push(&compact, score_cache_ids_get(&x->skill_ids, j->skills + k));
            j->skills = (uint32_t)at;
        }
        score_cache_ids_free(&x->skill_ids);
        x->skill_ids = compact;
    } else {
        score_cache_ids_reserve(&x->skill_ids, b->nids, max_id);
    }
    size_t base = x->skill_ids.n;
    for (size_t i = 0; i < b->nids; i++)
        score_cache_ids_push(&x->skill_ids, names[b->ids[i]]);
    free(names);

    /* the jobs, by id (highest first), in place (no copy of the other jobs' array): the changed
       ones taken out, then the new rows merged in from the end; where[]: an old index's new one
       (UINT32_MAX: gone), placed[]: a new row's */
    if (b->n)
        qsort(b->jobs, b->n, sizeof *b->jobs, by_id_desc);
    uint32_t *where = xmalloc((x->njobs + 1) * sizeof *where);
    uint32_t *placed = xmalloc((b->n + 1) * sizeof *placed);
    size_t kept = 0, i, k = 0;
    for (i = 0; i < x->njobs; i++) {
        int64_t id = x->jobs[i].id;
        if (changed(ids, nids, id)) {
            where[i] = UINT32_MAX;
            continue;
        }
        while (k < b->n && b->jobs[k].id > id) /* the new rows that come before it */
            k++;
        where[i] = (uint32_t)(kept + k);
        x->jobs[kept++] = x->jobs[i];
    }
    size_t n = kept + b->n;
    if (n > x->capjobs) {
        x->capjobs = n + PATCH_MAX_JOBS;
        x->jobs = xrealloc(x->jobs, x->capjobs * sizeof *x->jobs);
    }
    for (size_t w = n, old = kept, k2 = b->n; k2 > 0;) {
        const struct pending *p = &b->jobs[k2 - 1];
        if (old > 0 && x->jobs[old - 1].id < p->id) {
            x->jobs[--w] = x->jobs[--old];
        } else {
            x->jobs[--w] = (struct score_cache_job){
                p->id, p->seconds, (uint32_t)(base + p->skills), p->tenths, p->nskills, p->flags};
            placed[--k2] = (uint32_t)w;
        }
    }
    x->njobs = n;

    /* young jobs (in no order), their parts among the entry's */
    uint32_t *parts = xmalloc((b->parts.n + 1) * sizeof *parts);
    for (k = 0; k < b->parts.n; k++)
        parts[k] = score_cache_parts_intern(&x->parts, &b->parts.items[k]);
    size_t ny = 0;
    for (i = 0; i < x->nyoung; i++)
        if (where[x->young[i].job] != UINT32_MAX) {
            x->young[ny] = x->young[i];
            x->young[ny].job = where[x->young[ny].job];
            ny++;
        }
    if (ny + b->nyoung > x->capyoung) {
        x->capyoung = ny + b->nyoung + PATCH_MAX_JOBS;
        x->young = xrealloc(x->young, x->capyoung * sizeof *x->young);
    }
    for (k = 0; k < b->n; k++)
        if (b->jobs[k].young) {
            x->young[ny] = b->young[b->jobs[k].young - 1];
            x->young[ny].parts = parts[x->young[ny].parts];
            x->young[ny++].job = placed[k];
        }
    free(parts);
    x->nyoung = ny;
    if (x->parts.n > 2 * ny + 256) { /* many parts no young job uses any more */
        struct score_cache_parts used = {0};
        for (i = 0; i < ny; i++)
            x->young[i].parts = score_cache_parts_intern(&used, &x->parts.items[x->young[i].parts]);
        score_cache_parts_free(&x->parts);
        x->parts = used;
    }

    /* the candidates by their bound (best first), in place: the old order kept (the gone ones
       taken out), the new ones merged in from the end (a new one goes after the old ones of the
       same bound) */
    struct ranked *fresh = xmalloc((b->n + 1) * sizeof *fresh);
    size_t nfresh = 0;
    for (k = 0; k < b->n; k++)
        if (b->jobs[k].flags & SCORE_CACHE_CANDIDATE)
            fresh[nfresh++] = (struct ranked){placed[k], b->jobs[k].tenths, 0};
    qsort(fresh, nfresh, sizeof *fresh, compare_built);
    size_t nr = 0;
    for (i = 0; i < x->nranks; i++)
        if (where[x->ranks[i].job] != UINT32_MAX) {
            x->ranks[nr] = x->ranks[i];
            x->ranks[nr].job = where[x->ranks[nr].job];
            nr++;
        }
    if (nr + nfresh > x->capranks) {
        x->capranks = nr + nfresh + PATCH_MAX_JOBS;
        x->ranks = xrealloc(x->ranks, x->capranks * sizeof *x->ranks);
    }
    for (size_t w = nr + nfresh, old = nr, k2 = nfresh; k2 > 0;) {
        const struct ranked *f = &fresh[k2 - 1];
        if (old > 0 && f->tenths > x->ranks[old - 1].bound) {
            x->ranks[--w] = x->ranks[--old];
        } else {
            x->ranks[--w] = (struct score_cache_rank){(uint32_t)f->id, (int16_t)f->tenths};
            k2--;
        }
    }
    x->nranks = nr + nfresh;
    free(fresh);
    free(where);
    free(placed);

    /* the excluded ones */
    struct score_cache_excluded *excluded =
        xmalloc((x->nexcluded + b->nexcluded + 1) * sizeof *excluded);
    size_t ne = 0;
    for (i = 0; i < x->nexcluded; i++)
        if (!changed(ids, nids, x->excluded[i].id))
            excluded[ne++] = x->excluded[i];
    for (k = 0; k < b->nexcluded; k++)
        excluded[ne++] = b->excluded[k];
    qsort(excluded, ne, sizeof *excluded, excluded_by_id_desc);
    free(x->excluded);
    x->excluded = excluded;
    x->nexcluded = ne;

    x->candidates = x->excluded_candidates = 0;
    for (i = 0; i < x->njobs; i++)
        x->candidates += (x->jobs[i].flags & SCORE_CACHE_CANDIDATE) != 0;
    for (i = 0; i < x->nexcluded; i++)
        x->excluded_candidates += x->excluded[i].candidate;
    x->excluded_open = (int64_t)x->nexcluded;
    x->moves++; /* the relevant gap is made again from the jobs */
}

/*
 * Brings entry (built at an older version, locked) to version when the change log can say what
 * changed: *patched is false (the entry left as it was, to be rebuilt) when full_version is
 * above the entry's version (or unknown), when more changed than PATCH_MAX_LOG / PATCH_MAX_JOBS,
 * or when a created_at is not in the server's form. The log and full_version are read in one
 * statement (one snapshot): a deletion of old log rows raises full_version in the same
 * transaction. The jobs are read and scored as the scan reads them, for the clock now.
 */
static int patch_entry(struct store_conn *c, int64_t user_id, struct score_cache_entry *x,
                       int64_t version, time_t now, struct arena *a, bool *patched, struct err *e)
{
    *patched = false;
    if (!x->patchable || x->version >= version || x->context == NULL)
        return 0;
    struct store_value p[] = {SV_INT(x->version), SV_INT(user_id), SV_INT(PATCH_MAX_LOG + 1)};
    struct store_result *r;
    int rc = store_exec(c,
                        "SELECT c.job_id, c.stack, v.full_version FROM user_data_versions v "
                        "LEFT JOIN score_changes c ON c.user_id = v.user_id AND c.version > ? "
                        "WHERE v.user_id = ? LIMIT ?",
                        p, 3, &r, e);
    if (rc)
        return rc;
    size_t rows = store_rows(r);
    bool sure = rows > 0 && rows <= PATCH_MAX_LOG && !store_isnull(r, 0, 2) &&
                store_int(r, 0, 2) <= x->version;
    int64_t *ids = arena_alloc(a, (rows ? rows : 1) * sizeof *ids);
    size_t nids = 0;
    bool stack = false;
    for (size_t i = 0; sure && i < rows; i++) {
        if (store_isnull(r, i, 0))
            continue;
        ids[nids++] = store_int(r, i, 0);
        stack = stack || store_bool(r, i, 1);
    }
    store_result_free(r);
    if (!sure)
        return 0;
    qsort(ids, nids, sizeof *ids, int64_desc);
    size_t distinct = 0;
    for (size_t i = 0; i < nids; i++)
        if (distinct == 0 || ids[distinct - 1] != ids[i])
            ids[distinct++] = ids[i];
    if (distinct > PATCH_MAX_JOBS)
        return 0;
    struct build b = {.a = a, .patchable = true};
    int64_t excluded, excluded_candidates;
    if (distinct)
        rc = recommendation_score_each(c, user_id, x->context, SCOPE_CACHE, now, ids, distinct,
                                       &excluded, &excluded_candidates, keep_built, &b, e);
    if (rc == 0 && b.patchable) {
        merge_patch(x, &b, ids, distinct);
        /* the plain gap: kept when no stack changed, or when relevance.c can bring it forward
           from the log of stacks (its version known; its result the same in any order) */
        if (x->have_plain && (!x->plain_any_order || (stack && x->plain_version == INT64_MAX))) {
            skill_gap_free(&x->plain);
            free(x->user_skills);
            free(x->plain_have);
            x->user_skills = x->plain_have = NULL;
            x->have_plain = false;
        } else if (x->have_plain && !stack && x->plain_version != INT64_MAX &&
                   x->plain_version >= x->version && x->plain_version < version) {
            x->plain_version = version; /* no stack changed after it up to the log read */
        }
        *patched = true;
    }
    build_free(&b);
    return rc;
}

/* After a full build at version: when the user's change log holds PRUNE_AT rows or more up to
 * it, deletes them and raises full_version and stack_full_version (migration 0072) to version in
 * one transaction (an entry or a plain gap older than that, on any server, is then rebuilt or read
 * in full). A failure is left for the next build. */
static void prune_log(struct store_conn *c, int64_t user_id, int64_t version)
{
    struct err e = {0};
    struct store_value p[] = {SV_INT(user_id), SV_INT(version), SV_INT(PRUNE_AT)};
    struct store_result *r;
    if (store_exec(c,
                   "SELECT count(*) FROM (SELECT 1 FROM score_changes WHERE user_id = ? AND "
                   "version <= ? LIMIT ?) t",
                   p, 3, &r, &e))
        goto out;
    bool many = store_int(r, 0, 0) >= PRUNE_AT;
    store_result_free(r);
    if (!many || store_begin(c, &e))
        goto out;
    struct store_value q[] = {SV_INT(version), SV_INT(user_id), SV_INT(version)};
    if (store_exec(c,
                   "UPDATE user_data_versions SET full_version = ? WHERE user_id = ? AND "
                   "(full_version IS NULL OR full_version < ?)",
                   q, 3, NULL, &e) == 0 &&
        store_exec(c,
                   "UPDATE user_data_versions SET stack_full_version = ? WHERE user_id = ? AND "
                   "(stack_full_version IS NULL OR stack_full_version < ?)",
                   q, 3, NULL, &e) == 0 &&
        store_exec(c, "DELETE FROM score_changes WHERE user_id = ? AND version <= ?", p, 2, NULL,
                   &e) == 0 &&
        store_commit(c, &e) == 0)
        goto out;
    store_rollback(c);
out:
    err_clear(&e);
}

int recommendation_scores(struct store_conn *c, int64_t user_id, time_t *now, struct arena *a,
                          struct score_cache_entry **out, struct err *e)
{
    int64_t version = 0;
    bool on = score_cache_enabled();
    int rc = on ? score_cache_version(c, user_id, &version, e) : 0;
    if (rc)
        return rc;
    struct score_cache_entry *entry = on ? score_cache_find(user_id) : NULL;
    struct score_cache_plain plain = {0}; /* the plain gap of an entry rebuilt, kept for the new */
    if (entry && entry->version != version) {
        bool patched = false;
        if (*now < entry->now)
            *now = entry->now;
        rc = patch_entry(c, user_id, entry, version, *now, a, &patched, e);
        if (patched)
            score_cache_moved(entry, version);
        if (rc || !patched) {
            if (rc == 0)
                score_cache_take_plain(entry, version, &plain);
            score_cache_release(entry);
            entry = NULL;
        }
        if (rc)
            return rc;
    }
    if (entry == NULL) {
        struct context x, *kept; /* x: the scan's (its memo holds every name); kept: the entry's */
        entry = score_cache_new(user_id, version);
        kept = arena_alloc(&entry->arena, sizeof *kept);
        rc = recommendation_load_context(c, user_id, a, &x, e);
        if (rc == 0)
            rc = build_entry(c, user_id, &x, *now, a, entry, e);
        if (rc == 0)
            rc = recommendation_load_context(c, user_id, &entry->arena, kept, e);
        score_cache_give_plain(rc == 0 ? entry : NULL, &plain);
        if (rc) {
            score_cache_release(entry);
            return rc;
        }
        entry->context = kept;
        if (on) {
            score_cache_put(entry);
            prune_log(c, user_id, version);
        }
    }
    if (*now < entry->now) /* another request built or refreshed it a moment later */
        *now = entry->now;
    score_cache_refresh(entry, *now);
    *out = entry;
    return 0;
}
