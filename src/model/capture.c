/*
 * This file implements capturing a posting (capture.h): one walk over the parsed page collects
 * the JSON-LD JobPostings, the microdata JobPosting items (turned into the same JSON shape), the
 * Open Graph and description metas and the <title>; one mapping turns a JobPosting into job
 * fields; the rules that need no JSON (text of HTML, employment types, salary periods, title
 * patterns, sources) are src/core/posting.c's.
 */
#include "capture.h"

#include <ctype.h>
#include <libxml/HTMLparser.h>
#include <libxml/HTMLtree.h>
#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../core/fingerprint.h"
#include "../core/posting.h"
#include "../core/utf8.h"
#include "../core/validate.h"
#include "../lib/buf.h"
#include "job.h"

#define MAX_DEPTH 16    /* of JSON-LD nesting and of nested microdata items we follow */
#define MAX_POSTINGS 50 /* postings kept from one page */
#define SHORT_TEXT_MAX                                                                             \
    CAPTURE_SHORT_MAX             /* company, title, location, salary_range (jobs' limits)         \
                                   */
#define TEXT_MAX CAPTURE_TEXT_MAX /* description, requirements, responsibilities, notes */
#define URL_MAX 2048
#define MAX_SKILLS 40

static pthread_once_t parser_once = PTHREAD_ONCE_INIT;

static void init_parser(void)
{
    xmlInitParser();
}

/* What the walk over the page found. */
struct page {
    json_t *jsonld;    /* JobPosting objects from JSON-LD, in page order */
    json_t *microdata; /* JobPosting microdata items as JSON-LD-like objects */
    char *og_title, *og_description, *og_site_name, *meta_description, *title;
};

static void page_free(struct page *p)
{
    json_decref(p->jsonld);
    json_decref(p->microdata);
    free(p->og_title);
    free(p->og_description);
    free(p->og_site_name);
    free(p->meta_description);
    free(p->title);
}

/* ================================================================ attributes and text */

/* Attribute name of node as a new string (xmlFree'd by the caller), or NULL. */
static char *attr(xmlNodePtr node, const char *name)
{
    return (char *)xmlGetProp(node, (const xmlChar *)name);
}

static bool is_element(xmlNodePtr node, const char *name)
{
    return node->type == XML_ELEMENT_NODE && node->name &&
           strcasecmp((const char *)node->name, name) == 0;
}

/* The text content of node as a malloc'd string (never NULL). */
static char *content_of(xmlNodePtr node)
{
    xmlChar *text = xmlNodeGetContent(node);
    char *copy = strdup(text ? (const char *)text : "");
    xmlFree(text);
    if (copy == NULL)
        abort();
    return copy;
}

/* Keeps the first value seen: *slot takes value (malloc'd) when empty, else value is freed. */
static void keep_first(char **slot, char *value)
{
    if (*slot == NULL && value && *value)
        *slot = value;
    else
        free(value);
}

/* ================================================================ JSON-LD */

/* True when the type name s is type ("JobPosting", "schema:JobPosting",
 * "http://schema.org/JobPosting"). */
static bool names_type(const char *s, const char *type)
{
    size_t len = strlen(s), n = strlen(type);
    return len >= n && strcmp(s + len - n, type) == 0 &&
           (len == n || s[len - n - 1] == '/' || s[len - n - 1] == ':');
}

/* True when obj's @type (a string, or an array of them) names type. */
static bool is_type(json_t *obj, const char *type)
{
    json_t *t = json_object_get(obj, "@type");
    if (json_is_string(t))
        return names_type(json_string_value(t), type);
    size_t i;
    json_t *one;
    json_array_foreach(t, i, one)
    {
        if (json_is_string(one) && names_type(json_string_value(one), type))
            return true;
    }
    return false;
}

/* Appends the JobPostings in v (itself, its elements, its @graph, its mainEntity) to out. */
static void collect_postings(json_t *v, json_t *out, int depth)
{
    if (depth > MAX_DEPTH || json_array_size(out) >= MAX_POSTINGS)
        return;
    size_t i;
    json_t *item;
    if (json_is_array(v)) {
        json_array_foreach(v, i, item)
        {
            collect_postings(item, out, depth + 1);
        }
        return;
    }
    if (!json_is_object(v))
        return;
    if (is_type(v, "JobPosting")) {
        json_array_append(out, v);
        return;
    }
    collect_postings(json_object_get(v, "@graph"), out, depth + 1);
    collect_postings(json_object_get(v, "mainEntity"), out, depth + 1);
}

