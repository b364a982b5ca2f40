/*
 * This file implements the readers of feed.h: one function per board format, each mapping a
 * posting's members to job fields with capture's rules (capture_job_text for text and HTML,
 * capture_job_salary for pay, src/core/posting.c for employment types, remote words and dates).
 */
#include "feed.h"

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "../core/posting.h"
#include "../core/validate.h"
#include "../lib/buf.h"
#include "capture.h"

static pthread_once_t xml_once = PTHREAD_ONCE_INIT;

static void init_xml(void)
{
    xmlInitParser();
}

/* ================================================================ shared */

static const char *str(json_t *obj, const char *name)
{
    const char *s = json_string_value(json_object_get(obj, name));
    return s && *s ? s : NULL;
}

static bool is_http_url(const char *s)
{
    return s && strlen(s) <= 2048 && validate_url("url", s, NULL) == 0;
}

static void put_url(json_t *job, const char *name, const char *url)
{
    if (is_http_url(url) && json_object_get(job, name) == NULL)
        json_object_set_new(job, name, json_string(url));
}

static void put_type(json_t *job, const char *employment)
{
    const char *type = posting_job_type(employment);
    if (type && json_object_get(job, "job_type") == NULL)
        json_object_set_new(job, "job_type", json_string(type));
}

static void put_remote(json_t *job, const char *option)
{
    if (option && json_object_get(job, "remote_option") == NULL)
        json_object_set_new(job, "remote_option", json_string(option));
}

/* A workplace type as the boards write it ("remote", "on-site", "OnSite", "Hybrid"). */
static const char *workplace(const char *type)
{
    if (type == NULL)
        return NULL;
    if (strcasecmp(type, "remote") == 0)
        return "remote";
    if (strcasecmp(type, "hybrid") == 0)
        return "hybrid";
    if (strcasecmp(type, "on-site") == 0 || strcasecmp(type, "onsite") == 0)
        return "onsite";
    return NULL;
}

static void put_posted(json_t *job, const char *date_text)
{
    char date[11];
    if (posting_feed_date(date_text, date) && json_object_get(job, "notes") == NULL) {
        char note[40];
        snprintf(note, sizeof note, "Posted on %s.", date);
        json_object_set_new(job, "notes", json_string(note));
    }
}

/* The last fields every reader sets: remote work from the location or title when the board
 * said nothing, the source, and the employer when the posting did not name one. */
static void finish(json_t *job, const char *company, const char *source)
{
    if (json_object_get(job, "remote_option") == NULL) {
        const char *option =
            posting_remote_option(json_string_value(json_object_get(job, "location")));
        if (option == NULL)
            option = posting_remote_option(json_string_value(json_object_get(job, "title")));
        put_remote(job, option);
    }
    capture_job_text(job, "company", company, CAPTURE_SHORT_MAX);
    json_object_set_new(job, "source", json_string(source));
}

static json_t *load_json(const char *data, size_t len, struct err *e)
{
    json_error_t jerr;
    json_t *v = json_loadb(data, len, 0, &jerr);
    if (v == NULL)
        err_set(e, ERR_INVALID, NULL, "the board did not answer JSON: %s (line %d)", jerr.text,
                jerr.line);
    return v;
}

/* One posting of a board's list as a new job (finish adds the company and the source), or
 * NULL to pass it over. */
typedef json_t *(*posting_reader)(json_t *posting);

/* Appends to jobs each posting of list that is an object, as to_job makes it a job, while jobs
 * holds fewer than FEED_MAX_POSTINGS. */
static void read_postings(json_t *list, posting_reader to_job, const char *company, json_t *jobs)
{
    size_t i;
    json_t *p;
    json_array_foreach(list, i, p)
    {
        if (!json_is_object(p) || json_array_size(jobs) >= FEED_MAX_POSTINGS)
            continue;
        json_t *job = to_job(p);
        if (job == NULL)
            continue;
        finish(job, company, "api");
        json_array_append_new(jobs, job);
    }
}

/* ================================================================ Greenhouse */

/* GET /v1/boards/<token>/jobs?content=true: {"jobs": [{title, location: {name}, absolute_url,
 * content (entity-escaped HTML), updated_at, first_published, company_name, ...}], "meta"} */
static json_t *greenhouse_posting(json_t *p)
{
    json_t *job = json_object();
    capture_job_text(job, "title", str(p, "title"), CAPTURE_SHORT_MAX);
    capture_job_text(job, "company", str(p, "company_name"), CAPTURE_SHORT_MAX);
    capture_job_text(job, "location", str(json_object_get(p, "location"), "name"),
                     CAPTURE_SHORT_MAX);
    capture_job_text(job, "description", str(p, "content"), CAPTURE_TEXT_MAX);
    put_url(job, "source_url", str(p, "absolute_url"));
    put_posted(job, str(p, "first_published") ? str(p, "first_published") : str(p, "updated_at"));
    return job;
}

