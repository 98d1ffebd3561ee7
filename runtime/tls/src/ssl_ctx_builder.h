// Building OpenSSL contexts from the options (tls_options.h): loading PEM
// from files or text, versions, ciphers, ALPN. Every failure throws
// TlsConfigError naming what could not be loaded and OpenSSL's reason.
#pragma once

#include <corothrift/tls/tls_options.h>

#include <openssl/ssl.h>

#include <memory>
#include <string>

namespace corothrift::tls::detail {

struct CtxFree {
  void operator()(SSL_CTX* ctx) const noexcept { SSL_CTX_free(ctx); }
};
using CtxPtr = std::unique_ptr<SSL_CTX, CtxFree>;

// A context with what both sides share: version floor, cipher lists,
// renegotiation refused.
CtxPtr new_context(bool server, TlsVersion min_version, TlsVersion max_version,
                   const std::string& ciphers, const std::string& ciphersuites);
// Loads a certificate chain and its key, and checks that they match.
void use_certificate(SSL_CTX* ctx, const CertificateKey& pair);
// Trusted CAs from a PEM file (or PEM text) and/or a hashed directory;
// both empty: the system's default store.
void trust(SSL_CTX* ctx, const std::string& ca_file, const std::string& ca_dir);
// ALPN wire format (length-prefixed) of one protocol name.
std::string alpn_wire(const std::string& protocol);

}  // namespace corothrift::tls::detail
