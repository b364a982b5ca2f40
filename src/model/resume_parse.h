/*
 * This file declares the résumé parsing pipeline: from the bytes of an upload whose type is
 * known (core/filetype.h) to the parse columns of its resume_uploads row. The text comes from
 * pdftotext (lib/pdftext.c), the DOCX reader (core/docx.c) or the bytes themselves, then it
 * is cleaned and analysed (core/cv_text.h). A file that cannot be read is not an error: it is
 * stored with parsing_status "failed" and the reason in parsing_error.
 */
#ifndef COPILOT_MODEL_RESUME_PARSE_H
#define COPILOT_MODEL_RESUME_PARSE_H

#include <stddef.h>

#include "../core/filetype.h"
#include "table.h"

/* The parse columns of a row (JSON members as serialised text; strings in the arena). */
struct resume_parsed {
    const char *parsing_status;         /* "completed" or "failed" */
    const char *parsing_error;          /* why it failed, or NULL */
    const char *parsed_data;            /* {text, text_truncated, contact, skills, sections,
                                           experience: {level, years, entries},
                                           education: {highest_degree, entries}}, or NULL */
    const char *extracted_skills;       /* the canonical skill names ("[]" when failed) */
    const char *extracted_experience;   /* the estimated level, or NULL */
    const char *extracted_contact_info; /* {name, email, phone, links}, or NULL */
};

/* Extracts, cleans and analyses data[0..len) of the given type into *out. Never fails. */
void resume_parse(enum filetype type, const char *data, size_t len, struct arena *a,
                  struct resume_parsed *out);

/* The client's filename fit for display: the last path component, control characters
 * dropped, invalid UTF-8 replaced, trimmed, at most 255 characters; "resume.<type>" when
 * nothing usable is left. Never used to build a path. */
const char *resume_display_filename(const char *client, enum filetype type, struct arena *a);

#endif
