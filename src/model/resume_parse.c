/*
 * This file implements the résumé parsing pipeline of resume_parse.h: text from pdftotext
 * (lib/pdftext.c), the DOCX reader (core/docx.c) or the bytes themselves, cleaned and analysed
 * (core/cv_text.c), and the analysis mapped to the JSON columns of resume_uploads.
 */
#include "resume_parse.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../core/cv_text.h"
#include "../core/docx.h"
#include "../core/skills.h"
#include "../core/utf8.h"
#include "../lib/buf.h"
#include "../lib/json.h"
#include "../lib/log.h"
#include "../lib/pdftext.h"

#define RESUME_TEXT_MAX 100000 /* bytes of cleaned text kept in parsed_data and analysed */
#define FILENAME_MAX_CHARS 255

/* ================================================================ file names */

/* The client's filename fit for display: the last path component, control characters
 * dropped, invalid UTF-8 replaced, trimmed, at most FILENAME_MAX_CHARS characters; a fallback
 * "resume.<type>" when nothing usable is left. Never used to build a path. */
const char *resume_display_filename(const char *client, enum filetype type, struct arena *a)
{
    const char *base = client ? client : "";
    for (const char *p = base; *p; p++)
        if (*p == '/' || *p == '\\')
            base = p + 1;
    size_t len = strlen(base), pos = 0, chars = 0;
    struct buf out;
    buf_init(&out);
    while (pos < len && chars < FILENAME_MAX_CHARS) {
        uint32_t cp = utf8_next(base, len, &pos);
        if (cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) || (out.len == 0 && cp == ' '))
            continue;
        char bytes[UTF8_MAX_BYTES];
        size_t nbytes = utf8_encode(cp, bytes);
        buf_append(&out, bytes, nbytes);
        chars++;
    }
    while (out.len > 0 && out.data[out.len - 1] == ' ')
        out.len--;
    const char *name;
    if (out.len == 0 || (out.len == 1 && out.data[0] == '.') ||
        (out.len == 2 && memcmp(out.data, "..", 2) == 0))
        name = arena_printf(a, "resume.%s", filetype_name(type));
    else
        name = arena_strndup(a, out.data, out.len);
    buf_free(&out);
    return name;
}

/* ================================================================ analysis to JSON */

static json_t *date_json(struct cv_date d)
{
    if (d.year == 0)
        return json_null();
    char text[16];
    if (d.month)
        snprintf(text, sizeof text, "%04d-%02d", d.year, d.month);
    else
        snprintf(text, sizeof text, "%04d", d.year);
    return json_string(text);
}

/* extracted_contact_info: {name, email, phone, links} (null for what was not found). */
static json_t *contact_json(const struct cv_contact *c)
{
    json_t *links = json_array();
    for (int i = 0; i < c->nlinks; i++) {
        json_t *l = json_string(c->links[i]);
        if (l)
            json_array_append_new(links, l);
    }
    return json_pack("{s:o, s:o, s:o, s:o}", "name", json_text_or_null(c->name), "email",
                     json_text_or_null(c->email), "phone", json_text_or_null(c->phone), "links",
                     links);
}

/* extracted_skills: the canonical skill names. */
static json_t *skills_json(const struct cv_analysis *r)
{
    return json_from_strings(r->skills, r->nskills);
}

static json_t *entries_json(const struct cv_entry *entries, int n, bool education)
{
    json_t *list = json_array();
    for (int i = 0; i < n; i++) {
        const struct cv_entry *x = &entries[i];
        json_t *o = json_pack("{s:o, s:o, s:o, s:b}", "title", json_text_or_null(x->title), "start",
                              date_json(x->start), "end", date_json(x->end), "current", x->current);
        if (education) {
            json_object_set_new(o, "institution", json_text_or_null(x->institution));
            json_object_set_new(o, "degree", x->degree ? json_string(x->degree) : json_null());
        } else {
            const char *highlights[CV_MAX_HIGHLIGHTS];
            for (int k = 0; k < x->nhighlights; k++)
                highlights[k] = x->highlights[k];
            json_object_set_new(o, "company", json_text_or_null(x->company));
            json_object_set_new(o, "location", json_text_or_null(x->location));
            json_object_set_new(o, "highlights",
                                json_from_strings(highlights, (size_t)x->nhighlights));
        }
        json_array_append_new(list, o);
    }
    return list;
}

