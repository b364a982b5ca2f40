/*
 * This file declares the pure validation rules shared by the API and the command line:
 * usernames, e-mail addresses, passwords, currency codes. Each rule has the signature of
 * struct field's check hook: it takes the field name for the error, the value, and the error
 * channel, and returns 0 or ERR_INVALID.
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
/* http:// or https:// followed by a host. */
int validate_url(const char *field, const char *value, struct err *e);

#endif
