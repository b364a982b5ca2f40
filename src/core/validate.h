/*
 * This file declares the pure validation rules shared by the API and the command line:
 * usernames, e-mail addresses, passwords, currency codes, URLs, labels. Each rule has the
 * signature of struct field's check hook: it takes the field name for the error, the value, and
 * the error channel, and returns 0 or ERR_INVALID.
 */
#ifndef COPILOT_CORE_VALIDATE_H
#define COPILOT_CORE_VALIDATE_H

#include "../lib/err.h"

/* 3-50 characters of [A-Za-z0-9_.-]. */
int validate_username(const char *field, const char *value, struct err *e);
/* local@domain.tld: no spaces, one @, a dot in the domain, at most 254 characters. */
int validate_email(const char *field, const char *value, struct err *e);
/* At least 8 characters (code points), at most 256 bytes. */
int validate_password(const char *field, const char *value, struct err *e);
/* ISO 4217 shape: three upper-case ASCII letters. */
int validate_currency(const char *field, const char *value, struct err *e);
/* http:// or https:// (any case) followed by a host; at most 2048 bytes, no spaces or control
 * characters. Every URL field a client writes uses it (or validate_page_url), so javascript:,
 * data:, file: and other schemes are refused (docs/security.md). */
int validate_url(const char *field, const char *value, struct err *e);
/* A page of this site or another: an http(s) URL as validate_url, or a path on this site
 * ("/jobs?x=1": one leading '/', not "//", which a browser reads as another host). */
int validate_page_url(const char *field, const char *value, struct err *e);
/* Not empty, and neither beginning nor ending with white space (a label, compared as typed;
 * blank text is refused for required fields by table_parse already). */
int validate_trimmed(const char *field, const char *value, struct err *e);

#endif
