/*
 * This file implements the OAuth 2 routes. A provider NAME is configured by environment
 * variables COPILOT_OAUTH_<NAME>_CLIENT_ID, _CLIENT_SECRET, _AUTHORIZE_URL, _TOKEN_URL,
 * _USERINFO_URL, _REDIRECT_URI and optionally _SCOPE (default "openid email profile").
 * /start stores a state and a PKCE verifier and redirects to the provider; /callback consumes
 * the state, exchanges the code (with the verifier) for an access token, reads the userinfo
 * and signs the linked (or new) user in with a session token, as /auth/login does.
 */
#include "oauth.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../http/reply.h"
#include "../lib/crypto.h"
#include "../lib/httpclient.h"
#include "../model/oauth.h"
#include "../model/table.h"
#include "../model/user.h"
#include "auth.h"

struct provider {
    const char *name;
    const char *client_id, *client_secret, *authorize_url, *token_url, *userinfo_url, *redirect_uri,
        *scope;
};

/*
 * The state of a flow is bound to the browser that started it: /start sets it in this cookie
 * too (HttpOnly, SameSite=Lax, for the callback's path only; Secure over https), and the
 * callback requires the cookie to hold the state the address carries. Without the binding, an
 * address with a state and a code from someone else's flow (an attacker's, started and
 * authorised with their own provider account, then sent to a victim as a link to the page or
 * the callback) signed the victim's browser into the attacker's account, where what the victim
 * then stored (a résumé, their search) was the attacker's to read: login CSRF (RFC 6749
 * section 10.12). The state alone only stopped replays and made-up states.
 */
#define STATE_COOKIE "copilot_oauth_state"
#define STATE_COOKIE_PATH "/api/v1/auth/oauth/"

static const char *setting(const char *name, const char *key)
{
    char var[128];
    int n = snprintf(var, sizeof var, "COPILOT_OAUTH_%s_%s", name, key);
    for (int i = 14; i < n; i++)
        var[i] = (char)toupper((unsigned char)var[i]);
    const char *v = getenv(var);
    return v && *v ? v : NULL;
}

/* Fills p with the settings of the provider called name; false when it is not (completely)
 * configured or the name is not a plausible one. */
static bool provider_named(const char *name, struct provider *p)
{
    bool ok = name && *name && strlen(name) <= 32;
    for (const char *c = name; ok && *c; c++)
        ok = isalnum((unsigned char)*c) || *c == '_';
    if (!ok)
        return false;
    *p = (struct provider){
        .name = name,
        .client_id = setting(name, "CLIENT_ID"),
        .client_secret = setting(name, "CLIENT_SECRET"),
        .authorize_url = setting(name, "AUTHORIZE_URL"),
        .token_url = setting(name, "TOKEN_URL"),
        .userinfo_url = setting(name, "USERINFO_URL"),
        .redirect_uri = setting(name, "REDIRECT_URI"),
        .scope = setting(name, "SCOPE"),
    };
    if (p->scope == NULL)
        p->scope = "openid email profile";
    return p->client_id && p->authorize_url && p->token_url && p->userinfo_url && p->redirect_uri;
}