/* parsed_data for an analysis of text: {text, text_truncated, contact, skills, sections,
 * experience: {level, years, entries}, education: {highest_degree, entries}}. New reference. */
static json_t *parsed_json(const struct cv_analysis *r, const char *text, bool truncated)
{
    json_t *sections = json_array();
    for (size_t i = 1; i < r->nsections; i++) {
        const char *name = cv_section_name(r->sections[i].kind);
        bool seen = false;
        size_t k;
        json_t *s;
        json_array_foreach(sections, k, s) seen = seen || strcmp(json_string_value(s), name) == 0;
        if (!seen)
            json_array_append_new(sections, json_string(name));
    }
    json_t *experience =
        json_pack("{s:o, s:o, s:o}", "level", r->level ? json_string(r->level) : json_null(),
                  "years", r->years >= 0 ? json_integer(r->years) : json_null(), "entries",
                  entries_json(r->experience, r->nexperience, false));
    json_t *education = json_pack("{s:o, s:o}", "highest_degree",
                                  r->highest_degree ? json_string(r->highest_degree) : json_null(),
                                  "entries", entries_json(r->education, r->neducation, true));
    json_t *body = json_string(text);
    return json_pack("{s:o, s:b, s:o, s:o, s:o, s:o, s:o}", "text", body ? body : json_string(""),
                     "text_truncated", truncated, "contact", contact_json(&r->contact), "skills",
                     skills_json(r), "sections", sections, "experience", experience, "education",
                     education);
}

/* ================================================================ the pipeline */

void resume_parse(enum filetype type, const char *data, size_t len, struct arena *a,
                  struct resume_parsed *out)
{
    memset(out, 0, sizeof *out);
    struct buf raw;
    buf_init(&raw);
    struct err e = {0};
    bool cut = false;
    int rc = 0;
    if (type == FILETYPE_PDF)
        rc = pdftext_extract(data, len, &raw, &cut, &e);
    else if (type == FILETYPE_DOCX)
        rc = docx_extract_text(data, len, &raw, &e);
    else
        buf_append(&raw, data, len);
    if (rc == ERR_INTERNAL)
        log_error("résumé text: %s", e.message);

    bool truncated = false;
    char *text =
        rc ? NULL : cv_text_clean(raw.data ? raw.data : "", raw.len, RESUME_TEXT_MAX, &truncated);
    buf_free(&raw);
    out->extracted_skills = "[]";
    if (rc == 0 && text[0] == '\0')
        rc = err_set(&e, ERR_INVALID, NULL, "the file holds no text (a scanned image?)");
    if (rc) {
        out->parsing_status = "failed";
        out->parsing_error = arena_strdup(a, e.message);
        free(text);
        return;
    }
    time_t now = time(NULL);
    struct tm tm;
    gmtime_r(&now, &tm);
    struct cv_analysis *r = arena_alloc(a, sizeof *r);
    cv_analyse(text, skills_default(), tm.tm_year + 1900, tm.tm_mon + 1, r);

    json_t *parsed = parsed_json(r, text, truncated || cut);
    json_t *skills = skills_json(r), *contact = contact_json(&r->contact);
    out->parsing_status = "completed";
    out->parsed_data = json_to_text(parsed, a);
    out->extracted_skills = json_to_text(skills, a);
    out->extracted_contact_info = json_to_text(contact, a);
    out->extracted_experience = r->level;
    json_decref(parsed);
    json_decref(skills);
    json_decref(contact);
    free(text);
}
