/* This file implements `copilot openapi`: the API's OpenAPI 3.1 document on stdout, the same
 * one GET /api/v1/openapi.json serves (src/api/openapi.c). No database is needed. */
#include <stdio.h>

#include "../api/openapi.h"
#include "../api/routes.h"
#include "cli.h"

int cli_openapi(int argc, char **argv)
{
    (void)argv;
    if (argc != 1) {
        fputs("usage: copilot openapi\n", stderr);
        return 2;
    }
    char problem[512];
    json_t *doc = api_openapi_build(api_routes, api_tags, COPILOT_VERSION, problem, sizeof problem);
    if (doc == NULL) {
        fprintf(stderr, "copilot openapi: %s\n", problem);
        return 1;
    }
    cli_print_json(doc);
    return 0;
}
