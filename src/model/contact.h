/*
 * This file declares the contacts model (SPEC part E, "Contacts and tasks"; migration 0045):
 * the people a user meets along the way (contacts) and the applications each took part in, with
 * the relation (application_contacts). A link joins an application and a contact of the same
 * user (composite foreign keys); linking again changes the relation. Every function is scoped to
 * an owner: another user's contact or application is ERR_NOT_FOUND.
 */
#ifndef COPILOT_MODEL_CONTACT_H
#define COPILOT_MODEL_CONTACT_H

#include "table.h"

/* The contacts table (also the body of POST, PATCH and PUT /contacts). List items carry
 * application_count. */
extern const struct table contact_table;
/* One contact as GET/POST/PATCH/PUT answer it: the row and its applications
 * [{application_id, relation, linked_at, job_id, job_title, company, status}]. */
extern const struct table contact_reply;
/* The application_contacts table (the account export maps it). */
extern const struct table application_contact_table;
/* POST /applications/{id}/contacts: {contact_id (required), relation}. */
extern const struct table application_contact_body;
/* A contact as linked to one application: the row, relation and linked_at. */
extern const struct table linked_contact_reply;
/* The relations a contact may have to an application, NULL-terminated. */
extern const char *const contact_relations[];
/* what its list routes accept (the API document reads them too) */
extern const struct list_spec contact_list_spec;
extern const struct list_spec linked_contact_list_spec;

/* Lists user_id's contacts: filters company (any case), q (full text over name, e-mail,
 * company, role and notes); sort name (default), company, created_at, updated_at. */
int contact_list(struct store_conn *c, int64_t user_id, const struct list_params *p,
                 struct arena *a, struct buf *items, int64_t *total, struct err *e);
/* Creates a contact of user_id from v (parsed against contact_table). *out: as contact_get. */
int contact_create(struct store_conn *c, int64_t user_id, struct values *v, struct arena *a,
                   json_t **out, struct err *e);
/* Contact id of user_id with its applications (contact_reply); ERR_NOT_FOUND otherwise. */
int contact_get(struct store_conn *c, int64_t user_id, int64_t id, struct arena *a, json_t **out,
                struct err *e);
/* Updates contact id with v (If-Match through table_update). *out: as contact_get. */
int contact_update(struct store_conn *c, int64_t user_id, int64_t id, struct values *v,
                   struct arena *a, json_t **out, struct err *e);

/* Links contact contact_id to application application_id, both user_id's, with relation (NULL:
 * "other" for a new link, unchanged for an existing one). ERR_NOT_FOUND without a field when the
 * application is not the user's, naming contact_id when the contact is not. *created says
 * whether the link is new; *out receives the contact as linked (linked_contact_reply). */
int contact_link(struct store_conn *c, int64_t user_id, int64_t application_id, int64_t contact_id,
                 const char *relation, struct arena *a, json_t **out, bool *created, struct err *e);
/* The contact contact_id as linked to application_id (linked_contact_reply); ERR_NOT_FOUND when
 * either is not user_id's or they are not linked. */
int contact_get_linked(struct store_conn *c, int64_t user_id, int64_t application_id,
                       int64_t contact_id, struct arena *a, json_t **out, struct err *e);
/* Removes the link; ERR_NOT_FOUND when there is none (or either is not the user's). */
int contact_unlink(struct store_conn *c, int64_t user_id, int64_t application_id,
                   int64_t contact_id, struct err *e);
/* Lists the contacts linked to application_id (user_id's; ERR_NOT_FOUND otherwise), each with
 * relation and linked_at; filters relation; sort name (default), linked_at. */
int contact_list_linked(struct store_conn *c, int64_t user_id, int64_t application_id,
                        const struct list_params *p, struct arena *a, struct buf *items,
                        int64_t *total, struct err *e);

#endif
