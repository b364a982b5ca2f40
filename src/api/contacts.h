/* This file declares the /contacts routes (CRUD) and the contacts of an application
 * (/applications/{id}/contacts: list, link or change the relation, one link, unlink). */
#ifndef COPILOT_API_CONTACTS_H
#define COPILOT_API_CONTACTS_H

#include "../http/request.h"

int api_contacts_list(struct request *req);
int api_contacts_create(struct request *req);
int api_contacts_get(struct request *req);
int api_contacts_update(struct request *req);
int api_contacts_replace(struct request *req);
int api_contacts_delete(struct request *req);
int api_application_contacts_list(struct request *req);
int api_application_contacts_link(struct request *req);
int api_application_contacts_get(struct request *req);
int api_application_contacts_unlink(struct request *req);

#endif
