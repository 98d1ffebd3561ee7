// TLS flags of thrift_test_server / thrift_test_client, as Apache Thrift's
// test programs take them: `--ssl` alone makes the server read
// keys/server.crt and keys/server.key and the client trust keys/CA.pem
// (relative to the working directory). Further flags override the paths
// and turn on mutual TLS:
//   --ssl-cert=PATH --ssl-key=PATH   the program's own certificate and key
//                                    (a client sends one only when given)
//   --ssl-ca=PATH                    client: the CAs it trusts
//   --ssl-client-ca=PATH             server: require client certificates
//                                    signed by these CAs
// take_tls_flags removes these from argv, so the other flags parse as before.
#pragma once

#include <cstdio>
#include <optional>
#include <string>
#include <string_view>

#include <corothrift/socket.h>
#include <corothrift/tls/tls_context.h>

namespace thrift_test {

struct TlsFlags {
  bool ssl = false;
  std::string cert;
  std::string key;
  std::string ca;
  std::string client_ca;
};

// nullopt (after a message on stderr) for an --ssl-* flag without a value.
inline std::optional<TlsFlags> take_tls_flags(int& argc, char** argv) {
  TlsFlags tls;
  int kept = 1;
  for (int i = 1; i < argc; ++i) {
    std::string_view arg = argv[i];
    if (arg == "--ssl") {
      tls.ssl = true;
      continue;
    }
    std::string* target = arg.starts_with("--ssl-cert=")        ? &tls.cert
                          : arg.starts_with("--ssl-key=")       ? &tls.key
                          : arg.starts_with("--ssl-ca=")        ? &tls.ca
                          : arg.starts_with("--ssl-client-ca=") ? &tls.client_ca
                                                                : nullptr;
    if (target == nullptr) {
      argv[kept++] = argv[i];
      continue;
    }
    *target = std::string(arg.substr(arg.find('=') + 1));
    if (target->empty()) {
      std::fprintf(stderr, "bad argument: %s\n", argv[i]);
      return std::nullopt;
    }
    tls.ssl = true;
  }
  argc = kept;
  return tls;
}

inline corothrift::StreamWrapper server_tls_wrapper(const TlsFlags& flags) {
  corothrift::tls::TlsServerOptions options;
  options.certificate = {flags.cert.empty() ? "keys/server.crt" : flags.cert,
                         flags.key.empty() ? "keys/server.key" : flags.key};
  if (!flags.client_ca.empty()) {
    options.client_certificate = corothrift::tls::ClientCertificate::kRequire;
    options.client_ca_file = flags.client_ca;
  }
  return corothrift::tls::ServerContext(options).wrapper();
}

// Verifies that the server's certificate names `host`.
inline corothrift::StreamWrapper client_tls_wrapper(const TlsFlags& flags,
                                                    const std::string& host) {
  corothrift::tls::TlsClientOptions options;
  options.ca_file = flags.ca.empty() ? "keys/CA.pem" : flags.ca;
  // Apache's TSSLServerSocket asking for client certificates sets no session
  // id context, and OpenSSL then answers a resumption attempt with an
  // internal error alert: the test client makes full handshakes, as
  // Apache's test clients do.
  options.resume_sessions = false;
  if (!flags.cert.empty()) options.certificate = {flags.cert, flags.key};
  return corothrift::tls::ClientContext(options).wrapper(host);
}

}  // namespace thrift_test
