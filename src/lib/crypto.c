/* This file implements the libsodium wrappers of crypto.h. */
#include "crypto.h"

#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#include "log.h"

/* The cost of a new password hash: libsodium's interactive limits (2 passes over 64 MiB, about
 * 0.3 CPU-seconds here), unless COPILOT_TEST_WEAK_PASSWORD_HASH=1 (crypto.h). Set once, in
 * crypto_init, before any thread starts. */
static unsigned long long pwhash_ops = crypto_pwhash_OPSLIMIT_INTERACTIVE;
static size_t pwhash_mem = crypto_pwhash_MEMLIMIT_INTERACTIVE;

int crypto_init(void)
{
    if (sodium_init() < 0)
        return -1;
    const char *weak = getenv("COPILOT_TEST_WEAK_PASSWORD_HASH");
    if (weak && strcmp(weak, "1") == 0) {
        pwhash_ops = crypto_pwhash_OPSLIMIT_MIN;
        pwhash_mem = crypto_pwhash_MEMLIMIT_MIN;
        log_error("warning: COPILOT_TEST_WEAK_PASSWORD_HASH=1: new password hashes are argon2id "
                  "at libsodium's minimum cost (1 pass over 8 KiB), for test suites only; "
                  "never set it where real users have passwords");
    } else if (weak && *weak) {
        log_error("ignoring COPILOT_TEST_WEAK_PASSWORD_HASH=%s: only 1 turns it on", weak);
    }
    return 0;
}

int crypto_password_hash(const char *password, char out[CRYPTO_PWHASH_LEN])
{
    return crypto_pwhash_str(out, password, strlen(password), pwhash_ops, pwhash_mem);
}

bool crypto_password_verify(const char *hash, const char *password)
{
    return hash && crypto_pwhash_str_verify(hash, password, strlen(password)) == 0;
}

void crypto_token_new(char out[CRYPTO_TOKEN_LEN])
{
    unsigned char raw[32];
    randombytes_buf(raw, sizeof raw);
    sodium_bin2base64(out, CRYPTO_TOKEN_LEN, raw, sizeof raw,
                      sodium_base64_VARIANT_URLSAFE_NO_PADDING);
}

void crypto_token_digest(const char *token, char out[CRYPTO_DIGEST_LEN])
{
    unsigned char digest[32];
    crypto_generichash(digest, sizeof digest, (const unsigned char *)token, strlen(token), NULL, 0);
    sodium_bin2hex(out, CRYPTO_DIGEST_LEN, digest, sizeof digest);
}

void crypto_sha256_hex(const void *data, size_t len, char out[CRYPTO_DIGEST_LEN])
{
    unsigned char digest[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(digest, data, len);
    sodium_bin2hex(out, CRYPTO_DIGEST_LEN, digest, sizeof digest);
}

bool crypto_equal_text(const char *given, const char *expected)
{
    unsigned char a[crypto_hash_sha256_BYTES], b[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(a, (const unsigned char *)given, strlen(given));
    crypto_hash_sha256(b, (const unsigned char *)expected, strlen(expected));
    return sodium_memcmp(a, b, sizeof a) == 0;
}

void crypto_random_hex(char *buf, size_t n)
{
    unsigned char raw[32];
    if (n > sizeof raw)
        n = sizeof raw;
    randombytes_buf(raw, n);
    sodium_bin2hex(buf, n * 2 + 1, raw, n);
}

void crypto_pkce_challenge(const char *verifier, char out[CRYPTO_TOKEN_LEN])
{
    unsigned char digest[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(digest, (const unsigned char *)verifier, strlen(verifier));
    sodium_bin2base64(out, CRYPTO_TOKEN_LEN, digest, sizeof digest,
                      sodium_base64_VARIANT_URLSAFE_NO_PADDING);
}
