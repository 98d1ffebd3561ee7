#pragma once
// What a TLS server or client is configured with (see tls_context.h).
//
// Certificates and keys are PEM, given either as a file path or as the PEM
// text itself (a `Pem` value starting with "-----BEGIN" is text, anything
// else is a path). Nothing is read until a context is built from the
// options; building fails with TlsConfigError naming the file and the cause.

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

namespace corothrift::tls {

// A PEM file path, or PEM text (starts with "-----BEGIN").
using Pem = std::string;

enum class TlsVersion : std::uint8_t { kTls12, kTls13 };

// Whether a server asks its clients for a certificate.
enum class ClientCertificate : std::uint8_t {
  kNone,     // not asked for
  kRequest,  // asked for; a client without one is served, one with a bad one is refused
  kRequire,  // a client without a valid certificate is refused
};

// One certificate chain and its private key.
struct CertificateKey {
  Pem certificate_chain;  // leaf first, then intermediates
  Pem private_key;
};

struct TlsServerOptions {
  // The certificate served when no `sni_certificates` entry matches the name
  // the client asked for (or it asked for none).
  CertificateKey certificate;
  // Further certificates, picked by the client's SNI name: each one serves
  // the DNS names of its own subjectAltName extension (wildcards included).
  std::vector<CertificateKey> sni_certificates;
  TlsVersion min_version = TlsVersion::kTls12;
  TlsVersion max_version = TlsVersion::kTls13;
  // OpenSSL cipher strings; empty: OpenSSL's defaults. `ciphers` is for
  // TLS 1.2, `ciphersuites` for TLS 1.3.
  std::string ciphers;
  std::string ciphersuites;
  ClientCertificate client_certificate = ClientCertificate::kNone;
  // Client certificates are verified against these (a PEM bundle, a
  // directory hashed with `openssl rehash`); needed unless kNone.
  std::string client_ca_file;
  std::string client_ca_dir;
  // Non-empty: the ALPN protocol the server accepts; a client offering
  // others only is refused, a client offering none is served.
  std::string alpn;
  // A connection whose handshake has not finished by then is closed.
  std::chrono::milliseconds handshake_timeout{10000};
};

struct TlsClientOptions {
  // Trusted CAs; both empty: the system's store (OpenSSL's default paths).
  std::string ca_file;
  std::string ca_dir;
  // Checks the server's certificate against the trusted CAs. Off only for
  // tests against servers with throwaway certificates.
  bool verify_peer = true;
  // The name the server's certificate must carry (a DNS name, or an IP
  // address matched against IP SANs); empty: the host the client connects
  // to. Also sent as SNI when it is a DNS name.
  std::string server_name;
  bool verify_hostname = true;
  // Mutual TLS: the client's own certificate; empty: none is sent.
  CertificateKey certificate;
  TlsVersion min_version = TlsVersion::kTls12;
  TlsVersion max_version = TlsVersion::kTls13;
  std::string ciphers;
  std::string ciphersuites;
  // Non-empty: the ALPN protocol offered.
  std::string alpn;
  // Resume the previous session on reconnect (a session ticket kept by the
  // context that made the connection).
  bool resume_sessions = true;
  std::chrono::milliseconds handshake_timeout{10000};
};

}  // namespace corothrift::tls
