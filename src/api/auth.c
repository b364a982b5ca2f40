/*
 * This file implements the authentication routes: POST /auth/register, /auth/login and
 * /auth/logout, and the bearer-token check behind every ROUTE_AUTH route. Passwords are
 * argon2id hashes; tokens are random and stored only as digests (lib/crypto.h). Failed logins
 * are throttled per account and per client address with counters in the database
 * (model/login_throttle.h, core/throttle.h; 429 with Retry-After).
 */
#include "auth.h"

#include <assert.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "../core/throttle.h"
#include "../http/reply.h"
#include "../http/router.h"
#include "../lib/config.h"
#include "../lib/crypto.h"
#include "../lib/hash.h"
#include "../lib/json.h"
#include "../lib/timeutil.h"
#include "../model/account.h"
#include "../model/login_throttle.h"
#include "../model/session.h"
#include "../model/user.h"
#include "../store/store.h"

/* ---- the session checked in the same round trip as the request's first statements ----
 *
 * On an engine that sends several statements in one round trip (PostgreSQL), a ROUTE_READ_ONLY
 * request whose token was seen before does not wait for its session: the handler starts as the
 * user the token named last time (a guess, never an answer), and the session lookup rides in
 * one batch with the handler's first statements (store_guard_set). The store hands the handler
 * no result before the lookup confirmed the guess, runs no write before that, and refuses
 * everything once it failed; api_authenticate_confirm then keeps the answer, or replaces it
 * with today's 401, or (another user or admin flag than guessed, last_used_at due) looks the
 * session up as before and runs the handler again. So every request still checks its session
 * in the database, and several servers on one database agree on every revocation at once. */

#define GUESSES                                                                                    \
    1024 /* tokens remembered, one slot each by digest; a collision only costs a guess */

struct guess {
    char digest[CRYPTO_DIGEST_LEN];
    int64_t user_id;
    bool is_admin;
};
static struct guess guesses[GUESSES];
static pthread_mutex_t guesses_lock = PTHREAD_MUTEX_INITIALIZER;

static struct guess *guess_slot(const char *digest)
{
    return &guesses[fnv1a_text(FNV1A_SEED, digest) % GUESSES];
}

static bool guess_find(const char *digest, int64_t *user_id, bool *is_admin)
{
    pthread_mutex_lock(&guesses_lock);
    struct guess *g = guess_slot(digest);
    bool found = g->user_id > 0 && strcmp(g->digest, digest) == 0;
    if (found) {
        *user_id = g->user_id;
        *is_admin = g->is_admin;
    }
    pthread_mutex_unlock(&guesses_lock);
    return found;
}

/* Remembers digest's user (user_id 0: forgets digest). */
static void guess_put(const char *digest, int64_t user_id, bool is_admin)
{
    pthread_mutex_lock(&guesses_lock);
    struct guess *g = guess_slot(digest);
    if (user_id > 0) {
        snprintf(g->digest, sizeof g->digest, "%s", digest);
        g->user_id = user_id;
        g->is_admin = is_admin;
    } else if (strcmp(g->digest, digest) == 0) {
        g->user_id = 0;
    }
    pthread_mutex_unlock(&guesses_lock);
}

/* A request started on a guess (req->auth_pending). */
struct pending {
    const char *digest;
    struct store_value params[2];
    struct store_guard guard;
    int64_t user_id; /* the guess */
    bool is_admin;
    bool again; /* the session is live but not as guessed, or due for its refresh */
};

static int verify_session(void *ctx, const struct store_result *r, struct err *e)
{
    struct pending *p = ctx;
    int64_t user_id;
    bool is_admin, stale;
    session_lookup_read(r, &user_id, &is_admin, &stale);
    if (user_id == 0)
        return err_set(e, ERR_UNAUTHORIZED, NULL, "invalid or expired token");
    p->again = user_id != p->user_id || is_admin != p->is_admin || stale;
    return p->again ? err_set(e, ERR_UNAUTHORIZED, NULL, "the session is not as guessed") : 0;
}

/* The session with digest, looked up before the handler runs. */
static int authenticate_now(struct request *req, const char *digest)
{
    int rc = session_lookup(request_db(req), digest, &req->arena, &req->user_id, &req->is_admin,
                            &req->err);
    if (rc)
        return rc;
    guess_put(digest, req->user_id, req->is_admin);
    if (req->user_id == 0)
        return err_set(&req->err, ERR_UNAUTHORIZED, NULL, "invalid or expired token");
    req->token_digest = digest;
    return 0;
}

