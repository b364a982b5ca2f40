/* This file implements the pure validation rules of validate.h. */
#include "validate.h"

#include <ctype.h>
#include <stdbool.h>
#include <string.h>
#include <strings.h>

int validate_username(const char *field, const char *value, struct err *e)
{
    size_t n = strlen(value);
    bool ok = n >= 3 && n <= 50;
    for (size_t i = 0; ok && i < n; i++)
        ok = isalnum((unsigned char)value[i]) || strchr("_.-", value[i]);
    return ok ? 0
              : err_set(e, ERR_INVALID, field,
                        "%s must be 3 to 50 characters of letters, digits, '_', '.' or '-'", field);
}

int validate_email(const char *field, const char *value, struct err *e)
{
    size_t n = strlen(value);
    const char *at = strchr(value, '@');
    bool ok = n >= 3 && n <= 254 && at && at != value && strchr(at + 1, '@') == NULL;
    for (size_t i = 0; ok && i < n; i++)
        ok =
            (unsigned char)value[i] > ' ' && value[i] != 0x7f && !strchr("<>()[],;:\\\"", value[i]);
    if (ok) {
        const char *domain = at + 1;
        const char *dot = strrchr(domain, '.');
        ok = dot && dot != domain && dot[1] != '\0' && domain[0] != '.' &&
             strstr(domain, "..") == NULL;
    }
    return ok ? 0 : err_set(e, ERR_INVALID, field, "%s must be a valid e-mail address", field);
}

int validate_password(const char *field, const char *value, struct err *e)
{
    size_t chars = 0, n = strlen(value);
    for (size_t i = 0; i < n; i++)
        chars += ((unsigned char)value[i] & 0xC0) != 0x80;
    if (chars < 8)
        return err_set(e, ERR_INVALID, field, "%s must be at least 8 characters", field);
    if (n > 256)
        return err_set(e, ERR_INVALID, field, "%s must be at most 256 bytes", field);
    return 0;
}

int validate_currency(const char *field, const char *value, struct err *e)
{
    bool ok = strlen(value) == 3;
    for (int i = 0; ok && i < 3; i++)
        ok = value[i] >= 'A' && value[i] <= 'Z';
    return ok ? 0
              : err_set(e, ERR_INVALID, field, "%s must be a 3-letter ISO 4217 code such as EUR",
                        field);
}

int validate_url(const char *field, const char *value, struct err *e)
{
    const char *rest = NULL;
    if (strncasecmp(value, "https://", 8) == 0)
        rest = value + 8;
    else if (strncasecmp(value, "http://", 7) == 0)
        rest = value + 7;
    bool ok = rest && *rest && *rest != '/' && strlen(value) <= 2048;
    for (const char *p = value; ok && *p; p++)
        ok = (unsigned char)*p > ' ' && *p != 0x7f;
    return ok ? 0 : err_set(e, ERR_INVALID, field, "%s must be an http(s) URL", field);
}

int validate_page_url(const char *field, const char *value, struct err *e)
{
    if (value[0] != '/')
        return validate_url(field, value, e);
    bool ok = value[1] != '/' && value[1] != '\\' && strlen(value) <= 2048;
    for (const char *p = value; ok && *p; p++)
        ok = (unsigned char)*p > ' ' && *p != 0x7f;
    return ok ? 0
              : err_set(e, ERR_INVALID, field, "%s must be an http(s) URL or a path such as /jobs",
                        field);
}

/* ASCII white space (what a label may not begin or end with). */
static bool is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

int validate_trimmed(const char *field, const char *value, struct err *e)
{
    size_t n = strlen(value);
    if (n == 0)
        return err_set(e, ERR_INVALID, field, "%s must not be empty", field);
    if (is_space(value[0]) || is_space(value[n - 1]))
        return err_set(e, ERR_INVALID, field, "%s must not begin or end with a space", field);
    return 0;
}
