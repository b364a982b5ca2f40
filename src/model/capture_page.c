/*
 * This file implements the capture's reading of a page: one walk over the parsed HTML collects
 * the JSON-LD JobPostings, the microdata JobPosting items (turned into the same JSON shape), the
 * Open Graph and description metas and the <title> (struct page, for capture.c to map).
 */
#include <ctype.h>
#include <libxml/HTMLparser.h>
#include <libxml/HTMLtree.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../core/utf8.h"
#include "capture.h"
#include "capture_internal.h"

#define MAX_DEPTH 16    /* of JSON-LD nesting and of nested microdata items we follow */
#define MAX_POSTINGS 50 /* postings kept from one page */

static pthread_once_t parser_once = PTHREAD_ONCE_INIT;

static void init_parser(void)
{
    xmlInitParser();
}

void capture_page_free(struct page *p)
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
    if (json_is_array(v)) {
        size_t i;
        json_t *item;
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

int capture_read_page(const char *html, size_t len, const char *encoding, const char *url,
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
