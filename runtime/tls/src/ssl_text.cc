#include "ssl_text.h"

#include <arpa/inet.h>
#include <openssl/err.h>
#include <openssl/x509v3.h>

#include <fmt/core.h>

#include <memory>

namespace corothrift::tls::detail {
namespace {

std::string reason_text(unsigned long error) {
  const char* reason = ERR_reason_error_string(error);
  if (reason != nullptr) return reason;
  char buffer[256];
  ERR_error_string_n(error, buffer, sizeof buffer);
  return buffer;
}

// OpenSSL names a received alert "sslv3 alert bad certificate" or "tlsv13
// alert certificate required"; say plainly that the peer sent it.
std::string describe_reason(unsigned long error) {
  std::string text = reason_text(error);
  std::size_t alert = text.find("alert ");
  if (alert != std::string::npos && (text.starts_with("ssl") || text.starts_with("tls"))) {
    return "peer sent alert: " + text.substr(alert + 6);
  }
  return text;
}

std::string ip_text(const ASN1_OCTET_STRING* ip) {
  char text[INET6_ADDRSTRLEN] = {};
  int length = ASN1_STRING_length(ip);
  const unsigned char* data = ASN1_STRING_get0_data(ip);
  if (length == 4) inet_ntop(AF_INET, data, text, sizeof text);
  if (length == 16) inet_ntop(AF_INET6, data, text, sizeof text);
  return text;
}

std::string asn1_text(const ASN1_STRING* s) {
  return std::string(reinterpret_cast<const char*>(ASN1_STRING_get0_data(s)),
                     static_cast<std::size_t>(ASN1_STRING_length(s)));
}

std::string subject_text(X509* cert) {
  std::unique_ptr<BIO, decltype(&BIO_free)> out(BIO_new(BIO_s_mem()), &BIO_free);
  if (!out) return {};
  X509_NAME_print_ex(out.get(), X509_get_subject_name(cert), 0, XN_FLAG_RFC2253);
  char* data = nullptr;
  long size = BIO_get_mem_data(out.get(), &data);
  return std::string(data, static_cast<std::size_t>(size));
}

std::string common_name(X509* cert) {
  X509_NAME* name = X509_get_subject_name(cert);
  int index = X509_NAME_get_index_by_NID(name, NID_commonName, -1);
  if (index < 0) return {};
  return asn1_text(X509_NAME_ENTRY_get_data(X509_NAME_get_entry(name, index)));
}

void add_alt_names(X509* cert, PeerIdentity& id) {
  auto* names =
      static_cast<GENERAL_NAMES*>(X509_get_ext_d2i(cert, NID_subject_alt_name, nullptr, nullptr));
  if (names == nullptr) return;
  for (int i = 0; i < sk_GENERAL_NAME_num(names); ++i) {
    const GENERAL_NAME* name = sk_GENERAL_NAME_value(names, i);
    if (name->type == GEN_DNS) id.dns_names.push_back(asn1_text(name->d.dNSName));
    if (name->type == GEN_IPADD) id.ip_addresses.push_back(ip_text(name->d.iPAddress));
    if (name->type == GEN_URI) id.uris.push_back(asn1_text(name->d.uniformResourceIdentifier));
  }
  GENERAL_NAMES_free(names);
}

}  // namespace

std::string describe_ssl_error(const SSL* ssl) {
  unsigned long error = ERR_peek_error();
  if (error == 0) return "unknown TLS error";
  int reason = ERR_GET_REASON(error);
  if (reason == SSL_R_CERTIFICATE_VERIFY_FAILED) {
    return fmt::format("certificate verify failed: {}",
                       X509_verify_cert_error_string(SSL_get_verify_result(ssl)));
  }
  if (reason == SSL_R_PEER_DID_NOT_RETURN_A_CERTIFICATE) {
    return "the client sent no certificate (one is required)";
  }
  return describe_reason(error);
}

std::string describe_non_tls(unsigned char first_byte) {
  // Unframed Thrift starts with 0x80 (binary) or 0x82 (compact); a frame
  // starts with a length, whose first byte is almost always 0.
  if (first_byte == 0x80 || first_byte == 0x82 || first_byte == 0x00) {
    return fmt::format("not a TLS client: the first byte 0x{:02x} looks like plaintext Thrift",
                       first_byte);
  }
  return fmt::format("not a TLS ClientHello: the first byte is 0x{:02x}, not 0x16", first_byte);
}

PeerIdentity identity_of(X509* cert) {
  PeerIdentity id;
  id.subject = subject_text(cert);
  id.common_name = common_name(cert);
  add_alt_names(cert, id);
  return id;
}

}  // namespace corothrift::tls::detail
