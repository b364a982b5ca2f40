/*
 * This file declares the readers of what discovery fetches (SPEC part E, "Discovery from public
 * job boards"; docs/capture-and-discovery.md): Greenhouse's, Lever's and Ashby's public job-board
 * JSON in their documented formats, and RSS 2.0 and Atom feeds (read with libxml2: no network, no
 * DTD, a feed declaring entities is refused). Each turns the answer into job bodies as POST /jobs
 * takes them, with the field rules capture uses (src/model/capture.h). Pure: bytes in, JSON out.
 */
#ifndef COPILOT_MODEL_FEED_H
#define COPILOT_MODEL_FEED_H

#include "table.h"

#define FEED_MAX_POSTINGS 2000 /* read from one answer; the rest is left for a later fetch */

/*
 * Parses data[0..len), the answer of a board of kind ("greenhouse", "lever", "ashby", "rss";
 * rss reads RSS 2.0 and Atom alike), into *jobs (a new array of job objects). company is the
 * employer to name where a posting does not (the source's name; may be NULL: then a feed's
 * title, else nothing). source is what the jobs' source becomes ("api" or "rss").
 * Returns 0, or ERR_INVALID with a message when the answer is not in the board's format.
 */
int feed_parse(const char *kind, const char *data, size_t len, const char *company, json_t **jobs,
               struct err *e);

/* The "name" of Greenhouse's GET /v1/boards/<token> answer (the employer), malloc'd, or NULL. */
char *feed_greenhouse_name(const char *data, size_t len);

/* The title of an RSS channel or Atom feed, malloc'd, or NULL. */
char *feed_title(const char *data, size_t len);

#endif