/* Parses the text of a JSON-LD script. Pages wrap it in comments or CDATA and leave raw line
 * breaks in strings (invalid JSON): both are forgiven. NULL when it still does not parse. */
static json_t *parse_jsonld(const char *text)
{
    size_t len = strlen(text);
    while (len && isspace((unsigned char)*text))
        text++, len--;
    while (len && isspace((unsigned char)text[len - 1]))
        len--;
    static const struct {
        const char *open, *close;
    } wrappers[] = {{"<!--", "-->"}, {"//<![CDATA[", "//]]>"}, {"<![CDATA[", "]]>"}};
    for (size_t i = 0; i < sizeof wrappers / sizeof wrappers[0]; i++) {
        size_t o = strlen(wrappers[i].open), c = strlen(wrappers[i].close);
        if (len >= o + c && strncmp(text, wrappers[i].open, o) == 0 &&
            strncmp(text + len - c, wrappers[i].close, c) == 0) {
            text += o;
            len -= o + c;
        }
    }
    json_t *v = json_loadb(text, len, 0, NULL);
    if (v)
        return v;
    char *copy = malloc(len + 1);
    if (copy == NULL)
        abort();
    for (size_t i = 0; i < len; i++)
        copy[i] = (unsigned char)text[i] < 0x20 ? ' ' : text[i];
    v = json_loadb(copy, len, 0, NULL);
    free(copy);
    return v;
}

/* ================================================================ microdata */

/* The value of a microdata property element that is not an item: the attribute that holds it
 * (content, href, src, datetime, value), else the element's markup, whose text the mapping takes
 * as it takes a JSON-LD description's. */
static json_t *microdata_value(xmlNodePtr node)
{
    static const struct {
        const char *element, *attribute;
    } sources[] = {{"meta", "content"},  {"a", "href"},     {"link", "href"},
                   {"area", "href"},     {"img", "src"},    {"source", "src"},
                   {"time", "datetime"}, {"data", "value"}, {"meter", "value"}};
    for (size_t i = 0; i < sizeof sources / sizeof sources[0]; i++) {
        if (!is_element(node, sources[i].element))
            continue;
        char *text = attr(node, sources[i].attribute);
        if (text) {
            json_t *v = json_string(text);
            xmlFree(text);
            return v ? v : json_string("");
        }
    }
    xmlBufferPtr markup = xmlBufferCreate();
    json_t *v = NULL;
    if (markup) {
        for (xmlNodePtr child = node->children; child; child = child->next)
            htmlNodeDump(markup, node->doc, child);
        v = json_stringn((const char *)xmlBufferContent(markup), (size_t)xmlBufferLength(markup));
        xmlBufferFree(markup);
    }
    return v ? v : json_string("");
}

static json_t *microdata_item(xmlNodePtr item, int depth);

/* Adds the properties found under node (not inside nested items) to obj. */
static void microdata_properties(xmlNodePtr root, json_t *obj, int depth)
{
    xmlNodePtr node = root->children;
    while (node) {
        bool descend = node->type == XML_ELEMENT_NODE && node->children;
        if (node->type == XML_ELEMENT_NODE) {
            char *prop = attr(node, "itemprop");
            bool scope = xmlHasProp(node, (const xmlChar *)"itemscope") != NULL;
            if (prop) {
                /* itemprop may name several properties: "title name" */
                json_t *value = scope ? microdata_item(node, depth + 1) : microdata_value(node);
                char *save = NULL;
                for (char *name = strtok_r(prop, " \t\n", &save); name && value;
                     name = strtok_r(NULL, " \t\n", &save))
                    if (json_object_get(obj, name) == NULL)
                        json_object_set(obj, name, value);
                json_decref(value);
                xmlFree(prop);
            }
            if (scope)
                descend = false; /* its properties are its own */
        }
        if (descend) {
            node = node->children;
            continue;
        }
        while (node != root && node->next == NULL)
            node = node->parent;
        if (node == root)
            break;
        node = node->next;
    }
}

