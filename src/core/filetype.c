/* This file implements recognition of résumé files by content (filetype.h). */
#include "filetype.h"

#include <stdint.h>
#include <string.h>
#include <strings.h>

#include "utf8.h"

static const char *const names[] = {NULL, "pdf", "docx", "txt", "md"};

const char *filetype_name(enum filetype t)
{
    return (unsigned)t < sizeof names / sizeof *names ? names[t] : NULL;
}

enum filetype filetype_from_name(const char *name)
{
    for (size_t i = 1; name && i < sizeof names / sizeof *names; i++)
        if (strcmp(names[i], name) == 0)
            return (enum filetype)i;
    return FILETYPE_UNKNOWN;
}

const char *filetype_media_type(enum filetype t)
{
    switch (t) {
    case FILETYPE_PDF:
        return "application/pdf";
    case FILETYPE_DOCX:
        return "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    case FILETYPE_TXT:
        return "text/plain; charset=utf-8";
    case FILETYPE_MD:
        return "text/markdown; charset=utf-8";
    default:
        return "application/octet-stream";
    }
}

/* ================================================================ ZIP */

static uint32_t le16(const unsigned char *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8;
}

static uint32_t le32(const unsigned char *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

enum {
    EOCD_SIZE = 22,        /* end of central directory record without its comment */
    CDIR_HEADER_SIZE = 46, /* central directory file header without name, extra, comment */
};

bool filetype_zip_has_entry(const char *data, size_t len, const char *name)
{
    const unsigned char *z = (const unsigned char *)data;
    if (len < EOCD_SIZE)
        return false;
    /* the end record sits at the end, followed only by its comment (at most 65535 bytes) */
    size_t lowest = len - EOCD_SIZE > 65535 ? len - EOCD_SIZE - 65535 : 0;
    size_t eocd = len - EOCD_SIZE + 1;
    bool found = false;
    do {
        eocd--;
        found = memcmp(z + eocd, "PK\5\6", 4) == 0 && eocd + EOCD_SIZE + le16(z + eocd + 20) <= len;
    } while (!found && eocd > lowest);
    if (!found)
        return false;
    uint32_t entries = le16(z + eocd + 10);
    size_t dir_size = le32(z + eocd + 12), dir_offset = le32(z + eocd + 16);
    if (dir_offset > eocd || dir_size > eocd - dir_offset)
        return false; /* also rejects ZIP64 markers (0xFFFFFFFF) */
    size_t name_len = strlen(name);
    size_t pos = dir_offset, end = dir_offset + dir_size;
    for (uint32_t i = 0; i < entries; i++) {
        if (end - pos < CDIR_HEADER_SIZE || memcmp(z + pos, "PK\1\2", 4) != 0)
            return false;
        size_t n = le16(z + pos + 28), extra = le16(z + pos + 30), comment = le16(z + pos + 32);
        size_t record = CDIR_HEADER_SIZE + n + extra + comment;
        if (record > end - pos)
            return false;
        if (n == name_len && memcmp(z + pos + CDIR_HEADER_SIZE, name, n) == 0)
            return true;
        pos += record;
    }
    return false;
}

/* ================================================================ text */

bool filetype_is_text(const char *data, size_t len)
{
    if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
        data += 3, len -= 3;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)data[i];
        if ((c < 0x20 && !(c >= '\t' && c <= '\r')) || c == 0x7F)
            return false; /* NUL and the other controls no text file holds */
    }
    return utf8_valid(data, len);
}

/* True when text has Markdown structure: an ATX heading, a fenced code block, or an inline link
 * to a web address. */
static bool looks_like_markdown(const char *data, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        bool line_start = i == 0 || data[i - 1] == '\n';
        if (line_start && data[i] == '#') {
            size_t n = 0;
            while (i + n < len && data[i + n] == '#')
                n++;
            if (n <= 6 && i + n < len && data[i + n] == ' ')
                return true;
        }
        if (line_start && len - i >= 3 && memcmp(data + i, "```", 3) == 0)
            return true;
        if (data[i] == ']' && len - i >= 6 && memcmp(data + i, "](http", 6) == 0)
            return true;
    }
    return false;
}

static bool has_suffix(const char *name, const char *suffix)
{
    size_t n = strlen(name), s = strlen(suffix);
    return n > s && strcasecmp(name + n - s, suffix) == 0;
}

enum filetype filetype_detect(const char *data, size_t len, const char *filename)
{
    if (len == 0)
        return FILETYPE_UNKNOWN;
    if (len >= 5 && memcmp(data, "%PDF-", 5) == 0)
        return FILETYPE_PDF;
    if (len >= 4 && memcmp(data, "PK\3\4", 4) == 0)
        return filetype_zip_has_entry(data, len, "word/document.xml") ? FILETYPE_DOCX
                                                                      : FILETYPE_UNKNOWN;
    if (!filetype_is_text(data, len))
        return FILETYPE_UNKNOWN;
    if (filename && (has_suffix(filename, ".md") || has_suffix(filename, ".markdown")))
        return FILETYPE_MD;
    return looks_like_markdown(data, len) ? FILETYPE_MD : FILETYPE_TXT;
}
