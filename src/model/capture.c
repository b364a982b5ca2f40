/*
 * This file implements capturing a posting (capture.h): one walk over the parsed page collects
 * the JSON-LD JobPostings, the microdata JobPosting items (turned into the same JSON shape), the
 * Open Graph and description metas and the <title>; one mapping turns a JobPosting into job
 * fields; the rules that need no JSON (text of HTML, employment types, salary periods, title
 * patterns, sources) are src/core/posting.c's. The walk is capture_page.c's;
 * capture_internal.h declares what the two files share.
 */
#include "capture.h"

#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../core/fingerprint.h"
#include "../core/posting.h"
#include "../core/utf8.h"
#include "../core/validate.h"
#include "../lib/buf.h"
#include "capture_internal.h"
#include "job.h"

#define SHORT_TEXT_MAX                                                                             \
    CAPTURE_SHORT_MAX             /* company, title, location, salary_range (jobs' limits)         \
                                   */
#define TEXT_MAX CAPTURE_TEXT_MAX /* description, requirements, responsibilities, notes */
#define URL_MAX 2048
#define MAX_SKILLS 40

/* ================================================================ JobPosting -> fields */

/* The text of a JSON-LD value: a string, a number, an object's name / @value / description, an
 * array's first text. NULL when none. */
static const char *text_of(json_t *v)
{
    static const char *const members[] = {
        "name", "@value", "description", "value", "credentialCategory", NULL};
    if (json_is_string(v))
        return *json_string_value(v) ? json_string_value(v) : NULL;
    if (json_is_object(v)) {
        for (const char *const *m = members; *m; m++) {
            const char *s = text_of(json_object_get(v, *m));
            if (s)
                return s;
        }
        return NULL;
    }
    if (json_is_array(v)) {
        size_t i;
        json_t *item;
        json_array_foreach(v, i, item)
        {
            if (!json_is_array(item)) {
                const char *s = text_of(item);
                if (s)
                    return s;
            }
        }
    }
    return NULL;
}

/* Sets member name of job to text (cut to max bytes on a character boundary) unless job has
 * it already or text is empty. Takes text (malloc'd). */
static void put_text(json_t *job, const char *name, char *text, size_t max)
{
    if (text && *text && json_object_get(job, name) == NULL) {
        size_t n = utf8_cut(text, max);
        json_t *s = json_stringn(text, n);
        if (s)
            json_object_set_new(job, name, s);
    }
    free(text);
}

/* The plain text of an HTML or text value. */
static char *plain(const char *s)
{
    return s ? posting_html_text(s, strlen(s)) : NULL;
}

/* Appends the text of a place (an address as text, or its locality, region and country) to
 * out, "; " between places. */
static void place_text(json_t *place, struct buf *out)
{
    json_t *address = json_is_object(place) ? json_object_get(place, "address") : place;
    struct buf one;
    buf_init(&one);
    if (json_is_array(address))
        address = json_array_get(address, 0);
    if (json_is_string(address)) {
        buf_puts(&one, json_string_value(address));
    } else if (json_is_object(address)) {
        static const char *const parts[] = {"addressLocality", "addressRegion", "addressCountry",
                                            NULL};
        for (const char *const *part = parts; *part; part++) {
            const char *s = text_of(json_object_get(address, *part));
            if (s == NULL || (one.data && strstr(one.data, s)))
                continue; /* "Berlin, Berlin" */
            if (one.len)
                buf_puts(&one, ", ");
            buf_puts(&one, s);
        }
    }
    if (one.len == 0 && json_is_object(place) && text_of(json_object_get(place, "name")))
        buf_puts(&one, text_of(json_object_get(place, "name")));
    if (one.len && !(out->data && strstr(out->data, one.data))) {
        if (out->len)
            buf_puts(out, "; ");
        buf_append(out, one.data, one.len);
    }
    buf_free(&one);
}

static char *places_text(json_t *places)
{
    struct buf out;
    buf_init(&out);
    if (json_is_array(places)) {
        size_t i;
        json_t *place;
        json_array_foreach(places, i, place)
        {
            place_text(place, &out);
        }
    } else if (places) {
        place_text(places, &out);
    }
    if (out.len)
        return buf_steal(&out);
    buf_free(&out);
    return NULL;
}

