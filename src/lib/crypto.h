/*
 * This file declares the only cryptography the server does, all through libsodium:
 * argon2id password hashes, random session tokens, and the digests stored in their place.
 */
#ifndef COPILOT_LIB_CRYPTO_H
#define COPILOT_LIB_CRYPTO_H

#include <stdbool.h>
#include <stddef.h>

#define CRYPTO_PWHASH_LEN 128 /* crypto_pwhash_STRBYTES */
#define CRYPTO_TOKEN_LEN 44   /* 32 random bytes, base64url without padding, + NUL */
#define CRYPTO_DIGEST_LEN 65  /* 32-byte BLAKE2b digest as hex + NUL */

/* Initialises libsodium; returns 0 or -1. Call once at start-up, after log_init: with
 * COPILOT_TEST_WEAK_PASSWORD_HASH=1 in the environment it logs a warning and makes every new
 * password hash of this process argon2id at libsodium's minimum cost, for the API test suites
 * only (tests/api/helpers.mjs; docs/decisions.md). Off by default. */
int crypto_init(void);
/* Hashes password with argon2id (interactive limits, unless the test knob above) into out.
 * Returns 0 or -1 (out of memory). Verifying reads the cost from the stored hash. */
int crypto_password_hash(const char *password, char out[CRYPTO_PWHASH_LEN]);
/* True when password matches the stored hash. */
bool crypto_password_verify(const char *hash, const char *password);
/* Writes a new random 256-bit token, base64url-encoded. */
void crypto_token_new(char out[CRYPTO_TOKEN_LEN]);
/* Writes the hex digest under which a token is stored (the token itself never is). */
void crypto_token_digest(const char *token, char out[CRYPTO_DIGEST_LEN]);
/* Lower-case hex SHA-256 of data (used by the job fingerprint). */
void crypto_sha256_hex(const void *data, size_t len, char out[CRYPTO_DIGEST_LEN]);
/* Writes the PKCE S256 challenge of verifier: base64url(SHA-256(verifier)) without padding. */
void crypto_pkce_challenge(const char *verifier, char out[CRYPTO_TOKEN_LEN]);
/* True when the two secrets are equal, compared in time that depends on neither (their
 * SHA-256 digests are compared with sodium_memcmp): static tokens from the configuration. */
bool crypto_equal_text(const char *given, const char *expected);
/* Fills buf with n random bytes as hex (2n chars + NUL): request ids. */
void crypto_random_hex(char *buf, size_t n);

#endif
