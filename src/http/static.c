/* This file implements the embedded web page server of static.h. */
#include "static.h"

#include <stdio.h>
#include <string.h>

#include "../lib/embedded.h"
#include "reply.h"

static const char *content_type_for(const char *path)
{
    static const struct {
        const char *ext, *type;
    } types[] = {
        {".html", "text/html; charset=utf-8"}, {".css", "text/css; charset=utf-8"},
        {".js", "text/javascript; charset=utf-8"}, {".mjs", "text/javascript; charset=utf-8"},
        {".json", "application/json"}, {".svg", "image/svg+xml"}, {".png", "image/png"},
        {".ico", "image/x-icon"}, {".txt", "text/plain; charset=utf-8"},
    };
    const char *dot = strrchr(path, '.');
    for (size_t i = 0; dot && i < sizeof types / sizeof types[0]; i++)
        if (strcmp(dot, types[i].ext) == 0)
            return types[i].type;
    return "application/octet-stream";
}

int http_static_serve(struct request *req)
{
    if (strcmp(req->method, "GET") != 0 && strcmp(req->method, "HEAD") != 0)
        return ERR_NOT_FOUND;
    if (strstr(req->path, "..") || strlen(req->path) > 200)
        return ERR_NOT_FOUND;
    const char *rel = strcmp(req->path, "/") == 0 ? "/index.html" : req->path;
    char path[256];
    snprintf(path, sizeof path, "web%s", rel);
    const struct embedded_file *f = embedded_find(path);
    if (f == NULL && strchr(strrchr(path, '/'), '.') == NULL) {
        /* a page without its extension: /capture is web/capture.html */
        size_t n = strlen(path);
        if (n + 5 < sizeof path) {
            memcpy(path + n, ".html", 6);
            f = embedded_find(path);
        }
    }
    if (f == NULL)
        return ERR_NOT_FOUND;
    http_add_header(req, "Cache-Control", "no-cache");
    return http_reply_bytes(req, 200, content_type_for(path), (const char *)f->data, f->len);
}
