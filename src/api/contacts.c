/*
 * This file implements the /contacts routes and the contacts of an application (SPEC part E,
 * "Contacts and tasks"). The rules are src/model/contact.c's; this file maps HTTP in and out.
 */
#include "contacts.h"

#include "../http/list.h"
#include "../http/reply.h"
#include "../model/contact.h"
#include "row_reply.h"

int api_contacts_list(struct request *req)
{
    return http_reply_owner_list(req, contact_list);
}

int api_contacts_create(struct request *req)
{
    struct values v = {0};
    int rc = table_parse(&contact_table, req->json, PARSE_CREATE, &req->arena, &v, &req->err);
    json_t *contact = NULL;
    if (rc == 0)
        rc = contact_create(request_db(req), req->user_id, &v, &req->arena, &contact, &req->err);
    return rc ? rc : http_reply_created_at(req, contact, "/api/v1/contacts");
}

int api_contacts_get(struct request *req)
{
    json_t *contact;
    int rc = contact_get(request_db(req), req->user_id, request_param_id(req, 0), &req->arena,
                         &contact, &req->err);
    return rc ? rc : http_reply_json(req, 200, contact);
}

int api_contacts_update(struct request *req)
{
    return api_reply_row_update(req, &contact_table, false, contact_update);
}

int api_contacts_replace(struct request *req)
{
    return api_reply_row_update(req, &contact_table, true, contact_update);
}

int api_contacts_delete(struct request *req)
{
    return api_reply_row_delete(req, &contact_table);
}

/* The contacts linked to the application in the path. */
static int linked_page(struct request *req, const struct list_params *p, struct buf *items,
                       int64_t *total)
{
    return contact_list_linked(request_db(req), req->user_id, request_param_id(req, 0), p,
                               &req->arena, items, total, &req->err);
}

int api_application_contacts_list(struct request *req)
{
    return http_reply_paged(req, linked_page);
}

int api_application_contacts_link(struct request *req)
{
    struct values v = {0};
    int rc =
        table_parse(&application_contact_body, req->json, PARSE_CREATE, &req->arena, &v, &req->err);
    if (rc)
        return rc;
    int64_t application = request_param_id(req, 0);
    int64_t contact_id = values_get(&v, "contact_id")->value.i;
    json_t *contact;
    bool created;
    rc = contact_link(request_db(req), req->user_id, application, contact_id,
                      values_text(&v, "relation"), &req->arena, &contact, &created, &req->err);
    if (rc)
        return rc;
    return http_reply_saved(req, created, contact, "/api/v1/applications/%lld/contacts/%lld",
                            (long long)application, (long long)contact_id);
}

int api_application_contacts_get(struct request *req)
{
    json_t *contact;
    int rc = contact_get_linked(request_db(req), req->user_id, request_param_id(req, 0),
                                request_param_id(req, 1), &req->arena, &contact, &req->err);
    return rc ? rc : http_reply_json(req, 200, contact);
}

int api_application_contacts_unlink(struct request *req)
{
    int rc = contact_unlink(request_db(req), req->user_id, request_param_id(req, 0),
                            request_param_id(req, 1), &req->err);
    return rc ? rc : http_reply_empty(req, 204);
}