static bool has_telecommute(json_t *type)
{
    if (json_is_string(type))
        return strcasestr(json_string_value(type), "TELECOMMUTE") != NULL;
    size_t i;
    json_t *item;
    json_array_foreach(type, i, item)
    {
        if (has_telecommute(item))
            return true;
    }
    return false;
}

static const char *job_type_of(json_t *employment)
{
    if (json_is_string(employment)) {
        /* "FULL_TIME, CONTRACTOR" */
        char *copy = strdup(json_string_value(employment)), *save = NULL;
        if (copy == NULL)
            abort();
        const char *type = NULL;
        for (char *w = strtok_r(copy, ",;/", &save); w && !type; w = strtok_r(NULL, ",;/", &save))
            type = posting_job_type(w);
        free(copy);
        return type;
    }
    size_t i;
    json_t *item;
    json_array_foreach(employment, i, item)
    {
        const char *type = job_type_of(item);
        if (type)
            return type;
    }
    return NULL;
}

/* A number from a JSON number or a string holding one. */
static bool number_of(json_t *v, double *out)
{
    if (json_is_number(v)) {
        *out = json_number_value(v);
        return true;
    }
    return json_is_string(v) && posting_parse_amount(json_string_value(v), out);
}

static void format_amount(struct buf *out, double v)
{
    if (v == floor(v))
        buf_printf(out, "%.0f", v);
    else
        buf_printf(out, "%.2f", v);
}

/* baseSalary (or estimatedSalary): a MonetaryAmount {currency, value: number | text |
 * QuantitativeValue {value, minValue, maxValue, unitText}}, or an array of them. Amounts per
 * hour, day, week or month are turned into a year for salary_min / salary_max; salary_range
 * keeps them as written. */
static void put_salary(json_t *job, json_t *amount)
{
    if (json_is_array(amount))
        amount = json_array_get(amount, 0);
    if (!json_is_object(amount))
        return;
    json_t *value = json_object_get(amount, "value");
    struct capture_salary pay = {.unit = text_of(json_object_get(amount, "unitText")),
                                 .currency = text_of(json_object_get(amount, "currency"))};
    if (json_is_object(value)) {
        pay.has_min = number_of(json_object_get(value, "minValue"), &pay.min);
        pay.has_max = number_of(json_object_get(value, "maxValue"), &pay.max);
        double single;
        if (number_of(json_object_get(value, "value"), &single)) {
            if (!pay.has_min)
                pay.min = single, pay.has_min = true;
            if (!pay.has_max)
                pay.max = single, pay.has_max = true;
        }
        if (json_object_get(value, "unitText"))
            pay.unit = text_of(json_object_get(value, "unitText"));
    } else if (number_of(value, &pay.min)) {
        pay.max = pay.min;
        pay.has_min = pay.has_max = true;
    }
    capture_job_salary(job, &pay);
}

void capture_job_salary(json_t *job, const struct capture_salary *pay)
{
    if (json_object_get(job, "salary_min") || json_object_get(job, "salary_max"))
        return;
    double lo = pay->min, hi = pay->max;
    bool has_lo = pay->has_min && lo > 0, has_hi = pay->has_max && hi > 0;
    if (!has_lo && !has_hi)
        return;
    if (has_lo && has_hi && lo > hi) {
        double t = lo;
        lo = hi, hi = t;
    }
    struct posting_period period = posting_salary_period(pay->unit);
    double factor = period.per_year ? period.per_year : 1;
    char code[4] = {0};
    if (pay->currency && strlen(pay->currency) == 3) {
        for (int i = 0; i < 3; i++)
            code[i] = (char)toupper((unsigned char)pay->currency[i]);
        if (validate_currency("currency", code, NULL) != 0)
            code[0] = '\0';
    }
    if (has_lo && lo * factor <= 1e9)
        json_object_set_new(job, "salary_min", json_integer((json_int_t)llround(lo * factor)));
    if (has_hi && hi * factor <= 1e9)
        json_object_set_new(job, "salary_max", json_integer((json_int_t)llround(hi * factor)));
    if (code[0] && json_object_get(job, "currency") == NULL)
        json_object_set_new(job, "currency", json_string(code));
    struct buf range;
    buf_init(&range);
    if (has_lo)
        format_amount(&range, lo);
    if (has_lo && has_hi && hi != lo)
        buf_puts(&range, "\xE2\x80\x93"); /* en dash */
    if (has_hi && (!has_lo || hi != lo))
        format_amount(&range, hi);
    if (code[0])
        buf_printf(&range, " %s", code);
    buf_printf(&range, " per %s", period.word ? period.word : "year");
    put_text(job, "salary_range", buf_steal(&range), SHORT_TEXT_MAX);
}

