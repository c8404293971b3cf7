/* OpenSSL 3 libcrypto as Swift sees it. Only what Swift cannot import on its own is wrapped here:
 * function-like macros and variadic functions, each as a one-line static inline with the module prefix. */
#ifndef COPENSSL_SHIM_H
#define COPENSSL_SHIM_H

#include <openssl/bio.h>
#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/rsa.h>

/* OPENSSL_free is a macro over CRYPTO_free. */
static inline void COpenSSL_free(void *ptr) { OPENSSL_free(ptr); }

/* EVP_RSA_gen is a macro over the variadic EVP_PKEY_Q_keygen. */
static inline EVP_PKEY *COpenSSL_RSA_generate(unsigned int bits) { return EVP_RSA_gen(bits); }

/* BIO_get_mem_data is a macro over BIO_ctrl. */
static inline long COpenSSL_BIO_get_mem_data(BIO *bio, char **data) { return BIO_get_mem_data(bio, data); }

#endif