/* A board whose answer holds its postings in a "jobs" list (Greenhouse, Ashby): each as to_job
 * makes it a job. */
static int jobs_list(json_t *doc, const char *board, posting_reader to_job, const char *company,
                     json_t *jobs, struct err *e)
{
    json_t *list = json_object_get(doc, "jobs");
    if (!json_is_array(list))
        return err_set(e, ERR_INVALID, NULL, "the %s answer has no jobs list", board);
    read_postings(list, to_job, company, jobs);
    return 0;
}

char *feed_greenhouse_name(const char *data, size_t len)
{
    json_t *doc = json_loadb(data, len, 0, NULL);
    const char *name = str(doc, "name");
    char *copy = name ? strdup(name) : NULL;
    json_decref(doc);
    return copy;
}

/* ================================================================ Lever */

/* Lever's createdAt: milliseconds since the epoch. */
static void put_posted_ms(json_t *job, json_t *ms)
{
    if (!json_is_integer(ms) || json_integer_value(ms) <= 0)
        return;
    time_t t = (time_t)(json_integer_value(ms) / 1000);
    struct tm tm;
    char date[11];
    if (gmtime_r(&t, &tm) && strftime(date, sizeof date, "%Y-%m-%d", &tm) == 10)
        put_posted(job, date);
}

static double number(json_t *v, bool *has)
{
    *has = json_is_number(v);
    return *has ? json_number_value(v) : 0;
}

/* The salary of obj (Lever's salaryRange, an Ashby salary component): its min and max numbers,
 * its currency and its "interval", under the names the board gives the first three. */
static void put_salary(json_t *job, json_t *obj, const char *currency, const char *min,
                       const char *max)
{
    struct capture_salary pay = {.currency = str(obj, currency), .unit = str(obj, "interval")};
    pay.min = number(json_object_get(obj, min), &pay.has_min);
    pay.max = number(json_object_get(obj, max), &pay.has_max);
    capture_job_salary(job, &pay);
}

/* GET /v0/postings/<site>?mode=json: [{text, categories: {location, commitment, team,
 * allLocations}, workplaceType, description, descriptionPlain, lists: [{text, content}],
 * additional, hostedUrl, applyUrl, createdAt, salaryRange: {min, max, currency, interval}}] */
static json_t *lever_posting(json_t *p)
{
    json_t *job = json_object();
    json_t *categories = json_object_get(p, "categories");
    capture_job_text(job, "title", str(p, "text"), CAPTURE_SHORT_MAX);
    const char *where = str(categories, "location");
    struct buf all;
    buf_init(&all);
    if (where == NULL) {
        size_t k;
        json_t *place;
        json_array_foreach(json_object_get(categories, "allLocations"), k, place)
        {
            if (!json_is_string(place))
                continue;
            if (all.len)
                buf_puts(&all, "; ");
            buf_puts(&all, json_string_value(place));
        }
        where = all.data;
    }
    capture_job_text(job, "location", where, CAPTURE_SHORT_MAX);
    buf_free(&all);
    put_type(job, str(categories, "commitment"));
    put_remote(job, workplace(str(p, "workplaceType")));
    /* the description, then each list under its heading, then the closing part */
    struct buf description;
    buf_init(&description);
    buf_puts(&description, str(p, "description")        ? str(p, "description")
                           : str(p, "descriptionPlain") ? str(p, "descriptionPlain")
                                                        : "");
    size_t k;
    json_t *list;
    json_array_foreach(json_object_get(p, "lists"), k, list)
    {
        buf_printf(&description, "<h3>%s</h3><ul>%s</ul>",
                   str(list, "text") ? str(list, "text") : "",
                   str(list, "content") ? str(list, "content") : "");
    }
    if (str(p, "additional"))
        buf_printf(&description, "<div>%s</div>", str(p, "additional"));
    capture_job_text(job, "description", description.data, CAPTURE_TEXT_MAX);
    buf_free(&description);
    json_t *range = json_object_get(p, "salaryRange");
    if (json_is_object(range))
        put_salary(job, range, "currency", "min", "max");
    put_url(job, "source_url", str(p, "hostedUrl"));
    put_url(job, "application_url", str(p, "applyUrl"));
    put_posted_ms(job, json_object_get(p, "createdAt"));
    return job;
}

static int lever(json_t *doc, const char *company, json_t *jobs, struct err *e)
{
    if (!json_is_array(doc))
        return err_set(e, ERR_INVALID, NULL, "the Lever answer is not a list of postings");
    read_postings(doc, lever_posting, company, jobs);
    return 0;
}

/* ================================================================ Ashby */

