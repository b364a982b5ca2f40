/* This file implements `copilot user create|set-admin|delete`: accounts without the API. */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "../core/validate.h"
#include "../lib/crypto.h"
#include "../lib/json.h"
#include "../model/account.h"
#include "../model/user.h"
#include "cli.h"

static int create(struct store_conn *c, int argc, char **argv, struct arena *a, struct err *e)
{
    bool admin = false;
    const char *args[3];
    int n = 0;
    for (int i = 2; i < argc; i++) { /* three names and --admin: misuse() checked it */
        if (strcmp(argv[i], "--admin") == 0)
            admin = true;
        else
            args[n++] = argv[i];
    }
    char *email = arena_strdup(a, args[1]);
    for (char *p = email; *p; p++)
        *p = (char)tolower((unsigned char)*p);
    int rc = validate_username("username", args[0], e);
    if (rc == 0)
        rc = validate_email("email", email, e);
    if (rc == 0)
        rc = validate_password("password", args[2], e);
    if (rc)
        return rc;
    char hash[CRYPTO_PWHASH_LEN];
    if (crypto_password_hash(args[2], hash) != 0)
        return err_set(e, ERR_INTERNAL, NULL, "cannot hash the password");
    json_t *user;
    rc = user_create(c, args[0], email, hash, admin, a, &user, e);
    if (rc)
        return rc;
    printf("created user %s (id %lld)%s\n", args[0], (long long)json_get_int(user, "id"),
           admin ? " with administrator rights" : "");
    json_decref(user);
    return 0;
}

static int find(struct store_conn *c, const char *username, int64_t *id, struct err *e)
{
    int rc = user_id_by_username(c, username, id, e);
    if (rc == 0 && *id == 0)
        rc = err_set(e, ERR_NOT_FOUND, NULL, "no user called %s", username);
    return rc;
}

static int set_admin(struct store_conn *c, int argc, char **argv, struct arena *a, struct err *e)
{
    bool off = argc == 4;
    int64_t id;
    int rc = find(c, argv[2], &id, e);
    if (rc)
        return rc;
    struct values v = {0};
    values_set(&v, &user_table, "is_admin", SV_BOOL(!off));
    rc = table_update(c, &user_table, 0, id, &v, a, NULL, e);
    if (rc == 0)
        printf("%s is %s an administrator\n", argv[2], off ? "no longer" : "now");
    return rc;
}

static int delete (struct store_conn *c, int argc, char **argv, struct err *e)
{
    int64_t id;
    int rc = find(c, argv[2], &id, e);
    if (rc == 0)
        rc = account_delete(c, id, e);
    if (rc == 0)
        printf("deleted user %s and all their data\n", argv[2]);
    return rc;
}

struct user_command {
    char verb; /* 'c'reate, 's'et-admin, 'd'elete */
    int argc;
    char **argv;
};

static int run(struct store_conn *c, struct arena *a, void *ctx, struct err *e)
{
    const struct user_command *cmd = ctx;
    if (cmd->verb == 'c')
        return create(c, cmd->argc, cmd->argv, a, e);
    if (cmd->verb == 's')
        return set_admin(c, cmd->argc, cmd->argv, a, e);
    return delete (c, cmd->argc, cmd->argv, e);
}

/* The arguments' shape, checked before the database is opened (a mistyped command creates or
 * migrates nothing): NULL when it fits, else the action's usage line. */
static const char *misuse(const char *action, int argc, char **argv)
{
    if (strcmp(action, "create") == 0) {
        int plain = 0;
        for (int i = 2; i < argc; i++)
            plain += strcmp(argv[i], "--admin") != 0;
        return plain == 3 ? NULL : "usage: copilot user create USERNAME EMAIL PASSWORD [--admin]";
    }
    if (strcmp(action, "set-admin") == 0)
        return argc == 3 || (argc == 4 && strcmp(argv[3], "--off") == 0)
                   ? NULL
                   : "usage: copilot user set-admin USERNAME [--off]";
    return argc == 3 ? NULL : "usage: copilot user delete USERNAME";
}

int cli_user(int argc, char **argv)
{
    const char *action = argc > 1 ? argv[1] : "";
    bool known = strcmp(action, "create") == 0 || strcmp(action, "set-admin") == 0 ||
                 strcmp(action, "delete") == 0;
    if (!known)
        return cli_usage(false);
    const char *wrong = misuse(action, argc, argv);
    if (wrong) {
        fprintf(stderr, "%s\n", wrong);
        return 2;
    }
    struct user_command cmd = {action[0], argc, argv};
    struct err e = {0};
    int rc = cli_with_store(run, &cmd, &e);
    if (rc)
        fprintf(stderr, "copilot user %s: %s%s%s\n", action, e.field[0] ? e.field : "",
                e.field[0] ? ": " : "", e.message);
    return rc == 0 ? 0 : rc == ERR_BAD_REQUEST ? 2 : 1;
}