void capture_job_text(json_t *job, const char *name, const char *text, size_t max)
{
    put_text(job, name, plain(text), max);
}

/* skills: an array of names (or a comma-separated line) goes to tech_stack; prose goes to
 * requirements (through *prose). */
static void put_skills(json_t *job, json_t *skills, struct buf *prose)
{
    if (json_object_get(job, "tech_stack") || skills == NULL)
        return;
    json_t *list = json_array();
    if (json_is_array(skills)) {
        size_t i;
        json_t *item;
        json_array_foreach(skills, i, item)
        {
            char *name = plain(text_of(item));
            if (name && *name && strlen(name) <= 100 && json_array_size(list) < MAX_SKILLS)
                json_array_append_new(list, json_string(name));
            free(name);
        }
    } else if (json_is_string(skills)) {
        char *text = plain(json_string_value(skills));
        if (strchr(text, ',') && strlen(text) < 500 && !strchr(text, '\n')) {
            char *save = NULL;
            for (char *w = strtok_r(text, ",", &save); w; w = strtok_r(NULL, ",", &save)) {
                while (isspace((unsigned char)*w))
                    w++;
                size_t n = strlen(w);
                while (n && isspace((unsigned char)w[n - 1]))
                    w[--n] = '\0';
                if (n && json_array_size(list) < MAX_SKILLS)
                    json_array_append_new(list, json_string(w));
            }
        } else if (*text) {
            if (prose->len)
                buf_puts(prose, "\n\n");
            buf_puts(prose, text);
        }
        free(text);
    }
    if (json_array_size(list))
        json_object_set_new(job, "tech_stack", list);
    else
        json_decref(list);
}

static bool is_http_url(const char *s)
{
    return s && validate_url("url", s, NULL) == 0 && strlen(s) <= URL_MAX;
}

/* Fills the job fields a JobPosting gives (and the job lacks). */
static void from_posting(json_t *job, json_t *p)
{
    const char *title = text_of(json_object_get(p, "title"));
    put_text(job, "title", plain(title ? title : text_of(json_object_get(p, "name"))),
             SHORT_TEXT_MAX);
    json_t *org = json_object_get(p, "hiringOrganization");
    if (json_is_array(org))
        org = json_array_get(org, 0);
    const char *company = text_of(org);
    if (company == NULL && json_is_object(org))
        company = text_of(json_object_get(org, "legalName"));
    put_text(job, "company", plain(company), SHORT_TEXT_MAX);

    bool remote = has_telecommute(json_object_get(p, "jobLocationType"));
    char *where = places_text(json_object_get(p, "jobLocation"));
    if (where == NULL)
        where = places_text(json_object_get(p, "applicantLocationRequirements"));
    if (where == NULL && remote)
        where = strdup("Remote");
    put_text(job, "location", plain(where), SHORT_TEXT_MAX);
    free(where);
    if (remote && json_object_get(job, "remote_option") == NULL)
        json_object_set_new(job, "remote_option", json_string("remote"));

    const char *type = job_type_of(json_object_get(p, "employmentType"));
    if (type && json_object_get(job, "job_type") == NULL)
        json_object_set_new(job, "job_type", json_string(type));
    put_salary(job, json_object_get(p, "baseSalary"));
    put_salary(job, json_object_get(p, "estimatedSalary"));

    put_text(job, "description", plain(text_of(json_object_get(p, "description"))), TEXT_MAX);
    put_text(job, "responsibilities", plain(text_of(json_object_get(p, "responsibilities"))),
             TEXT_MAX);
    struct buf requirements;
    buf_init(&requirements);
    static const char *const asks[] = {"qualifications", "experienceRequirements",
                                       "educationRequirements", NULL};
    for (const char *const *ask = asks; *ask; ask++) {
        char *text = plain(text_of(json_object_get(p, *ask)));
        if (text && *text) {
            if (requirements.len)
                buf_puts(&requirements, "\n\n");
            buf_puts(&requirements, text);
        }
        free(text);
    }
    put_skills(job, json_object_get(p, "skills"), &requirements);
    put_text(job, "requirements", requirements.len ? buf_steal(&requirements) : NULL, TEXT_MAX);
    buf_free(&requirements);

    const char *url = text_of(json_object_get(p, "url"));
    if (is_http_url(url) && json_object_get(job, "application_url") == NULL)
        json_object_set_new(job, "application_url", json_string(url));
    char date[11];
    if (posting_date(text_of(json_object_get(p, "datePosted")), date) &&
        json_object_get(job, "notes") == NULL) {
        char note[40];
        snprintf(note, sizeof note, "Posted on %s.", date);
        json_object_set_new(job, "notes", json_string(note));
    }
}