/* The "Salary" component of a compensation: in summaryComponents, else the first tier's. */
static json_t *ashby_salary(json_t *compensation)
{
    json_t *lists[] = {
        json_object_get(compensation, "summaryComponents"),
        json_object_get(json_array_get(json_object_get(compensation, "compensationTiers"), 0),
                        "components")};
    for (size_t l = 0; l < 2; l++) {
        size_t i;
        json_t *c;
        json_array_foreach(lists[l], i, c)
        {
            const char *type = str(c, "compensationType");
            if (type && strcasecmp(type, "Salary") == 0)
                return c;
        }
    }
    return NULL;
}

/* GET /posting-api/job-board/<name>?includeCompensation=true: {"apiVersion", "jobs": [{title,
 * location, secondaryLocations: [{location}], employmentType, isRemote, workplaceType, isListed,
 * publishedAt, jobUrl, applyUrl, descriptionHtml, descriptionPlain, compensation}]} */
static json_t *ashby_posting(json_t *p)
{
    if (json_is_false(json_object_get(p, "isListed")))
        return NULL;
    json_t *job = json_object();
    capture_job_text(job, "title", str(p, "title"), CAPTURE_SHORT_MAX);
    struct buf where;
    buf_init(&where);
    if (str(p, "location"))
        buf_puts(&where, str(p, "location"));
    size_t k;
    json_t *other;
    json_array_foreach(json_object_get(p, "secondaryLocations"), k, other)
    {
        if (str(other, "location") && !(where.data && strstr(where.data, str(other, "location")))) {
            if (where.len)
                buf_puts(&where, "; ");
            buf_puts(&where, str(other, "location"));
        }
    }
    capture_job_text(job, "location", where.data, CAPTURE_SHORT_MAX);
    buf_free(&where);
    put_type(job, str(p, "employmentType"));
    put_remote(job, workplace(str(p, "workplaceType")));
    if (json_is_true(json_object_get(p, "isRemote")))
        put_remote(job, "remote");
    capture_job_text(job, "description",
                     str(p, "descriptionHtml") ? str(p, "descriptionHtml")
                                               : str(p, "descriptionPlain"),
                     CAPTURE_TEXT_MAX);
    json_t *salary = ashby_salary(json_object_get(p, "compensation"));
    if (salary)
        put_salary(job, salary, "currencyCode", "minValue", "maxValue");
    put_url(job, "source_url", str(p, "jobUrl"));
    put_url(job, "application_url", str(p, "applyUrl"));
    put_posted(job, str(p, "publishedAt"));
    return job;
}

/* ================================================================ RSS and Atom */

static bool named(xmlNodePtr node, const char *name)
{
    return node && node->type == XML_ELEMENT_NODE && node->name &&
           strcasecmp((const char *)node->name, name) == 0;
}

/* The first child element of node called name (by local name), or NULL. */
static xmlNodePtr child(xmlNodePtr node, const char *name)
{
    for (xmlNodePtr c = node ? node->children : NULL; c; c = c->next)
        if (named(c, name))
            return c;
    return NULL;
}

/* The text of node (malloc'd; NULL for no node or empty text). */
static char *text(xmlNodePtr node)
{
    if (node == NULL)
        return NULL;
    xmlChar *t = xmlNodeGetContent(node);
    char *copy = t && *t ? strdup((const char *)t) : NULL;
    xmlFree(t);
    return copy;
}

/* Atom's link: the href of <link rel="alternate"> or of a <link> without rel; RSS's: the text
 * of <link>, else a <guid> that is an address. */
static char *item_link(xmlNodePtr item)
{
    for (xmlNodePtr c = item->children; c; c = c->next) {
        if (!named(c, "link"))
            continue;
        xmlChar *href = xmlGetProp(c, (const xmlChar *)"href");
        if (href) {
            xmlChar *rel = xmlGetProp(c, (const xmlChar *)"rel");
            bool alternate = rel == NULL || strcmp((const char *)rel, "alternate") == 0;
            xmlFree(rel);
            char *copy = alternate ? strdup((const char *)href) : NULL;
            xmlFree(href);
            if (copy)
                return copy;
            continue;
        }
        char *t = text(c);
        if (t)
            return t;
    }
    char *guid = text(child(item, "guid"));
    if (guid && !is_http_url(guid)) {
        free(guid);
        guid = NULL;
    }
    return guid;
}

static void put_owned_text(json_t *job, const char *name, char *value, size_t max)
{
    capture_job_text(job, name, value, max);
    free(value);
}

