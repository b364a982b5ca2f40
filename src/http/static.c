/* This file implements the embedded web page server of static.h. */
#include "static.h"

#include <ctype.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "../lib/buf.h"
#include "../lib/crypto.h"
#include "../lib/embedded.h"
#include "../lib/xalloc.h"
#include "reply.h"

#define WEB_DIR "web"
#define IMMUTABLE "public, max-age=31536000, immutable"

static const char *content_type_for(const char *path)
{
    static const struct {
        const char *ext, *type;
    } types[] = {
        {".html", "text/html; charset=utf-8"},
        {".css", "text/css; charset=utf-8"},
        {".js", "text/javascript; charset=utf-8"},
        {".mjs", "text/javascript; charset=utf-8"},
        {".json", "application/json"},
        {".svg", "image/svg+xml"},
        {".png", "image/png"},
        {".ico", "image/x-icon"},
        {".txt", "text/plain; charset=utf-8"},
    };
    const char *dot = strrchr(path, '.');
    for (size_t i = 0; dot && i < sizeof types / sizeof types[0]; i++)
        if (strcmp(dot, types[i].ext) == 0)
            return types[i].type;
    return "application/octet-stream";
}

/* One file as served, prepared once. */
struct asset {
    const char *path; /* "/js/app.js" */
    const char *type;
    const unsigned char *data;
    size_t len;
    unsigned char *gz; /* NULL when gzip would not be smaller */
    size_t gz_len;
    char etag[24], gz_etag[28]; /* "<16 hex>" and "<16 hex>-gz", quoted */
};

static struct {
    struct asset *items;
    size_t n;
    char version[17];
} site;
static pthread_once_t site_once = PTHREAD_ONCE_INIT;

/* The gzip form of data (a malloc'd copy), or NULL when it is not smaller. */
static unsigned char *gzip(const unsigned char *data, size_t len, size_t *out_len)
{
    z_stream z = {0};
    if (deflateInit2(&z, 9, Z_DEFLATED, 15 + 16, 9, Z_DEFAULT_STRATEGY) != Z_OK)
        return NULL;
    uLong bound = deflateBound(&z, (uLong)len);
    unsigned char *out = xmalloc(bound);
    z.next_in = (Bytef *)data;
    z.avail_in = (uInt)len;
    z.next_out = out;
    z.avail_out = (uInt)bound;
    int rc = deflate(&z, Z_FINISH);
    *out_len = z.total_out;
    deflateEnd(&z);
    if (rc != Z_STREAM_END || *out_len >= len) {
        free(out);
        return NULL;
    }
    return out;
}

static void digest16(const void *data, size_t len, char out[17])
{
    char hex[CRYPTO_DIGEST_LEN];
    crypto_sha256_hex(data, len, hex);
    memcpy(out, hex, 16);
    out[16] = '\0';
}

static const struct embedded_file *web_file(const char *rel)
{
    char path[256];
    snprintf(path, sizeof path, WEB_DIR "%s", rel);
    return embedded_find(path);
}

/* index.html with every attribute value "/X" that names a web file turned into "/v/<version>/X". */
static unsigned char *versioned_index(const unsigned char *data, size_t len, size_t *out_len)
{
    struct buf b;
    buf_init(&b);
    const char *p = (const char *)data, *end = p + len;
    while (p < end) {
        const char *q = strstr(p, "=\"/");
        if (q == NULL || q >= end) {
            buf_append(&b, p, (size_t)(end - p));
            break;
        }
        const char *value = q + 2, *close = strchr(value, '"');
        buf_append(&b, p, (size_t)(value - p));
        char rel[200];
        size_t n = close ? (size_t)(close - value) : 0;
        if (n > 1 && n < sizeof rel) {
            memcpy(rel, value, n);
            rel[n] = '\0';
            if (web_file(rel))
                buf_printf(&b, "/v/%s", site.version);
        }
        p = value;
        if (close == NULL) {
            buf_append(&b, p, (size_t)(end - p));
            break;
        }
        buf_append(&b, p, (size_t)(close - p));
        p = close;
    }
    *out_len = b.len;
    return (unsigned char *)buf_steal(&b);
}

static void prepare(void)
{
    size_t count = 0;
    const size_t prefix = sizeof WEB_DIR - 1;
    for (const struct embedded_file *f = embedded_files; f->path; f++)
        count += strncmp(f->path, WEB_DIR "/", prefix + 1) == 0;
    site.items = xcalloc(count ? count : 1, sizeof *site.items);
    /* the version: a digest of every file's name and bytes */
    struct buf all;
    buf_init(&all);
    for (const struct embedded_file *f = embedded_files; f->path; f++) {
        if (strncmp(f->path, WEB_DIR "/", prefix + 1) != 0)
            continue;
        buf_append(&all, f->path, strlen(f->path) + 1);
        buf_append(&all, f->data, f->len);
    }
    digest16(all.data ? all.data : "", all.len, site.version);
    buf_free(&all);
    for (const struct embedded_file *f = embedded_files; f->path; f++) {
        if (strncmp(f->path, WEB_DIR "/", prefix + 1) != 0)
            continue;
        struct asset *a = &site.items[site.n++];
        a->path = f->path + prefix;
        a->type = content_type_for(f->path);
        a->data = f->data;
        a->len = f->len;
        if (strcmp(a->path, "/index.html") == 0)
            a->data = versioned_index(f->data, f->len, &a->len);
        char digest[17];
        digest16(a->data, a->len, digest);
        snprintf(a->etag, sizeof a->etag, "\"%s\"", digest);
        snprintf(a->gz_etag, sizeof a->gz_etag, "\"%s-gz\"", digest);
        a->gz = gzip(a->data, a->len, &a->gz_len);
    }
}

