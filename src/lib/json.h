/*
 * This file declares the JSON helpers for the patterns api/ and model/ repeat with jansson:
 * reading an integer member, walking an array of strings or integers into C, parsing the JSON
 * array text of a column, building an array from C strings, and serialising a value into the
 * request's arena. Every function takes a NULL value as "absent" and never fails: memory comes
 * from jansson (abort-free: a failed allocation reads as absent) or from the arena given.
 */
#ifndef COPILOT_LIB_JSON_H
#define COPILOT_LIB_JSON_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "buf.h"

struct arena;

/* The integer member name of obj: 0 when obj is NULL, lacks it, or it is not an integer. */
int64_t json_get_int(const json_t *obj, const char *name);
/* Points out[0..max) at the strings of array, in order (borrowed: valid while array lives;
 * other values skipped). Returns how many. */
size_t json_get_strings(const json_t *array, const char **out, size_t max);
/* Copies the integers of array into out[0..max), in order (other values skipped). Returns how
 * many. */
size_t json_get_ints(const json_t *array, int64_t *out, size_t max);
/* True when array holds the string s. */
bool json_has_string(const json_t *array, const char *s);

/* Parses text, the JSON array text of a column: a new reference, [] when text is NULL or not
 * an array. */
json_t *json_parse_array(const char *text);

#define JSON_PLAIN_TEXT_MAX 2048 /* bytes json_plain_strings copies at most */
/* The strings of text when it is a JSON array of strings in the plain form: printable ASCII
 * without escapes, at most max of them, JSON_PLAIN_TEXT_MAX bytes in all (a job's tech_stack,
 * read once per job by a scan without jansson). Their copies go into buf (room for
 * JSON_PLAIN_TEXT_MAX) and out[0..*n). False for NULL and for anything else (escapes, other
 * bytes, other values, more strings, malformed text: *n is then meaningless), which the caller
 * reads with jansson; for the plain form both give the same strings. */
bool json_plain_strings(const char *text, const char **out, size_t max, size_t *n, char *buf);
/* The length of text when it is a JSON array of plain strings (as above, any number) written
 * without blanks, or as PostgreSQL writes a jsonb array (one blank after each comma): then
 * json_plain_strings_put writes what json_write_compact writes for what json_loads reads from
 * it, and a row writer copies it so (the job lists' tech_stack). 0 for anything else, NULL
 * included. */
size_t json_plain_strings_compact(const char *text);
/* Appends the first len bytes of text, which json_plain_strings_compact measured, to out
 * without the blanks between elements. */
void json_plain_strings_put(struct buf *out, const char *text, size_t len);
/* The strings of the JSON array text (other values skipped), copied into a: a NULL-terminated
 * list whose length goes to *n. NULL or malformed text gives an empty list. */
const char **json_parse_strings(const char *text, struct arena *a, size_t *n);

/* A new array of the n strings items[0..n) (invalid UTF-8 ones left out). */
json_t *json_from_strings(const char *const *items, size_t n);
/* A new array of the n integers items[0..n). */
json_t *json_from_ints(const int64_t *items, size_t n);
/* s as a new JSON string, or JSON null when s is NULL, empty or not valid UTF-8. */
json_t *json_text_or_null(const char *s);
/* The compact text of v (any value; NULL gives "null") copied into a: json_write_compact's bytes,
 * which are json_dumps's. */
const char *json_to_text(const json_t *v, struct arena *a);

/* Appends s (valid UTF-8) as a JSON string, byte for byte as json_write_compact writes a
 * string (and json_dumps): for replies written straight from rows (the board, the calendar)
 * that must read as the jansson-built ones did. */
void json_buf_string(struct buf *out, const char *s);
/* The same for the n bytes at s (NULs included). */
void json_buf_stringn(struct buf *out, const char *s, size_t n);
/* json_buf_stringn, true when none of the n bytes has its high bit (ASCII, so valid UTF-8): a
 * writer of text it has not checked checks only what this says is not ASCII (utf8_valid), and
 * takes the string back when that fails, without a second pass over every string. */
bool json_buf_stringn_ascii(struct buf *out, const char *s, size_t n);

/* Appends v as json_dumps(v, JSON_COMPACT | JSON_REAL_PRECISION(precision)) writes it, the same
 * bytes (object members in insertion order), without jansson's per-character callbacks and
 * codepoint-by-codepoint string walk: runs of bytes that need no escape are copied at once.
 * The responses (src/http/reply.c) are written with it; tests/unit/lib/test_json.c compares
 * it with json_dumps on random documents. precision 0 means jansson's default (17). */
void json_write_compact(struct buf *out, const json_t *v, int precision);

/* Appends the real v (finite: jansson holds no other) as json_write_compact writes it with
 * precision: for replies written as text that must read as the jansson-built ones did. */
void json_buf_real(struct buf *out, double v, int precision);

/* Streaming a document that jansson would dump in one piece, a part at a time, with the same
 * bytes: json_stream_value appends v (reference kept) dumped with flags as it would appear
 * depth levels deep in the whole document (with JSON_INDENT(n), every line after its first is
 * indented depth * n more); json_stream_key appends the separator before member or item
 * number index (0-based) at depth (1 = a member of the outermost object or array) and, when key
 * is not NULL, "key": as jansson writes it; json_stream_close appends what ends a container at
 * depth - 1 that held count members or items ("]" or "}" per closer). */
void json_stream_value(struct buf *out, json_t *v, size_t flags, int depth);
void json_stream_key(struct buf *out, const char *key, size_t index, size_t flags, int depth);
void json_stream_close(struct buf *out, char closer, size_t count, size_t flags, int depth);

#endif