static json_t *feed_item(xmlNodePtr item, const char *company)
{
    json_t *job = json_object();
    char *title = text(child(item, "title"));
    struct posting_title parts;
    posting_split_title(title, &parts); /* "Backend Engineer at Acme" */
    free(title);
    capture_job_text(job, "title", parts.title, CAPTURE_SHORT_MAX);
    capture_job_text(job, "company", parts.company, CAPTURE_SHORT_MAX);
    capture_job_text(job, "location", parts.location, CAPTURE_SHORT_MAX);
    posting_title_free(&parts);
    static const char *const bodies[] = {"encoded", "content", "description", "summary", NULL};
    for (const char *const *b = bodies; *b && json_object_get(job, "description") == NULL; b++)
        put_owned_text(job, "description", text(child(item, *b)), CAPTURE_TEXT_MAX);
    char *link = item_link(item);
    put_url(job, "source_url", link);
    free(link);
    static const char *const dates[] = {"pubDate", "published", "updated", "date", NULL};
    for (const char *const *d = dates; *d && json_object_get(job, "notes") == NULL; d++) {
        char *when = text(child(item, *d));
        put_posted(job, when);
        free(when);
    }
    finish(job, company, "rss");
    return job;
}

static xmlDocPtr read_xml(const char *data, size_t len, struct err *e)
{
    pthread_once(&xml_once, init_xml);
    if (len > (size_t)INT32_MAX) {
        err_set(e, ERR_INVALID, NULL, "the feed is too large");
        return NULL;
    }
    /* no XML_PARSE_NOENT (entities stay unexpanded), no DTD loading, no network */
    int options = XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_NOCDATA |
                  XML_PARSE_RECOVER;
    xmlDocPtr doc = xmlReadMemory(data, (int)len, NULL, NULL, options);
    if (doc == NULL || xmlDocGetRootElement(doc) == NULL) {
        xmlFreeDoc(doc);
        err_set(e, ERR_INVALID, NULL, "the feed is not XML");
        return NULL;
    }
    if (doc->intSubset &&
        (doc->intSubset->entities || doc->intSubset->pentities)) { /* billion laughs, XXE */
        xmlFreeDoc(doc);
        err_set(e, ERR_INVALID, NULL, "the feed declares entities, which are not read");
        return NULL;
    }
    return doc;
}

/* The element holding the items: RSS 2.0's channel, RSS 1.0's rdf:RDF, Atom's feed. */
static xmlNodePtr items_parent(xmlNodePtr root, const char **item_name)
{
    if (named(root, "rss")) {
        *item_name = "item";
        return child(root, "channel");
    }
    if (named(root, "RDF")) {
        *item_name = "item";
        return root;
    }
    if (named(root, "feed")) {
        *item_name = "entry";
        return root;
    }
    return NULL;
}

static int rss(const char *data, size_t len, const char *company, json_t *jobs, struct err *e)
{
    xmlDocPtr doc = read_xml(data, len, e);
    if (doc == NULL)
        return ERR_INVALID;
    const char *item_name = NULL;
    xmlNodePtr parent = items_parent(xmlDocGetRootElement(doc), &item_name);
    int rc = 0;
    if (parent == NULL) {
        rc = err_set(e, ERR_INVALID, NULL, "the document is neither an RSS nor an Atom feed");
    } else {
        char *channel = company ? NULL : text(child(parent, "title"));
        for (xmlNodePtr c = parent->children; c && json_array_size(jobs) < FEED_MAX_POSTINGS;
             c = c->next)
            if (named(c, item_name))
                json_array_append_new(jobs, feed_item(c, company ? company : channel));
        free(channel);
    }
    xmlFreeDoc(doc);
    return rc;
}

char *feed_title(const char *data, size_t len)
{
    xmlDocPtr doc = read_xml(data, len, NULL);
    if (doc == NULL)
        return NULL;
    const char *item_name;
    char *title = text(child(items_parent(xmlDocGetRootElement(doc), &item_name), "title"));
    xmlFreeDoc(doc);
    return title;
}

/* ================================================================ entry */

int feed_parse(const char *kind, const char *data, size_t len, const char *company, json_t **jobs,
               struct err *e)
{
    *jobs = json_array();
    if (strcmp(kind, "rss") == 0) {
        int rc = rss(data, len, company, *jobs, e);
        if (rc) {
            json_decref(*jobs);
            *jobs = NULL;
        }
        return rc;
    }
    json_t *doc = load_json(data, len, e);
    int rc = doc == NULL ? ERR_INVALID
             : strcmp(kind, "greenhouse") == 0
                 ? jobs_list(doc, "Greenhouse", greenhouse_posting, company, *jobs, e)
             : strcmp(kind, "lever") == 0 ? lever(doc, company, *jobs, e)
             : strcmp(kind, "ashby") == 0
                 ? jobs_list(doc, "Ashby", ashby_posting, company, *jobs, e)
                 : err_set(e, ERR_INVALID, NULL, "unknown kind %s", kind);
    json_decref(doc);
    if (rc) {
        json_decref(*jobs);
        *jobs = NULL;
    }
    return rc;
}
