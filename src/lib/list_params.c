/* This file implements the lookup of list_params.h. */
#include "list_params.h"

#include <string.h>

const char *list_params_get(const struct list_params *p, const char *name)
{
    for (size_t i = 0; i < p->nargs; i++)
        if (strcmp(p->args[i].name, name) == 0)
            return p->args[i].value;
    return NULL;
}