/* The posting whose url (or @id, or sameAs) is the page's, else the first; NULL when none. */
static json_t *choose(json_t *postings, const char *url)
{
    char *page = fingerprint_normalize_url(url);
    json_t *chosen = json_array_get(postings, 0);
    size_t i;
    json_t *p;
    static const char *const keys[] = {"url", "@id", "sameAs", NULL};
    json_array_foreach(postings, i, p)
    {
        bool same = false;
        for (const char *const *k = keys; *k && page && !same; k++) {
            char *theirs = fingerprint_normalize_url(text_of(json_object_get(p, *k)));
            same = theirs && strcmp(theirs, page) == 0;
            free(theirs);
        }
        if (same) {
            chosen = p;
            break;
        }
    }
    free(page);
    return chosen;
}

/* Title, company and location from a page title such as "Acme hiring X in Berlin | LinkedIn". */
static void from_title(json_t *job, const char *text, const char *site_name)
{
    if (text == NULL)
        return;
    char *clean = plain(text);
    struct posting_title parts;
    posting_split_title(clean, &parts);
    free(clean);
    put_text(job, "title", parts.title, SHORT_TEXT_MAX);
    put_text(job, "company", parts.company, SHORT_TEXT_MAX);
    put_text(job, "location", parts.location, SHORT_TEXT_MAX);
    parts.title = parts.company = parts.location = NULL;
    if (site_name && !posting_is_board_name(site_name))
        put_text(job, "company", plain(site_name), SHORT_TEXT_MAX);
}

static const char *const reported[] = {
    "company",       "title",      "location",   "description", "job_type",
    "remote_option", "salary_min", "salary_max", "currency",    NULL};

/* The names of the reported fields job lacks. */
static json_t *missing_of(json_t *job)
{
    json_t *missing = json_array();
    for (const char *const *name = reported; *name; name++)
        if (json_object_get(job, *name) == NULL || json_is_null(json_object_get(job, *name)))
            json_array_append_new(missing, json_string(*name));
    return missing;
}

