#pragma once
// TLS for corothrift's connections, on OpenSSL 3: a server context and a
// client context, each handing out the StreamWrapper that puts a TlsStream
// (tls_stream.h) under every connection, whatever its wire.
//
//   corothrift::tls::TlsServerOptions tls;
//   tls.certificate = {"server.crt", "server.key"};
//   corothrift::tls::ServerContext context(tls);        // throws TlsConfigError
//   corothrift::ServerOptions options;
//   options.wrap_stream = context.wrapper();
//
//   corothrift::tls::TlsClientOptions tls;
//   tls.ca_file = "ca.pem";                              // default: the system store
//   corothrift::tls::ClientContext client_tls(tls);
//   corothrift::ChannelOptions options;
//   options.wrap_stream = client_tls.wrapper();          // verifies the address's IP SAN
//   options.wrap_stream = client_tls.wrapper("api.example.com");  // or this name, sent as SNI
//
// Contexts are cheap handles to shared state: copies, and the wrappers they
// hand out, use the same certificates and session cache. All members are
// safe to call from any thread at once (the server calls its wrapper on
// every worker thread); reload() swaps certificates for connections accepted
// afterwards and leaves open ones untouched.

#include <corothrift/errors.h>
#include <corothrift/socket.h>
#include <corothrift/tls/tls_options.h>

#include <memory>
#include <string>

namespace corothrift::tls {

// A certificate, key or CA that cannot be loaded, or options OpenSSL
// refuses; the text names the file and OpenSSL's reason.
class TlsConfigError : public RuntimeError {
 public:
  using RuntimeError::RuntimeError;
};

namespace detail {
struct ServerShared;
struct ClientShared;
}  // namespace detail

class ServerContext {
 public:
  explicit ServerContext(TlsServerOptions options);

  // Reads the certificates and keys again (from the same files); throws
  // TlsConfigError and keeps the current ones if they do not load.
  void reload();
  // The same with new options.
  void reload(TlsServerOptions options);

  // For ServerOptions::wrap_stream: accepted sockets become TLS streams
  // that run the server side of the handshake on their loop.
  StreamWrapper wrapper() const;
  // TLS over any stream (a test stream, another wrapper's output).
  std::unique_ptr<ByteStream> wrap(std::unique_ptr<ByteStream> inner) const;

 private:
  std::shared_ptr<detail::ServerShared> shared_;
};

class ClientContext {
 public:
  explicit ClientContext(TlsClientOptions options);

  // For ChannelOptions::wrap_stream. `server_name` (else the options', else
  // the connected address) is what the server's certificate must name.
  StreamWrapper wrapper(std::string server_name = {}) const;
  std::unique_ptr<ByteStream> wrap(std::unique_ptr<ByteStream> inner,
                                   const std::string& server_name = {}) const;

  // Sessions kept for resumption (one per server name).
  std::size_t cached_sessions() const;

 private:
  std::shared_ptr<detail::ClientShared> shared_;
};

}  // namespace corothrift::tls
