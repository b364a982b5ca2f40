/*
 * This file declares the catalogue loader: the career resources and learning paths shipped in
 * the binary (assets/resources.json, assets/learning_paths.json, embedded at build time) are
 * put into the database when the server starts. Resources are matched by slug and paths by
 * name; a row that exists already is left alone (INSERT ... ON CONFLICT DO NOTHING), so
 * loading again, or from several servers at once, changes nothing and keeps administrators'
 * edits. Paths name their resources by slug; the loader turns slugs into ids.
 */
#ifndef COPILOT_MODEL_CATALOGUE_H
#define COPILOT_MODEL_CATALOGUE_H

#include "table.h"

/* Loads both files through c in one transaction. *resources and *paths (may be NULL) receive
 * how many rows were new. Returns 0, ERR_INVALID when a shipped entry is invalid (e names the
 * file and entry; nothing is loaded), or a store error. */
int catalogue_load(struct store_conn *c, struct arena *a, int *resources, int *paths,
                   struct err *e);

/* For `copilot serve`: loads the catalogue on a connection of s and logs the outcome. A
 * failure is logged, never fatal (the server runs without the shipped catalogue). */
void catalogue_install(struct store *s);

#endif
