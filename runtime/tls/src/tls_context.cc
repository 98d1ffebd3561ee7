#include <corothrift/tls/tls_context.h>

#include <corothrift/tls/tls_stream.h>

#include <arpa/inet.h>
#include <openssl/ssl.h>
#include <openssl/x509v3.h>

#include <fmt/core.h>

#include <map>
#include <mutex>
#include <utility>
#include <vector>

#include "ssl_ctx_builder.h"

namespace corothrift::tls {
namespace detail {

// One build of a server's options; immutable once made. Each connection's
// SSL keeps the set it was made from alive (its SNI callback reads it), so a
// reload never pulls certificates from under a handshake.
struct ServerCtxSet {
  CtxPtr main;
  std::vector<CtxPtr> by_name;  // SNI certificates
  std::string alpn;             // wire format, or empty
  std::chrono::milliseconds handshake_timeout{};
};

struct ServerShared {
  std::mutex mutex;
  TlsServerOptions options;
  std::shared_ptr<const ServerCtxSet> current;
};

struct ClientShared {
  ~ClientShared() {
    for (auto& [key, session] : sessions) SSL_SESSION_free(session);
  }
  TlsClientOptions options;
  CtxPtr ctx;
  std::mutex mutex;                              // guards sessions
  std::map<std::string, SSL_SESSION*> sessions;  // each holds one reference
};

namespace {

// What an SSL keeps alive, in its ex_data, freed by OpenSSL with the SSL.
template <typename Tag>
int tag_index() {
  static const int index = SSL_get_ex_new_index(
      0, nullptr, nullptr, nullptr,
      [](void*, void* tag, CRYPTO_EX_DATA*, int, long, void*) { delete static_cast<Tag*>(tag); });
  return index;
}

template <typename Tag>
void attach(SSL* ssl, Tag tag) {
  auto* owned = new Tag(std::move(tag));
  if (SSL_set_ex_data(ssl, tag_index<Tag>(), owned) != 1) {
    delete owned;
    SSL_free(ssl);
    throw TransportError("TLS: cannot attach connection state");
  }
}

template <typename Tag>
Tag* tag_of(const SSL* ssl) {
  return static_cast<Tag*>(SSL_get_ex_data(ssl, tag_index<Tag>()));
}

struct ServerTag {
  std::shared_ptr<const ServerCtxSet> set;
};

struct ClientTag {
  std::shared_ptr<ClientShared> shared;
  std::string session_key;
};

SSL* new_ssl(SSL_CTX* ctx) {
  SSL* ssl = SSL_new(ctx);
  if (ssl == nullptr) throw TransportError("TLS: cannot create a connection (out of memory?)");
  return ssl;
}

// ---- server ----

int select_alpn(SSL* ssl, const unsigned char** out, unsigned char* out_size,
                const unsigned char* offered, unsigned int offered_size, void*) {
  const std::string& ours = tag_of<ServerTag>(ssl)->set->alpn;
  unsigned char* chosen = nullptr;
  int r =
      SSL_select_next_proto(&chosen, out_size, reinterpret_cast<const unsigned char*>(ours.data()),
                            static_cast<unsigned int>(ours.size()), offered, offered_size);
  if (r != OPENSSL_NPN_NEGOTIATED) return SSL_TLSEXT_ERR_ALERT_FATAL;
  *out = chosen;
  return SSL_TLSEXT_ERR_OK;
}

int select_certificate(SSL* ssl, int*, void*) {
  const char* name = SSL_get_servername(ssl, TLSEXT_NAMETYPE_host_name);
  if (name == nullptr) return SSL_TLSEXT_ERR_OK;
  for (const CtxPtr& ctx : tag_of<ServerTag>(ssl)->set->by_name) {
    if (X509_check_host(SSL_CTX_get0_certificate(ctx.get()), name, 0, 0, nullptr) == 1) {
      SSL_set_SSL_CTX(ssl, ctx.get());
      break;
    }
  }
  return SSL_TLSEXT_ERR_OK;
}

int verify_mode(ClientCertificate mode) {
  switch (mode) {
    case ClientCertificate::kNone:
      return SSL_VERIFY_NONE;
    case ClientCertificate::kRequest:
      return SSL_VERIFY_PEER;
    case ClientCertificate::kRequire:
      return SSL_VERIFY_PEER | SSL_VERIFY_FAIL_IF_NO_PEER_CERT;
  }
  return SSL_VERIFY_NONE;
}

CtxPtr server_context(const TlsServerOptions& o, const CertificateKey& certificate) {
  CtxPtr ctx = new_context(true, o.min_version, o.max_version, o.ciphers, o.ciphersuites);
  use_certificate(ctx.get(), certificate);
  SSL_CTX_set_verify(ctx.get(), verify_mode(o.client_certificate), nullptr);
  if (o.client_certificate != ClientCertificate::kNone) {
    if (o.client_ca_file.empty() && o.client_ca_dir.empty()) {
      throw TlsConfigError(
          "TLS: verifying client certificates needs client_ca_file or client_ca_dir");
    }
    trust(ctx.get(), o.client_ca_file, o.client_ca_dir);
  }
  static const unsigned char kSessionContext[] = "corothrift";
  SSL_CTX_set_session_id_context(ctx.get(), kSessionContext, sizeof kSessionContext - 1);
  if (!o.alpn.empty()) SSL_CTX_set_alpn_select_cb(ctx.get(), &select_alpn, nullptr);
  return ctx;
}

std::shared_ptr<const ServerCtxSet> build(const TlsServerOptions& o) {
  auto set = std::make_shared<ServerCtxSet>();
  set->main = server_context(o, o.certificate);
  for (const CertificateKey& named : o.sni_certificates) {
    set->by_name.push_back(server_context(o, named));
  }
  if (!set->by_name.empty()) {
    SSL_CTX_set_tlsext_servername_callback(set->main.get(), &select_certificate);
  }
  if (!o.alpn.empty()) set->alpn = alpn_wire(o.alpn);
  set->handshake_timeout = o.handshake_timeout;
  return set;
}

// ---- client ----

bool is_ip(const std::string& name) {
  unsigned char buffer[16];
  return inet_pton(AF_INET, name.c_str(), buffer) == 1 ||
         inet_pton(AF_INET6, name.c_str(), buffer) == 1;
}

std::string peer_ip(const ByteStream& stream) {
  Address peer = stream.peer_address();
  char text[INET6_ADDRSTRLEN] = {};
  const sockaddr* addr = peer.data();
  if (addr->sa_family == AF_INET) {
    inet_ntop(AF_INET, &reinterpret_cast<const sockaddr_in*>(addr)->sin_addr, text, sizeof text);
  } else if (addr->sa_family == AF_INET6) {
    inet_ntop(AF_INET6, &reinterpret_cast<const sockaddr_in6*>(addr)->sin6_addr, text, sizeof text);
  }
  return text;
}

int keep_session(SSL* ssl, SSL_SESSION* session) {
  ClientTag* tag = tag_of<ClientTag>(ssl);
  if (tag == nullptr || !tag->shared->options.resume_sessions) return 0;
  std::lock_guard lock(tag->shared->mutex);
  SSL_SESSION*& slot = tag->shared->sessions[tag->session_key];
  if (slot != nullptr) SSL_SESSION_free(slot);
  slot = session;
  return 1;  // the cache keeps OpenSSL's reference
}

CtxPtr client_context(const TlsClientOptions& o) {
  CtxPtr ctx = new_context(false, o.min_version, o.max_version, o.ciphers, o.ciphersuites);
  if (o.verify_peer) {
    trust(ctx.get(), o.ca_file, o.ca_dir);
    SSL_CTX_set_verify(ctx.get(), SSL_VERIFY_PEER, nullptr);
  } else {
    SSL_CTX_set_verify(ctx.get(), SSL_VERIFY_NONE, nullptr);
  }
  if (!o.certificate.certificate_chain.empty()) use_certificate(ctx.get(), o.certificate);
  if (!o.alpn.empty()) {
    std::string wire = alpn_wire(o.alpn);
    SSL_CTX_set_alpn_protos(ctx.get(), reinterpret_cast<const unsigned char*>(wire.data()),
                            static_cast<unsigned int>(wire.size()));
  }
  SSL_CTX_set_session_cache_mode(ctx.get(),
                                 SSL_SESS_CACHE_CLIENT | SSL_SESS_CACHE_NO_INTERNAL_STORE);
  SSL_CTX_sess_set_new_cb(ctx.get(), &keep_session);
  return ctx;
}

// The name the server's certificate must carry; sent as SNI too when it is
// a DNS name.
void name_server(SSL* ssl, const TlsClientOptions& o, const std::string& name) {
  if (o.verify_peer && o.verify_hostname) {
    int ok = is_ip(name) ? X509_VERIFY_PARAM_set1_ip_asc(SSL_get0_param(ssl), name.c_str())
                         : SSL_set1_host(ssl, name.c_str());
    if (ok != 1) {
      SSL_free(ssl);
      throw TransportError(fmt::format("TLS: cannot verify against server name '{}'", name));
    }
  }
  if (!is_ip(name)) SSL_set_tlsext_host_name(ssl, name.c_str());
}

std::unique_ptr<ByteStream> wrap_client(const std::shared_ptr<ClientShared>& shared,
                                        const std::string& server_name,
                                        std::unique_ptr<ByteStream> inner) {
  const TlsClientOptions& o = shared->options;
  std::string name = !server_name.empty() ? server_name : o.server_name;
  if (name.empty()) name = peer_ip(*inner);
  if (name.empty() && o.verify_peer && o.verify_hostname) {
    throw TransportError("TLS: no server name to verify (set TlsClientOptions::server_name)");
  }
  SSL* ssl = new_ssl(shared->ctx.get());
  std::string key = fmt::format("{}|{}", name, inner->peer_address().to_string());
  if (!name.empty()) name_server(ssl, o, name);
  if (o.resume_sessions) {
    std::lock_guard lock(shared->mutex);
    auto found = shared->sessions.find(key);
    if (found != shared->sessions.end()) SSL_set_session(ssl, found->second);
  }
  attach(ssl, ClientTag{shared, std::move(key)});
  return std::make_unique<TlsStream>(ssl, std::move(inner), TlsRole::kClient, o.handshake_timeout);
}

}  // namespace
}  // namespace detail

// ---- ServerContext ----

ServerContext::ServerContext(TlsServerOptions options)
    : shared_(std::make_shared<detail::ServerShared>()) {
  shared_->current = detail::build(options);
  shared_->options = std::move(options);
}

void ServerContext::reload() {
  TlsServerOptions options;
  {
    std::lock_guard lock(shared_->mutex);
    options = shared_->options;
  }
  reload(std::move(options));
}

void ServerContext::reload(TlsServerOptions options) {
  std::shared_ptr<const detail::ServerCtxSet> set = detail::build(options);  // may throw
  std::lock_guard lock(shared_->mutex);
  shared_->current = std::move(set);
  shared_->options = std::move(options);
}

std::unique_ptr<ByteStream> ServerContext::wrap(std::unique_ptr<ByteStream> inner) const {
  std::shared_ptr<const detail::ServerCtxSet> set;
  {
    std::lock_guard lock(shared_->mutex);
    set = shared_->current;
  }
  SSL* ssl = detail::new_ssl(set->main.get());
  std::chrono::milliseconds timeout = set->handshake_timeout;
  detail::attach(ssl, detail::ServerTag{std::move(set)});
  return std::make_unique<TlsStream>(ssl, std::move(inner), TlsRole::kServer, timeout);
}

StreamWrapper ServerContext::wrapper() const {
  return [context = *this](Socket socket) {
    return context.wrap(std::make_unique<Socket>(std::move(socket)));
  };
}

// ---- ClientContext ----

ClientContext::ClientContext(TlsClientOptions options)
    : shared_(std::make_shared<detail::ClientShared>()) {
  shared_->ctx = detail::client_context(options);
  shared_->options = std::move(options);
}

std::unique_ptr<ByteStream> ClientContext::wrap(std::unique_ptr<ByteStream> inner,
                                                const std::string& server_name) const {
  return detail::wrap_client(shared_, server_name, std::move(inner));
}

StreamWrapper ClientContext::wrapper(std::string server_name) const {
  return [context = *this, name = std::move(server_name)](Socket socket) {
    return context.wrap(std::make_unique<Socket>(std::move(socket)), name);
  };
}

std::size_t ClientContext::cached_sessions() const {
  std::lock_guard lock(shared_->mutex);
  return shared_->sessions.size();
}

}  // namespace corothrift::tls
