/*
 * Fuzzes the pure rules of capture and discovery (src/core/posting.c): the text of an HTML
 * fragment, employment types, remote words, salary periods and amounts, the source of a URL,
 * board names, dates and the split of a page title. The first byte picks nothing: every
 * function runs on the whole input (and posting_html_text on its bytes with NULs).
 * Properties: posting_html_text gives valid UTF-8 when its input is valid, without blanks at
 * either end and no run of more than one empty line; an amount read is finite and not
 * negative; a date written is YYYY-MM-DD; the title parts are trimmed and non-empty when set.
 */
#include "fuzz.h"

#include <math.h>

#include "core/posting.h"

static void check_part(const char *s)
{
    if (s == NULL)
        return;
    size_t len = strlen(s);
    FUZZ_CHECK(len > 0);
}

static void check_date(const char d[11])
{
    FUZZ_CHECK(strlen(d) == 10 && d[4] == '-' && d[7] == '-');
    for (int i = 0; i < 10; i++)
        if (i != 4 && i != 7)
            FUZZ_CHECK(d[i] >= '0' && d[i] <= '9');
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *raw = (const char *)data;
    char *text = posting_html_text(raw, size);
    FUZZ_CHECK(text != NULL);
    size_t tlen = strlen(text);
    if (fuzz_utf8_valid(raw, size) && memchr(raw, 0, size) == NULL)
        FUZZ_CHECK(fuzz_utf8_valid(text, tlen));
    if (tlen) {
        FUZZ_CHECK(text[0] != ' ' && text[0] != '\n');
        FUZZ_CHECK(text[tlen - 1] != ' ' && text[tlen - 1] != '\n');
    }
    FUZZ_CHECK(strstr(text, "\n\n\n") == NULL);
    free(text);

    char *s = fuzz_strndup(raw, size);
    (void)posting_job_type(s);
    (void)posting_remote_option(s);
    struct posting_period per = posting_salary_period(s);
    FUZZ_CHECK(per.per_year >= 0 && per.per_year <= 2080);
    double amount;
    if (posting_parse_amount(s, &amount))
        FUZZ_CHECK(isfinite(amount) && amount >= 0);
    FUZZ_CHECK(posting_source_for_url(s) != NULL);
    (void)posting_is_board_name(s);
    char date[11];
    if (posting_date(s, date))
        check_date(date);
    if (posting_feed_date(s, date))
        check_date(date);
    struct posting_title t;
    posting_split_title(s, &t);
    check_part(t.title);
    check_part(t.company);
    check_part(t.location);
    posting_title_free(&t);
    free(s);
    return 0;
}