/* The item at node as an object: {"@type": itemtype, properties...}. */
static json_t *microdata_item(xmlNodePtr item, int depth)
{
    json_t *obj = json_object();
    if (depth > MAX_DEPTH)
        return obj;
    char *type = attr(item, "itemtype");
    if (type) {
        char *last = strrchr(type, '/'); /* "https://schema.org/JobPosting" -> JobPosting */
        json_object_set_new(obj, "@type", json_string(last ? last + 1 : type));
        xmlFree(type);
    }
    microdata_properties(item, obj, depth);
    return obj;
}

/* ================================================================ the walk */

static void on_meta(xmlNodePtr node, struct page *p)
{
    char *key = attr(node, "property");
    if (key == NULL)
        key = attr(node, "name");
    if (key == NULL)
        return;
    char *content = attr(node, "content");
    if (content) {
        char *value = strdup(content);
        if (value == NULL)
            abort();
        if (strcasecmp(key, "og:title") == 0)
            keep_first(&p->og_title, value);
        else if (strcasecmp(key, "og:description") == 0)
            keep_first(&p->og_description, value);
        else if (strcasecmp(key, "og:site_name") == 0)
            keep_first(&p->og_site_name, value);
        else if (strcasecmp(key, "description") == 0)
            keep_first(&p->meta_description, value);
        else
            free(value);
        xmlFree(content);
    }
    xmlFree(key);
}

static void on_script(xmlNodePtr node, struct page *p)
{
    char *type = attr(node, "type");
    bool ld = type && strncasecmp(type, "application/ld+json", 19) == 0;
    xmlFree(type);
    if (!ld)
        return;
    char *text = content_of(node);
    json_t *v = parse_jsonld(text);
    free(text);
    if (v)
        collect_postings(v, p->jsonld, 0);
    json_decref(v);
}

static void on_itemscope(xmlNodePtr node, struct page *p)
{
    char *type = attr(node, "itemtype");
    bool posting = type && strstr(type, "JobPosting");
    xmlFree(type);
    if (posting && json_array_size(p->microdata) < MAX_POSTINGS)
        json_array_append_new(p->microdata, microdata_item(node, 0));
}

/* Visits every element once, without recursion. */
static void walk(xmlNodePtr root, struct page *p)
{
    xmlNodePtr node = root;
    while (node) {
        bool descend = false;
        if (node->type == XML_ELEMENT_NODE) {
            descend = node->children != NULL;
            if (is_element(node, "script")) {
                on_script(node, p);
                descend = false;
            } else if (is_element(node, "meta")) {
                on_meta(node, p);
            } else if (is_element(node, "title") && p->title == NULL) {
                keep_first(&p->title, content_of(node));
            } else if (is_element(node, "svg")) {
                descend = false; /* an SVG <title> is no page title */
            }
            if (xmlHasProp(node, (const xmlChar *)"itemscope"))
                on_itemscope(node, p);
        }
        if (descend) {
            node = node->children;
            continue;
        }
        while (node && node != root && node->next == NULL)
            node = node->parent;
        if (node == NULL || node == root)
            break;
        node = node->next;
    }
}

/* The encoding to read bytes in when the caller does not know it. */
static const char *guess_encoding(const char *html, size_t len)
{
    return utf8_valid(html, len) ? "UTF-8" : NULL;
}

static int read_page(const char *html, size_t len, const char *encoding, const char *url,
                     struct page *p, struct err *e)
{
    pthread_once(&parser_once, init_parser);
    if (len > (size_t)INT32_MAX)
        return err_set(e, ERR_INVALID, "html", "the page is too large");
    int options = HTML_PARSE_RECOVER | HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING;
    htmlDocPtr doc = htmlReadMemory(html, (int)len, url,
                                    encoding ? encoding : guess_encoding(html, len), options);
    if (doc == NULL)
        return 0; /* nothing readable: an empty page */
    xmlNodePtr root = xmlDocGetRootElement(doc);
    if (root)
        walk(root, p);
    xmlFreeDoc(doc);
    return 0;
}

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
    int rc = read_page(html, len, encoding, url, &p, e);
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
    page_free(&p);
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
            snprintf(e->field, sizeof e->field, "url");
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
    struct field_value *lo = values_get(&v, "salary_min"), *hi = values_get(&v, "salary_max");
    if (rc == 0 && lo && hi && lo->value.type == STORE_INT && hi->value.type == STORE_INT &&
        lo->value.i > hi->value.i)
        rc =
            err_set(e, ERR_INVALID, "salary_min", "salary_min must not be greater than salary_max");
    return rc ? rc : job_create(c, user_id, &v, a, job, possible, e);
}
