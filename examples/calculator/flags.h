// Flags of the example programs: `--port P` (or `--port=P`) and `--tls DIR`
// (or `--tls=DIR`), DIR holding the files of docs/tls.md's test CA: the
// server serves DIR/server.crt with DIR/server.key, the client trusts
// DIR/CA.pem and expects the name "localhost".
#pragma once

#include <charconv>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace calculator {

struct Flags {
  std::uint16_t port;
  std::string tls_dir;  // empty: plaintext
};

// `fallback_port` when there is no --port; nullopt when the arguments are
// malformed.
inline std::optional<Flags> parse_flags(int argc, char** argv, std::uint16_t fallback_port) {
  Flags flags{fallback_port, {}};
  for (int i = 1; i < argc; ++i) {
    std::string_view arg = argv[i];
    std::string_view name = arg.substr(0, arg.find('='));
    std::string_view value;
    if (name.size() < arg.size()) {
      value = arg.substr(name.size() + 1);
    } else if (i + 1 < argc) {
      value = argv[++i];
    }
    if (name == "--tls" && !value.empty()) {
      flags.tls_dir = value;
      continue;
    }
    if (name != "--port") return std::nullopt;
    auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), flags.port);
    if (value.empty() || ec != std::errc() || end != value.data() + value.size()) {
      return std::nullopt;
    }
  }
  return flags;
}

}  // namespace calculator