const char *http_static_version(void)
{
    pthread_once(&site_once, prepare);
    return site.version;
}

/* Case-insensitive match of the token at p (length n) against word. */
static bool token_is(const char *p, size_t n, const char *word)
{
    return strlen(word) == n && strncasecmp(p, word, n) == 0;
}

bool http_accepts_gzip(const char *value)
{
    if (value == NULL)
        return false;
    const char *p = value;
    while (*p) {
        while (*p == ' ' || *p == '\t' || *p == ',')
            p++;
        const char *name = p;
        while (*p && *p != ',' && *p != ';' && *p != ' ' && *p != '\t')
            p++;
        size_t n = (size_t)(p - name);
        double q = 1;
        while (*p == ' ' || *p == '\t')
            p++;
        while (*p == ';') { /* parameters: only q matters */
            p++;
            while (*p == ' ' || *p == '\t')
                p++;
            if ((p[0] == 'q' || p[0] == 'Q') && p[1] == '=')
                q = strtod(p + 2, NULL);
            while (*p && *p != ',' && *p != ';')
                p++;
        }
        if (n &&
            (token_is(name, n, "gzip") || token_is(name, n, "x-gzip") || token_is(name, n, "*")))
            return q > 0;
        while (*p && *p != ',')
            p++;
    }
    return false;
}

bool http_etag_matches(const char *value, const char *etag)
{
    if (value == NULL)
        return false;
    size_t want = strlen(etag);
    const char *p = value;
    while (*p) {
        while (*p == ' ' || *p == '\t' || *p == ',')
            p++;
        if (*p == '*')
            return true;
        if (p[0] == 'W' && p[1] == '/') /* If-None-Match compares weakly */
            p += 2;
        const char *start = p;
        if (*p == '"') {
            const char *close = strchr(p + 1, '"');
            p = close ? close + 1 : p + strlen(p);
        } else {
            while (*p && *p != ',')
                p++;
        }
        if ((size_t)(p - start) == want && strncmp(start, etag, want) == 0)
            return true;
    }
    return false;
}

static const struct asset *find(const char *rel)
{
    for (size_t i = 0; i < site.n; i++)
        if (strcmp(site.items[i].path, rel) == 0)
            return &site.items[i];
    return NULL;
}

int http_static_serve(struct request *req)
{
    if (strcmp(req->method, "GET") != 0 && strcmp(req->method, "HEAD") != 0)
        return ERR_NOT_FOUND;
    /* only a path names a file: a request target without its leading slash ("*", which
     * libmicrohttpd lets through on any method, or "x") crashed the server below (strrchr found
     * no '/'; second hostile probe, thirty-third round) */
    if (req->path[0] != '/' || strstr(req->path, "..") || strlen(req->path) > 200)
        return ERR_NOT_FOUND;
    pthread_once(&site_once, prepare);
    const char *rel = req->path;
    bool current = false;
    if (strncmp(rel, "/v/", 3) == 0) { /* /v/<version>/<file> */
        const char *slash = strchr(rel + 3, '/');
        if (slash == NULL)
            return ERR_NOT_FOUND;
        current = (size_t)(slash - rel - 3) == strlen(site.version) &&
                  strncmp(rel + 3, site.version, strlen(site.version)) == 0;
        rel = slash;
    }
    if (strcmp(rel, "/") == 0)
        rel = "/index.html";
    const struct asset *a = find(rel);
    if (a == NULL && strchr(strrchr(rel, '/'), '.') == NULL && strlen(rel) < 200) {
        /* a page without its extension: /capture is web/capture.html */
        char page[208];
        snprintf(page, sizeof page, "%s.html", rel);
        a = find(page);
    }
    if (a == NULL)
        return ERR_NOT_FOUND;
    bool zipped = a->gz && http_accepts_gzip(request_header(req, "Accept-Encoding"));
    const char *etag = zipped ? a->gz_etag : a->etag;
    /* an old version's URL gets today's file, revalidated: never cached as immutable */
    http_add_header(req, "Cache-Control", current ? IMMUTABLE : "no-cache");
    http_add_header(req, "ETag", etag);
    if (a->gz)
        http_add_header(req, "Vary", "Accept-Encoding");
    if (http_etag_matches(request_header(req, "If-None-Match"), etag))
        return http_reply_bytes(req, 304, NULL, "", 0);
    if (zipped) {
        http_add_header(req, "Content-Encoding", "gzip");
        return http_reply_bytes(req, 200, a->type, (const char *)a->gz, a->gz_len);
    }
    return http_reply_bytes(req, 200, a->type, (const char *)a->data, a->len);
}
