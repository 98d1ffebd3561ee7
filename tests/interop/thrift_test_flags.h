// Command-line flags of thrift_test_server / thrift_test_client, spelled as
// Apache Thrift's cross-language test programs spell them:
//   --host=H --port=N --protocol=binary|compact|json|header --transport=buffered|framed|http
//   --zlib --multiplexed --workers=N --verbose
// --protocol=header is Apache's THeaderProtocol (binary inside): THeader is
// its own framing, so it replaces --transport. --zlib adds THeader's zlib
// transform to a header client's requests (Apache's own test programs use
// --zlib for TZlibTransport, a stream wrapper corothrift does not have).
// Both `--flag=value` and `--flag value` are accepted. Arguments that are not
// flags are kept in `names` (the client's list of tests to run).
#pragma once

#include <charconv>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <corothrift/protocol.h>
#include <corothrift/transport_kind.h>

namespace thrift_test {

struct Flags {
  std::string host = "127.0.0.1";
  std::uint16_t port = 9090;
  corothrift::ProtocolKind protocol = corothrift::ProtocolKind::Binary;
  corothrift::TransportKind transport = corothrift::TransportKind::Unframed;
  bool multiplexed = false;
  bool header = false;
  bool zlib = false;
  std::size_t workers = 1;
  bool verbose = false;
  std::vector<std::string> names;
};

namespace detail {

template <class Int>
bool parse_int(std::string_view text, Int& out) {
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
  return ec == std::errc() && end == text.data() + text.size();
}

inline bool apply_flag(Flags& flags, std::string_view name, std::string_view value) {
  if (name == "host") {
    flags.host = std::string(value);
    return !value.empty();
  }
  if (name == "port") return parse_int(value, flags.port);
  if (name == "workers") return parse_int(value, flags.workers) && flags.workers > 0;
  if (name == "protocol") {
    if (value == "binary")
      flags.protocol = corothrift::ProtocolKind::Binary;
    else if (value == "compact")
      flags.protocol = corothrift::ProtocolKind::Compact;
    else if (value == "json")
      flags.protocol = corothrift::ProtocolKind::Json;
    else if (value == "header")
      flags.header = true;
    else
      return false;
    return true;
  }
  if (name == "transport") {
    if (value == "buffered")
      flags.transport = corothrift::TransportKind::Unframed;
    else if (value == "framed")
      flags.transport = corothrift::TransportKind::Framed;
    else if (value == "http")
      flags.transport = corothrift::TransportKind::Http;
    else
      return false;
    return true;
  }
  return false;
}

inline bool takes_value(std::string_view name) {
  return name == "host" || name == "port" || name == "workers" || name == "protocol" ||
         name == "transport";
}

}  // namespace detail

// nullopt (after a message on stderr) when an argument is not understood.
inline std::optional<Flags> parse_flags(int argc, char** argv) {
  Flags flags;
  for (int i = 1; i < argc; ++i) {
    std::string_view arg = argv[i];
    if (!arg.starts_with("--")) {
      flags.names.emplace_back(arg);
      continue;
    }
    std::string_view name = arg.substr(2);
    std::string_view value;
    bool has_value = false;
    if (auto eq = name.find('='); eq != std::string_view::npos) {
      value = name.substr(eq + 1);
      name = name.substr(0, eq);
      has_value = true;
    }
    bool ok = false;
    if (name == "multiplexed" && !has_value) {
      ok = flags.multiplexed = true;
    } else if (name == "verbose" && !has_value) {
      ok = flags.verbose = true;
    } else if (name == "zlib" && !has_value) {
      ok = flags.zlib = true;
    } else if (detail::takes_value(name)) {
      if (!has_value && i + 1 < argc) {
        value = argv[++i];
        has_value = true;
      }
      ok = has_value && detail::apply_flag(flags, name, value);
    }
    if (!ok) {
      std::fprintf(stderr, "bad argument: %s\n", argv[i]);
      return std::nullopt;
    }
  }
  if (flags.header && flags.transport == corothrift::TransportKind::Http) {
    std::fprintf(stderr, "bad argument: THeader does not run over HTTP\n");
    return std::nullopt;
  }
  if (flags.header) flags.transport = corothrift::TransportKind::Header;
  if (flags.zlib && !flags.header) {
    std::fprintf(stderr, "bad argument: --zlib needs --protocol=header\n");
    return std::nullopt;
  }
  return flags;
}

}  // namespace thrift_test