int capture_extract(const char *html, size_t len, const char *encoding, const char *url,
                    struct capture_draft *out, struct err *e)
{
    memset(out, 0, sizeof *out);
    struct page p = {.jsonld = json_array(), .microdata = json_array()};
    int rc = capture_read_page(html, len, encoding, url, &p, e);
    if (rc)
        goto done;
    json_t *job = json_object();
    const char *from = NULL;
    json_t *posting = choose(p.jsonld, url);
    if (posting) {
        from_posting(job, posting);
        from = "json-ld";
    }
    posting = choose(p.microdata, url);
    if (posting) {
        from_posting(job, posting);
        from = from ? from : "microdata";
    }
    if (p.og_title) {
        from_title(job, p.og_title, p.og_site_name);
        from = from ? from : "opengraph";
    }
    put_text(job, "description", plain(p.og_description), TEXT_MAX);
    put_text(job, "description", plain(p.meta_description), TEXT_MAX);
    if (p.title) {
        from_title(job, p.title, p.og_site_name);
        from = from ? from : "title";
    }
    if (from == NULL || json_object_get(job, "title") == NULL) {
        json_decref(job);
        rc = err_set(e, ERR_INVALID, "html",
                     "no job posting was found on the page (no JobPosting data, no title)");
        goto done;
    }
    if (json_object_get(job, "remote_option") == NULL) {
        const char *option =
            posting_remote_option(json_string_value(json_object_get(job, "location")));
        if (option == NULL)
            option = posting_remote_option(json_string_value(json_object_get(job, "title")));
        if (option)
            json_object_set_new(job, "remote_option", json_string(option));
    }
    if (is_http_url(url))
        json_object_set_new(job, "source_url", json_string(url));
    json_object_set_new(job, "source", json_string(posting_source_for_url(url)));
    out->job = job;
    out->extracted_from = from;
    out->missing = missing_of(job);
done:
    capture_page_free(&p);
    return rc;
}

void capture_draft_free(struct capture_draft *d)
{
    json_decref(d->job);
    json_decref(d->missing);
    memset(d, 0, sizeof *d);
}

/* ================================================================ fetching */

/* The charset parameter of a Content-Type, into out ("" when none). */
static void charset_of(const char *type, char *out, size_t size)
{
    out[0] = '\0';
    const char *p = type ? strcasestr(type, "charset=") : NULL;
    if (p == NULL)
        return;
    p += 8;
    if (*p == '"')
        p++;
    size_t n = 0;
    while (p[n] && (isalnum((unsigned char)p[n]) || strchr("-_.:", p[n])) && n + 1 < size) {
        out[n] = p[n];
        n++;
    }
    out[n] = '\0';
}

static bool is_html_type(const char *type)
{
    return type[0] == '\0' || strncasecmp(type, "text/html", 9) == 0 ||
           strncasecmp(type, "application/xhtml+xml", 21) == 0;
}

int capture_fetch(const char *url, const struct fetch_policy *policy, struct capture_draft *out,
                  struct err *e)
{
    memset(out, 0, sizeof *out);
    struct fetch_request r = {
        .url = url,
        .policy = policy,
        .max_bytes = CAPTURE_MAX_PAGE,
        .timeout_ms = CAPTURE_TIMEOUT_MS,
        .max_redirects = CAPTURE_MAX_REDIRECTS,
        .accept = "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5",
    };
    struct fetch_response page;
    int rc = fetch_url(&r, &page, e);
    if (rc)
        return rc;
    if (page.status < 200 || page.status > 299) {
        rc = err_set(e, ERR_INVALID, "url", "the page answered HTTP %ld", page.status);
    } else if (!is_html_type(page.content_type)) {
        rc =
            err_set(e, ERR_INVALID, "url", "the address is not a web page (%s)", page.content_type);
    } else {
        char charset[40];
        charset_of(page.content_type, charset, sizeof charset);
        rc = capture_extract(page.body.data ? page.body.data : "", page.body.len,
                             charset[0] ? charset : NULL, url, out, e);
        if (rc == ERR_INVALID && e)
            err_restate(e, "url", "%s", e->message);
    }
    fetch_response_free(&page);
    return rc;
}

/* ================================================================ corrections and saving */

void capture_correct(struct capture_draft *d, json_t *corrections)
{
    if (!json_is_object(corrections) || d->job == NULL)
        return;
    json_object_update(d->job, corrections);
    json_decref(d->missing);
    d->missing = missing_of(d->job);
}

int capture_save(struct store_conn *c, int64_t user_id, const struct capture_draft *d,
                 struct arena *a, json_t **job, json_t **possible, struct err *e)
{
    struct values v = {0};
    int rc = table_parse(&job_table, d->job, PARSE_CREATE, a, &v, e);
    if (rc == 0)
        rc = job_check_salary(&v, e);
    return rc ? rc : job_create(c, user_id, &v, a, job, possible, e);
}