/* Reads the provider named by the path. ERR_NOT_FOUND when it is not configured. */
static int provider_for(struct request *req, struct provider *p)
{
    const char *name = request_param(req, 0);
    if (!provider_named(name, p))
        return err_set(&req->err, ERR_NOT_FOUND, NULL, "no OAuth provider called %s",
                       name ? name : "");
    return 0;
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static const struct field provider_fields[] = {
    {"name", FT_TEXT, F_NOTNULL},
    {"start_url", FT_TEXT, F_NOTNULL},
    {NULL},
};
static const struct table provider_shape = {NULL, provider_fields, false, "OAuthProvider"};
static const struct field providers_fields[] = {
    {"password", FT_BOOL, F_NOTNULL},
    {"oauth", FT_LIST, F_NOTNULL, .of = &provider_shape, .doc = "the configured providers"},
    {NULL},
};
const struct table api_oauth_providers_reply = {NULL, providers_fields, false, "SignInOptions"};

int api_oauth_providers(struct request *req)
{
    /* every COPILOT_OAUTH_<NAME>_CLIENT_ID whose provider is completely configured */
    static const char prefix[] = "COPILOT_OAUTH_", suffix[] = "_CLIENT_ID=";
    const char *names[64] = {NULL};
    size_t n = 0;
    for (char **env = environ; *env && n < sizeof names / sizeof *names; env++) {
        const char *v = *env;
        const char *end = strstr(v, suffix);
        if (strncmp(v, prefix, sizeof prefix - 1) != 0 || end == NULL ||
            end <= v + sizeof prefix - 1 || strchr(v, '=') < end)
            continue;
        char *name = arena_strndup(&req->arena, v + sizeof prefix - 1,
                                   (size_t)(end - v) - (sizeof prefix - 1));
        for (char *c = name; *c; c++)
            *c = (char)tolower((unsigned char)*c);
        struct provider p;
        if (provider_named(name, &p))
            names[n++] = name;
    }
    qsort(names, n, sizeof *names, by_name);
    json_t *oauth = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(
            oauth, json_pack("{s:s, s:s}", "name", names[i], "start_url",
                             arena_printf(&req->arena, "/api/v1/auth/oauth/%s/start", names[i])));
    return http_reply_json(req, 200, json_pack("{s:b, s:o}", "password", 1, "oauth", oauth));
}

/* Appends "?key=value" (or "&key=value" once the URL has a query) to the URL in b. */
static void param(struct buf *b, const char *key, const char *value)
{
    buf_putc(b, strchr(b->data, '?') ? '&' : '?');
    buf_puts(b, key);
    buf_putc(b, '=');
    httpclient_escape(b, value);
}

int api_oauth_start(struct request *req)
{
    struct provider p;
    int rc = provider_for(req, &p);
    if (rc)
        return rc;
    char state[CRYPTO_TOKEN_LEN], digest[CRYPTO_DIGEST_LEN], verifier[CRYPTO_TOKEN_LEN],
        challenge[CRYPTO_TOKEN_LEN];
    crypto_token_new(state);
    crypto_token_digest(state, digest);
    crypto_token_new(verifier);
    crypto_pkce_challenge(verifier, challenge);
    rc = oauth_state_create(request_db(req), digest, p.name, verifier, &req->arena, &req->err);
    if (rc)
        return rc;
    struct buf url;
    buf_init(&url);
    buf_puts(&url, p.authorize_url);
    param(&url, "response_type", "code");
    param(&url, "client_id", p.client_id);
    param(&url, "redirect_uri", p.redirect_uri);
    param(&url, "scope", p.scope);
    param(&url, "state", state);
    param(&url, "code_challenge", challenge);
    param(&url, "code_challenge_method", "S256");
    char *location = arena_strdup(&req->arena, url.data);
    buf_free(&url);
    http_add_header(req, "Location", location);
    http_add_header(req, "Cache-Control", "no-store");
    /* the state is bound to this browser: the callback takes it only with this cookie */
    http_add_header(req, "Set-Cookie",
                    arena_printf(&req->arena,
                                 STATE_COOKIE "=%s; Path=" STATE_COOKIE_PATH
                                              "; Max-Age=600; HttpOnly; SameSite=Lax%s",
                                 state, request_https(req) ? "; Secure" : ""));
    return http_reply_json(req, 302,
                           json_pack("{s:s, s:s}", "authorization_url", location, "state", state));
}

/* Exchanges code for the provider's access token (JSON body with access_token). */
static int exchange(struct request *req, const struct provider *p, const char *code,
                    const char *verifier, char **access_token)
{
    struct buf form, out;
    buf_init(&form);
    buf_init(&out);
    buf_puts(&form, "grant_type=authorization_code&code=");
    httpclient_escape(&form, code);
    buf_puts(&form, "&redirect_uri=");
    httpclient_escape(&form, p->redirect_uri);
    buf_puts(&form, "&client_id=");
    httpclient_escape(&form, p->client_id);
    if (p->client_secret) {
        buf_puts(&form, "&client_secret=");
        httpclient_escape(&form, p->client_secret);
    }
    buf_puts(&form, "&code_verifier=");
    httpclient_escape(&form, verifier);
    int status = httpclient_request(p->token_url, form.data, NULL, &out);
    json_t *doc = status == 200 ? json_loadb(out.data ? out.data : "", out.len, 0, NULL) : NULL;
    const char *token = json_string_value(json_object_get(doc, "access_token"));
    int rc = 0;
    if (token)
        *access_token = arena_strdup(&req->arena, token);
    else
        rc = err_set(&req->err, ERR_UNAUTHORIZED, NULL,
                     "the provider refused the authorization code (status %d)", status);
    json_decref(doc);
    buf_free(&form);
    buf_free(&out);
    return rc;
}

/* The first string member of obj among names, copied into the arena; NULL when none. */
static const char *first_string(struct request *req, json_t *obj, const char *const *names)
{
    for (; *names; names++) {
        json_t *v = json_object_get(obj, *names);
        if (json_is_string(v) && *json_string_value(v))
            return arena_strdup(&req->arena, json_string_value(v));
        if (json_is_integer(v))
            return arena_printf(&req->arena, "%lld", (long long)json_integer_value(v));
    }
    return NULL;
}

static int fetch_identity(struct request *req, const struct provider *p, const char *token,
                          struct oauth_identity *id)
{
    struct buf out;
    buf_init(&out);
    int status = httpclient_request(p->userinfo_url, NULL, token, &out);
    json_t *doc = status == 200 ? json_loadb(out.data ? out.data : "", out.len, 0, NULL) : NULL;
    buf_free(&out);
    static const char *const subject[] = {"sub", "id", NULL};
    static const char *const email[] = {"email", NULL};
    static const char *const hint[] = {"preferred_username", "login", "nickname", "name", NULL};
    static const char *const picture[] = {"picture", "avatar_url", NULL};
    int rc = 0;
    id->provider = p->name;
    id->subject = doc ? first_string(req, doc, subject) : NULL;
    id->email = doc ? first_string(req, doc, email) : NULL;
    id->username_hint = doc ? first_string(req, doc, hint) : NULL;
    id->picture = doc ? first_string(req, doc, picture) : NULL;
    if (id->subject == NULL)
        rc = err_set(&req->err, ERR_UNAUTHORIZED, NULL, "the provider gave no user identity");
    else if (id->email == NULL)
        rc = err_set(&req->err, ERR_INVALID, "email", "the provider gave no e-mail address");
    else {
        for (char *c = (char *)id->email; *c; c++)
            *c = (char)tolower((unsigned char)*c);
        if (id->picture && strncmp(id->picture, "http", 4) != 0)
            id->picture = NULL;
    }
    json_decref(doc);
    return rc;
}

static const struct field callback_query_fields[] = {
    {"code", FT_TEXT, 0},
    {"state", FT_TEXT, 0},
    {"error", FT_TEXT, 0},
    {NULL},
};
const struct table api_oauth_callback_query = {NULL, callback_query_fields, false,
                                               "OAuthCallbackQuery"};

static const struct field start_reply_fields[] = {
    {"authorization_url", FT_TEXT, F_NOTNULL},
    {"state", FT_TEXT, F_NOTNULL},
    {NULL},
};
const struct table api_oauth_start_reply = {NULL, start_reply_fields, false, "OAuthStart"};

int api_oauth_callback(struct request *req)
{
    struct provider p;
    int rc = provider_for(req, &p);
    if (rc)
        return rc;
    const char *error = request_query(req, "error");
    if (error)
        return err_set(&req->err, ERR_UNAUTHORIZED, NULL, "the provider answered: %.100s", error);
    const char *code = request_query(req, "code"), *state = request_query(req, "state");
    if (code == NULL || *code == '\0' || state == NULL || *state == '\0')
        return err_set(&req->err, ERR_BAD_REQUEST, code ? "state" : "code",
                       "code and state are required");
    const char *bound = request_cookie(req, STATE_COOKIE);
    if (bound == NULL || strcmp(bound, state) != 0)
        return err_set(&req->err, ERR_BAD_REQUEST, "state",
                       "this sign-in was not started in this browser (its state cookie is "
                       "missing or for another one): start it again");
    char digest[CRYPTO_DIGEST_LEN];
    crypto_token_digest(state, digest);
    const char *verifier;
    rc = oauth_state_take(request_db(req), digest, p.name, &req->arena, &verifier, &req->err);
    if (rc == ERR_NOT_FOUND)
        return err_set(&req->err, ERR_BAD_REQUEST, "state", "unknown or expired state");
    if (rc)
        return rc;
    char *token = NULL;
    struct oauth_identity id;
    int64_t user_id;
    rc = exchange(req, &p, code, verifier, &token);
    if (rc == 0)
        rc = fetch_identity(req, &p, token, &id);
    if (rc == 0)
        rc = oauth_user_for(request_db(req), &id, &req->arena, &user_id, &req->err);
    if (rc)
        return rc;
    json_t *user, *body;
    rc = table_get(request_db(req), &user_table, 0, user_id, &req->arena, &user, &req->err);
    if (rc == 0)
        rc = api_session_body(req, user, &body);
    if (rc == 0) /* the state is spent: so is its cookie */
        http_add_header(req, "Set-Cookie",
                        STATE_COOKIE "=; Path=" STATE_COOKIE_PATH "; Max-Age=0; HttpOnly; "
                                     "SameSite=Lax");
    return rc ? rc : http_reply_json(req, 200, body);
}
