/* This file implements the libsodium wrappers of crypto.h. */
#include "crypto.h"

#include <sodium.h>
#include <string.h>

int crypto_init(void)
{
    return sodium_init() < 0 ? -1 : 0;
}

int crypto_password_hash(const char *password, char out[CRYPTO_PWHASH_LEN])
{
    return crypto_pwhash_str(out, password, strlen(password), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                             crypto_pwhash_MEMLIMIT_INTERACTIVE);
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
