#include "test_pki.h"

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <stdexcept>

namespace e2e_test {
namespace {

void check(bool ok, const char* what) {
  if (!ok) throw std::runtime_error(std::string("test PKI: ") + what);
}

EVP_PKEY* new_key() {
  EVP_PKEY* key = EVP_EC_gen("P-256");
  check(key != nullptr, "EC key generation failed");
  return key;
}

std::string key_pem(EVP_PKEY* key) {
  BIO* out = BIO_new(BIO_s_mem());
  check(PEM_write_bio_PrivateKey(out, key, nullptr, nullptr, 0, nullptr, nullptr) == 1, "key PEM");
  char* data = nullptr;
  long size = BIO_get_mem_data(out, &data);
  std::string pem(data, static_cast<std::size_t>(size));
  BIO_free(out);
  return pem;
}

std::string cert_pem(X509* cert) {
  BIO* out = BIO_new(BIO_s_mem());
  check(PEM_write_bio_X509(out, cert) == 1, "certificate PEM");
  char* data = nullptr;
  long size = BIO_get_mem_data(out, &data);
  std::string pem(data, static_cast<std::size_t>(size));
  BIO_free(out);
  return pem;
}

void add_extension(X509* cert, X509* issuer, int nid, const std::string& value) {
  X509V3_CTX ctx;
  X509V3_set_ctx_nodb(&ctx);
  X509V3_set_ctx(&ctx, issuer, cert, nullptr, nullptr, 0);
  X509_EXTENSION* ext = X509V3_EXT_conf_nid(nullptr, &ctx, nid, value.c_str());
  check(ext != nullptr, "extension");
  X509_add_ext(cert, ext, -1);
  X509_EXTENSION_free(ext);
}

std::string alt_names(const CertSpec& spec) {
  std::string names;
  auto add = [&](const char* kind, const std::string& value) {
    if (!names.empty()) names += ',';
    names += kind;
    names += value;
  };
  for (const auto& n : spec.dns_names) add("DNS:", n);
  for (const auto& n : spec.ip_addresses) add("IP:", n);
  for (const auto& n : spec.uris) add("URI:", n);
  return names;
}

// A certificate for `key` with `spec`'s names and window, signed by
// issuer_key (issuer null: self-signed).
X509* make_cert(const CertSpec& spec, EVP_PKEY* key, X509* issuer, EVP_PKEY* issuer_key, bool ca) {
  static long serial = 1;
  X509* cert = X509_new();
  X509_set_version(cert, 2);
  ASN1_INTEGER_set(X509_get_serialNumber(cert), serial++);
  X509_gmtime_adj(X509_getm_notBefore(cert), spec.not_before_seconds);
  X509_gmtime_adj(X509_getm_notAfter(cert), spec.not_after_seconds);
  X509_set_pubkey(cert, key);
  X509_NAME* name = X509_get_subject_name(cert);
  X509_NAME_add_entry_by_txt(name, "O", MBSTRING_ASC,
                             reinterpret_cast<const unsigned char*>("corothrift tests"), -1, -1, 0);
  X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
                             reinterpret_cast<const unsigned char*>(spec.common_name.c_str()), -1,
                             -1, 0);
  X509_set_issuer_name(cert, issuer ? X509_get_subject_name(issuer) : name);
  X509* signer = issuer ? issuer : cert;
  add_extension(cert, signer, NID_basic_constraints, ca ? "critical,CA:TRUE" : "CA:FALSE");
  add_extension(cert, signer, NID_subject_key_identifier, "hash");
  if (ca) add_extension(cert, signer, NID_key_usage, "critical,keyCertSign,cRLSign");
  std::string names = alt_names(spec);
  if (!names.empty()) add_extension(cert, signer, NID_subject_alt_name, names);
  check(X509_sign(cert, issuer_key, EVP_sha256()) > 0, "signing");
  return cert;
}

}  // namespace

struct TestCa::Keys {
  ~Keys() {
    X509_free(cert);
    EVP_PKEY_free(key);
  }
  EVP_PKEY* key = nullptr;
  X509* cert = nullptr;
};

TestCa::TestCa(const std::string& name) : keys_(std::make_unique<Keys>()) {
  keys_->key = new_key();
  CertSpec spec{name, {}, {}, {}, -3600, 10 * 86400};
  keys_->cert = make_cert(spec, keys_->key, nullptr, keys_->key, true);
  cert_pem_ = cert_pem(keys_->cert);
}

TestCa::~TestCa() = default;

corothrift::tls::CertificateKey TestCa::issue(const CertSpec& spec) const {
  EVP_PKEY* key = new_key();
  X509* cert = make_cert(spec, key, keys_->cert, keys_->key, false);
  corothrift::tls::CertificateKey pair{cert_pem(cert), key_pem(key)};
  X509_free(cert);
  EVP_PKEY_free(key);
  return pair;
}

corothrift::tls::CertificateKey self_signed(const CertSpec& spec) {
  EVP_PKEY* key = new_key();
  X509* cert = make_cert(spec, key, nullptr, key, false);
  corothrift::tls::CertificateKey pair{cert_pem(cert), key_pem(key)};
  X509_free(cert);
  EVP_PKEY_free(key);
  return pair;
}

void write_file(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
  check(static_cast<bool>(out), "cannot write a file");
}

TempDir::TempDir() {
  std::string pattern = (std::filesystem::temp_directory_path() / "corothrift-tls-XXXXXX").string();
  check(::mkdtemp(pattern.data()) != nullptr, "mkdtemp failed");
  path_ = pattern;
}

TempDir::~TempDir() {
  std::error_code ignored;
  std::filesystem::remove_all(path_, ignored);
}

}  // namespace e2e_test
