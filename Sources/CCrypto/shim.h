#ifndef WORKBENCH_CCRYPTO_SHIM_H
#define WORKBENCH_CCRYPTO_SHIM_H
/* SHA-256 from the system libcrypto (OpenSSL 3, already loaded by libcurl), through its EVP interface:
   it picks the CPU's SHA extensions (SHA-NI) at run time. Typed wrappers keep Swift away from the macros. */
#include <stddef.h>
#include <openssl/evp.h>

/* A fresh SHA-256 context, or NULL when libcrypto cannot make one. */
static inline EVP_MD_CTX *wb_sha256_new(void) {
    EVP_MD_CTX *context = EVP_MD_CTX_new();
    if (context == NULL) return NULL;
    if (EVP_DigestInit_ex(context, EVP_sha256(), NULL) != 1) {
        EVP_MD_CTX_free(context);
        return NULL;
    }
    return context;
}

/* Starts the context over (a new message). Returns 1 on success. */
static inline int wb_sha256_reset(EVP_MD_CTX *context) {
    return EVP_DigestInit_ex(context, EVP_sha256(), NULL);
}

/* Adds bytes to the message. Returns 1 on success. */
static inline int wb_sha256_update(EVP_MD_CTX *context, const void *bytes, size_t count) {
    return EVP_DigestUpdate(context, bytes, count);
}

/* Writes the 32-byte digest into `out` and starts the context over. Returns 1 on success. */
static inline int wb_sha256_final(EVP_MD_CTX *context, unsigned char *out) {
    unsigned int length = 0;
    int ok = EVP_DigestFinal_ex(context, out, &length);
    if (ok == 1 && length == 32) return EVP_DigestInit_ex(context, EVP_sha256(), NULL);
    return 0;
}

static inline void wb_sha256_free(EVP_MD_CTX *context) { EVP_MD_CTX_free(context); }

#endif