int api_authenticate(struct request *req)
{
    const char *header = request_header(req, "Authorization");
    if (header == NULL || strncasecmp(header, "Bearer ", 7) != 0)
        return err_set(&req->err, ERR_UNAUTHORIZED, NULL, "a bearer token is required");
    const char *token = header + 7;
    while (*token == ' ')
        token++;
    if (*token == '\0' || strlen(token) > 128)
        return err_set(&req->err, ERR_UNAUTHORIZED, NULL, "invalid or expired token");
    char *digest = arena_alloc(&req->arena, CRYPTO_DIGEST_LEN);
    crypto_token_digest(token, digest);
    const struct route *r = req->route;
    int64_t user_id;
    bool is_admin;
    if (r && (r->flags & ROUTE_READ_ONLY) && store_pipelines(req->store) &&
        guess_find(digest, &user_id, &is_admin)) {
        assert(!(r->flags & (ROUTE_SLOW | ROUTE_EXPORT | ROUTE_JSON | ROUTE_UPLOAD)) &&
               (r->flags & ROUTE_ADMIN) != ROUTE_ADMIN); /* the router checks nothing after us */
        struct pending *p = arena_alloc(&req->arena, sizeof *p);
        *p = (struct pending){.digest = digest, .user_id = user_id, .is_admin = is_admin};
        session_lookup_stmt(digest, time_now_text(&req->arena), p->params, &p->guard.stmt);
        p->guard.verify = verify_session;
        p->guard.ctx = p;
        store_guard_set(request_db(req), &p->guard);
        req->user_id = user_id;
        req->is_admin = is_admin;
        req->token_digest = digest;
        req->auth_pending = p;
        return 0;
    }
    if (r && (r->flags & ROUTE_READ_ONLY))
        store_read_scope_begin(request_db(req)); /* SQLite: one read lock for the request */
    return authenticate_now(req, digest);
}

int api_authenticate_confirm(struct request *req, int rc)
{
    struct pending *p = req->auth_pending;
    assert(p != NULL && req->db != NULL);
    req->auth_pending = NULL;
    struct err e = {0};
    int verdict = store_guard_end(req->db, &e);
    if (verdict == 0)
        return rc;
    http_reply_reset(req); /* nothing the handler made leaves */
    req->user_id = 0;
    req->is_admin = false;
    req->token_digest = NULL;
    if (p->again)
        return (rc = authenticate_now(req, p->digest)) != 0 ? rc : API_AUTH_AGAIN;
    if (verdict == ERR_UNAUTHORIZED)
        guess_put(p->digest, 0, false);
    req->err = e;
    return verdict;
}

static const char *const token_types[] = {"bearer", NULL};
static const struct field session_reply_fields[] = {
    {"user", FT_OBJECT, F_NOTNULL, .of = &user_table},
    {"access_token", FT_TEXT, F_NOTNULL},
    {"token_type", FT_TEXT, F_NOTNULL, token_types},
    {"expires_at", FT_TIMESTAMP, F_NOTNULL},
    {NULL},
};
const struct table api_auth_session_reply = {NULL, session_reply_fields, false, "Session"};

/* A new session's token, the digest the database keeps of it, and when it expires. */
struct new_session {
    char token[CRYPTO_TOKEN_LEN], digest[CRYPTO_DIGEST_LEN], expires[TIME_RFC3339_LEN];
};

static void new_session(const struct request *req, struct new_session *s)
{
    crypto_token_new(s->token);
    crypto_token_digest(s->token, s->digest);
    time_format_rfc3339(time(NULL) + req->config->token_ttl, s->expires);
}

/* The Session answer for user (taken) and its session s. */
static json_t *session_reply(json_t *user, const struct new_session *s)
{
    return json_pack("{s:o, s:s, s:s, s:s}", "user", user, "access_token", s->token, "token_type",
                     "bearer", "expires_at", s->expires);
}

int api_session_body(struct request *req, json_t *user, json_t **body)
{
    struct new_session s;
    new_session(req, &s);
    *body = NULL;
    int rc = session_create(request_db(req), json_get_int(user, "id"), s.digest, s.expires,
                            request_user_agent(req), &req->arena, &req->err);
    if (rc) {
        json_decref(user);
        return rc;
    }
    *body = session_reply(user, &s);
    return 0;
}

