#include "ssl_ctx_builder.h"

#include <corothrift/tls/tls_context.h>

#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include <fmt/core.h>

namespace corothrift::tls::detail {
namespace {

bool is_pem_text(const std::string& pem) { return pem.starts_with("-----BEGIN"); }

// "'path'" or "PEM text": how an error names its source.
std::string source_name(const std::string& pem) {
  return is_pem_text(pem) ? std::string("(PEM text)") : fmt::format("'{}'", pem);
}

[[noreturn]] void throw_config(const std::string& what) {
  unsigned long error = ERR_peek_last_error();
  std::string reason = error != 0 ? ERR_reason_error_string(error) ? ERR_reason_error_string(error)
                                                                   : "unknown reason"
                                  : "no details";
  ERR_clear_error();
  throw TlsConfigError(fmt::format("TLS: {}: {}", what, reason));
}

struct BioFree {
  void operator()(BIO* bio) const noexcept { BIO_free(bio); }
};
using BioPtr = std::unique_ptr<BIO, BioFree>;

BioPtr memory_bio(const std::string& text) {
  BioPtr bio(BIO_new_mem_buf(text.data(), static_cast<int>(text.size())));
  if (!bio) throw_config("cannot read PEM text");
  return bio;
}

void use_chain_text(SSL_CTX* ctx, const std::string& pem) {
  BioPtr bio = memory_bio(pem);
  X509* leaf = PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr);
  if (leaf == nullptr || SSL_CTX_use_certificate(ctx, leaf) != 1) {
    X509_free(leaf);
    throw_config("cannot load the certificate (PEM text)");
  }
  X509_free(leaf);
  while (X509* next = PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr)) {
    if (SSL_CTX_add0_chain_cert(ctx, next) != 1) {
      X509_free(next);
      throw_config("cannot add a chain certificate (PEM text)");
    }
  }
  ERR_clear_error();  // the loop ends on "no start line"
}

// False with OpenSSL's reason queued when the key does not load or does
// not belong to the certificate.
bool load_key(SSL_CTX* ctx, const std::string& pem) {
  if (!is_pem_text(pem))
    return SSL_CTX_use_PrivateKey_file(ctx, pem.c_str(), SSL_FILETYPE_PEM) == 1;
  BioPtr bio = memory_bio(pem);
  EVP_PKEY* key = PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr);
  bool ok = key != nullptr && SSL_CTX_use_PrivateKey(ctx, key) == 1;
  EVP_PKEY_free(key);
  return ok;
}

void trust_text(SSL_CTX* ctx, const std::string& pem) {
  BioPtr bio = memory_bio(pem);
  X509_STORE* store = SSL_CTX_get_cert_store(ctx);
  int added = 0;
  while (X509* cert = PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr)) {
    int ok = X509_STORE_add_cert(store, cert);
    X509_free(cert);
    if (ok != 1) throw_config("cannot add a CA certificate (PEM text)");
    ++added;
  }
  ERR_clear_error();
  if (added == 0) throw TlsConfigError("TLS: no CA certificate in the PEM text");
}

int version_of(TlsVersion v) { return v == TlsVersion::kTls13 ? TLS1_3_VERSION : TLS1_2_VERSION; }

}  // namespace

CtxPtr new_context(bool server, TlsVersion min_version, TlsVersion max_version,
                   const std::string& ciphers, const std::string& ciphersuites) {
  CtxPtr ctx(SSL_CTX_new(server ? TLS_server_method() : TLS_client_method()));
  if (!ctx) throw_config("cannot create a context");
  SSL_CTX_set_min_proto_version(ctx.get(), version_of(min_version));
  SSL_CTX_set_max_proto_version(ctx.get(), version_of(max_version));
  SSL_CTX_set_options(ctx.get(), SSL_OP_NO_RENEGOTIATION | SSL_OP_NO_COMPRESSION);
  // Partial writes let try_write report a record at a time; a moving buffer
  // lets the retry of a staged write come from the same bytes elsewhere.
  SSL_CTX_set_mode(ctx.get(), SSL_MODE_ENABLE_PARTIAL_WRITE | SSL_MODE_ACCEPT_MOVING_WRITE_BUFFER);
  // Read whole records in one go from the stream below (fewer syscalls).
  SSL_CTX_set_read_ahead(ctx.get(), 1);
  if (!ciphers.empty() && SSL_CTX_set_cipher_list(ctx.get(), ciphers.c_str()) != 1) {
    throw_config(fmt::format("cipher list '{}' rejected", ciphers));
  }
  if (!ciphersuites.empty() && SSL_CTX_set_ciphersuites(ctx.get(), ciphersuites.c_str()) != 1) {
    throw_config(fmt::format("TLS 1.3 ciphersuites '{}' rejected", ciphersuites));
  }
  return ctx;
}

void use_certificate(SSL_CTX* ctx, const CertificateKey& pair) {
  const std::string& chain = pair.certificate_chain;
  if (is_pem_text(chain)) {
    use_chain_text(ctx, chain);
  } else if (SSL_CTX_use_certificate_chain_file(ctx, chain.c_str()) != 1) {
    throw_config(fmt::format("cannot load certificate chain {}", source_name(chain)));
  }
  const std::string& key = pair.private_key;
  bool loaded = load_key(ctx, key);
  if (!loaded && ERR_GET_REASON(ERR_peek_last_error()) != X509_R_KEY_VALUES_MISMATCH) {
    throw_config(fmt::format("cannot load private key {}", source_name(key)));
  }
  if (!loaded || SSL_CTX_check_private_key(ctx) != 1) {
    ERR_clear_error();
    throw TlsConfigError(fmt::format("TLS: private key {} does not match certificate {}",
                                     source_name(key), source_name(chain)));
  }
}

void trust(SSL_CTX* ctx, const std::string& ca_file, const std::string& ca_dir) {
  if (ca_file.empty() && ca_dir.empty()) {
    if (SSL_CTX_set_default_verify_paths(ctx) != 1) throw_config("cannot load the system CAs");
    return;
  }
  if (is_pem_text(ca_file)) {
    trust_text(ctx, ca_file);
    if (ca_dir.empty()) return;
  }
  const char* file = ca_file.empty() || is_pem_text(ca_file) ? nullptr : ca_file.c_str();
  const char* dir = ca_dir.empty() ? nullptr : ca_dir.c_str();
  if (SSL_CTX_load_verify_locations(ctx, file, dir) != 1) {
    throw_config(fmt::format("cannot load CA {}{}", file ? source_name(ca_file) : "",
                             dir ? fmt::format(" directory '{}'", ca_dir) : ""));
  }
}

std::string alpn_wire(const std::string& protocol) {
  if (protocol.empty() || protocol.size() > 255) {
    throw TlsConfigError(fmt::format("TLS: ALPN protocol '{}' must be 1..255 bytes", protocol));
  }
  return static_cast<char>(protocol.size()) + protocol;
}

}  // namespace corothrift::tls::detail
