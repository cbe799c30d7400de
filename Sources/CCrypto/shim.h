#ifndef WORKBENCH_CCRYPTO_SHIM_H
#define WORKBENCH_CCRYPTO_SHIM_H
/* SHA-256 from the system libcrypto (OpenSSL 3, already loaded by libcurl). Its SHA256_* functions run
   the same code as the EVP interface (the CPU's SHA extensions, SHA-NI, picked at run time) without
   EVP's first-use cost: the first EVP_DigestInit_ex fetches the algorithm from OpenSSL 3's providers,
   which initialises the library context and reads openssl.cnf (about 5 million instructions, a tenth of
   a one-request run). OpenSSL 3 marks these functions deprecated, not removed; they stay in its ABI.
   Typed wrappers keep Swift away from the macros. */
#define OPENSSL_SUPPRESS_DEPRECATED 1
#include <stddef.h>
#include <stdlib.h>
#include <openssl/sha.h>

typedef struct wb_sha256_context { SHA256_CTX state; } wb_sha256_context;

/* A fresh SHA-256 context, or NULL when memory cannot be allocated. */
static inline wb_sha256_context *wb_sha256_new(void) {
    wb_sha256_context *context = (wb_sha256_context *)malloc(sizeof(wb_sha256_context));
    if (context == NULL) return NULL;
    if (SHA256_Init(&context->state) != 1) {
        free(context);
        return NULL;
    }
    return context;
}

/* Starts the context over (a new message). Returns 1 on success. */
static inline int wb_sha256_reset(wb_sha256_context *context) {
    return SHA256_Init(&context->state);
}

/* Adds bytes to the message. Returns 1 on success. */
static inline int wb_sha256_update(wb_sha256_context *context, const void *bytes, size_t count) {
    return SHA256_Update(&context->state, bytes, count);
}

/* Writes the 32-byte digest into `out` and starts the context over. Returns 1 on success. */
static inline int wb_sha256_final(wb_sha256_context *context, unsigned char *out) {
    if (SHA256_Final(out, &context->state) != 1) return 0;
    return SHA256_Init(&context->state);
}

static inline void wb_sha256_free(wb_sha256_context *context) { free(context); }

#endif