int api_auth_register(struct request *req)
{
    struct values v = {0};
    int rc = table_parse(&register_body, req->json, PARSE_CREATE, &req->arena, &v, &req->err);
    if (rc)
        return rc;
    char hash[CRYPTO_PWHASH_LEN];
    if (crypto_password_hash(values_text(&v, "password"), hash) != 0)
        return err_set(&req->err, ERR_INTERNAL, NULL, "cannot hash the password");
    struct new_session s;
    new_session(req, &s);
    struct account_new n = {
        values_text(&v, "username"), values_text(&v, "email"), hash, s.digest, s.expires,
        request_user_agent(req)};
    json_t *user;
    rc = account_register(request_db(req), &n, &req->arena, &user, &req->err);
    return rc ? rc : http_reply_created(req, session_reply(user, &s), "/api/v1/users/me");
}

/* A fixed argon2id hash to verify against when the account does not exist, so an unknown
 * user costs the same time as a wrong password. Made once, on the first login. */
static char dummy[CRYPTO_PWHASH_LEN];
static void make_dummy(void)
{
    crypto_password_hash("not-a-real-password", dummy);
}

/* The login body: the account by any one of username, email or login, and the password. */
static const struct field login_body_fields[] = {
    {"username", FT_TEXT, F_WRITE},
    {"email", FT_TEXT, F_WRITE},
    {"login", FT_TEXT, F_WRITE},
    {"password", FT_TEXT, F_WRITE},
    {NULL},
};
const struct table api_auth_login_body = {NULL, login_body_fields, false, "Login"};

static int login_fields(struct request *req, const char **login, const char **password)
{
    struct values v = {0};
    int rc = table_parse(&api_auth_login_body, req->json, PARSE_PATCH, &req->arena, &v, &req->err);
    if (rc)
        return rc;
    *login = values_text(&v, "username");
    if (*login == NULL)
        *login = values_text(&v, "email");
    if (*login == NULL)
        *login = values_text(&v, "login");
    *password = values_text(&v, "password");
    if (*login == NULL || **login == '\0')
        return err_set(&req->err, ERR_INVALID, "username", "username or email is required");
    if (*password == NULL)
        return err_set(&req->err, ERR_INVALID, "password", "password is required");
    return 0;
}

int api_auth_login(struct request *req)
{
    const char *login = NULL, *password = NULL;
    int rc = login_fields(req, &login, &password);
    if (rc)
        return rc;
    struct store_conn *db = request_db(req);
    int64_t id;
    const char *hash;
    rc = user_find_for_login(db, login, &req->arena, &id, &hash, &req->err);
    if (rc)
        return rc;
    /* the budgets (docs/security.md): the resolved account, else the typed name; the client */
    struct login_subject subject;
    struct netaddr client = request_client(req);
    login_throttle_subject(&subject, id, login, &client);
    struct throttle_policy policy = throttle_policy_from_config(req->config);
    time_t now = time(NULL);
    int wait;
    rc = login_throttle_begin(db, &policy, &subject, now, &wait, &req->err);
    if (rc)
        return rc;
    if (wait) {
        rc = err_set(&req->err, ERR_RATE_LIMITED, NULL,
                     "too many failed logins; try again in %d seconds", wait);
        req->err.retry_after = wait;
        return rc;
    }
    static pthread_once_t once = PTHREAD_ONCE_INIT;
    pthread_once(&once, make_dummy);
    bool ok = crypto_password_verify(hash ? hash : dummy, password) && id && hash;
    rc = login_throttle_end(db, &policy, &subject, ok, now, &req->err);
    if (rc)
        return rc;
    if (!ok)
        return err_set(&req->err, ERR_UNAUTHORIZED, NULL, "invalid username or password");
    json_t *user, *body;
    rc = table_get(db, &user_table, 0, id, &req->arena, &user, &req->err);
    if (rc == 0)
        rc = api_session_body(req, user, &body);
    return rc ? rc : http_reply_json(req, 200, body);
}

int api_auth_logout(struct request *req)
{
    int rc = session_revoke(request_db(req), req->token_digest, &req->err);
    return rc ? rc : http_reply_empty(req, 204);
}
