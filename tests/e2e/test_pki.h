// Certificates made at test time with OpenSSL's API (nothing secret is
// committed): a CA, the certificates it issues, self-signed ones, and
// validity windows in the past or future. PEM text, which the TLS options
// take directly; write_file puts one on disk for the path-based options.
#pragma once

#include <corothrift/tls/tls_options.h>

#include <memory>
#include <string>
#include <vector>

namespace e2e_test {

struct CertSpec {
  std::string common_name;
  std::vector<std::string> dns_names;
  std::vector<std::string> ip_addresses;
  std::vector<std::string> uris;
  long not_before_seconds = -3600;  // relative to now
  long not_after_seconds = 86400;
};

class TestCa {
 public:
  explicit TestCa(const std::string& name);
  ~TestCa();
  TestCa(const TestCa&) = delete;
  TestCa& operator=(const TestCa&) = delete;

  // A leaf certificate and its key, signed by this CA.
  corothrift::tls::CertificateKey issue(const CertSpec& spec) const;
  const std::string& certificate_pem() const { return cert_pem_; }

 private:
  struct Keys;
  std::unique_ptr<Keys> keys_;
  std::string cert_pem_;
};

// A certificate signed by its own key (not a CA).
corothrift::tls::CertificateKey self_signed(const CertSpec& spec);

// Writes `text` to `path`, replacing it.
void write_file(const std::string& path, const std::string& text);

// A fresh directory under the system's temporary directory, removed with
// everything in it when destroyed.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  std::string file(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

}  // namespace e2e_test
