// `--port P` (or `--port=P`) for the example programs.
#pragma once

#include <charconv>
#include <cstdint>
#include <optional>
#include <string_view>

namespace calculator {

// The port named by argv, `fallback` when there is no --port, nullopt when the
// arguments are malformed.
inline std::optional<std::uint16_t> parse_port(int argc, char** argv, std::uint16_t fallback) {
  std::uint16_t port = fallback;
  for (int i = 1; i < argc; ++i) {
    std::string_view arg = argv[i];
    std::string_view value;
    if (arg == "--port" && i + 1 < argc) {
      value = argv[++i];
    } else if (arg.starts_with("--port=")) {
      value = arg.substr(7);
    } else {
      return std::nullopt;
    }
    auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), port);
    if (ec != std::errc() || end != value.data() + value.size()) return std::nullopt;
  }
  return port;
}

}  // namespace calculator
