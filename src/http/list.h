/*
 * This file declares the transport's half of every list route: reading ?limit=&offset=
 * (default 20, at most 100), ?sort=field / ?sort=-field and the other query arguments into the
 * neutral struct list_params (src/lib/list_params.h), which the model checks against its list
 * spec; and writing the SPEC's list envelope {"items", "total", "limit", "offset"}.
 */
#ifndef COPILOT_HTTP_LIST_H
#define COPILOT_HTTP_LIST_H

#include "../lib/list_params.h"
#include "request.h"

/* Pure part, exposed for unit tests: parses the paging arguments (each NULL when absent) into
 * p's limit, offset, sort and desc (args untouched). Returns 0 or ERR_INVALID naming limit or
 * offset. */
int http_list_parse(const char *limit, const char *offset, const char *sort, struct list_params *p,
                    struct err *e);
/* Fills p from req's query string (strings in req->arena). Returns 0 or ERR_INVALID (naming
 * limit or offset, or an argument whose name or value is not UTF-8: filters reach the database
 * as text). */
int http_list_params(struct request *req, struct list_params *p);
/* Reads ?name= (limit, per_column, ...) for a route that is not a paged list: fallback when
 * absent, else an integer from 1 to max written in digits alone (ERR_INVALID naming name
 * otherwise, with the message a list route gives ?limit=). */
int http_query_count(struct request *req, const char *name, int64_t fallback, int64_t max,
                     int64_t *out);
/* Reads only ?limit= (1..100, default 20) and ?offset= into p, for a ranked list that pages like
 * every list but takes no sort or filter (src/api/routes.c documents them as page_query).
 * Returns 0 or ERR_INVALID naming either, or naming sort when one is asked for (as an unknown
 * sort field is on every list). */
int http_page_params(struct request *req, struct list_params *p);
/* Starts items (uninitialised) for a page of at most p->limit rows: the envelope's head first
 * and room for about a kilobyte per row, so that http_reply_list sends the buffer itself
 * rather than a copy, and the page's text is not moved as the buffer grows. */
void http_list_items_begin(struct buf *items, const struct list_params *p);
/* Ends items as http_reply_list does, without replying: items then holds the whole body (a
 * page GET /jobs keeps: src/api/jobs.c). */
void http_list_items_end(struct buf *items, int64_t total, const struct list_params *p);
/* Writes the 200 list envelope {"items", "total", "limit", "offset"} around items, the text of
 * the page's JSON array (compact, as the replies dump JSON), with the bytes http_reply_json
 * gives the envelope built in jansson. items holds what http_list_items_begin started and then
 * the array (the reply takes the buffer: items is left empty). Returns 0. */
int http_reply_list(struct request *req, struct buf *items, int64_t total,
                    const struct list_params *p);

/* A model's page of one owner's rows (contact_list, task_list, ...): the rows of page p as the
 * JSON array appended to items (started by http_list_items_begin), and their total. */
typedef int (*owner_list_fn)(struct store_conn *c, int64_t user_id, const struct list_params *p,
                             struct arena *a, struct buf *items, int64_t *total, struct err *e);
/* A whole list route of the caller's rows: p from the query (http_list_params), the page from
 * list, and the 200 envelope (http_reply_list). Returns 0 or list's error. */
int http_reply_owner_list(struct request *req, owner_list_fn list);

/* A route's page when the model call takes more than the owner (the administrator flag, the
 * parent's id from the path): the rows of page p appended to items as owner_list_fn's, their
 * total, errors in req->err. */
typedef int (*page_fn)(struct request *req, const struct list_params *p, struct buf *items,
                       int64_t *total);
/* http_reply_owner_list for such a route: p from the query, the page from page, the envelope. */
int http_reply_paged(struct request *req, page_fn page);
/* The same with p already read (a route that looked at p first to choose how to answer). */
int http_reply_page(struct request *req, const struct list_params *p, page_fn page);

#endif
