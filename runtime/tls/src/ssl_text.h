// Turning OpenSSL's state into words and values: why a handshake failed,
// and who the peer's certificate names.
#pragma once

#include <corothrift/tls/tls_stream.h>

#include <openssl/ssl.h>
#include <openssl/x509.h>

#include <string>

namespace corothrift::tls::detail {

// The cause of the failure in OpenSSL's error queue for `ssl`, e.g.
// "certificate verify failed: hostname mismatch", "the client sent no
// certificate (one is required)", "peer sent alert: unknown ca".
std::string describe_ssl_error(const SSL* ssl);

// What a server says about a first byte that does not start a TLS record.
std::string describe_non_tls(unsigned char first_byte);

// Subject and subjectAltNames of a certificate.
PeerIdentity identity_of(X509* cert);

}  // namespace corothrift::tls::detail
