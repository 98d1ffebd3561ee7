#include <corothrift/message.h>

#include <algorithm>

#include <fmt/format.h>

namespace corothrift {

MultiplexedName split_multiplexed_name(std::string_view name) noexcept {
  std::size_t sep = name.find(kMultiplexSeparator);
  if (sep == std::string_view::npos) return {{}, name};
  return {name.substr(0, sep), name.substr(sep + 1)};
}

std::string join_multiplexed_name(std::string_view service, std::string_view method) {
  std::string name;
  name.reserve(service.size() + 1 + method.size());
  name.append(service);
  name.push_back(kMultiplexSeparator);
  name.append(method);
  return name;
}

std::optional<std::size_t> measure_message(ProtocolKind kind, std::span<const uint8_t> bytes,
                                           const DecodeLimits& limits) {
  ReadBuffer in(bytes.first(std::min(bytes.size(), limits.max_frame_bytes)));
  try {
    with_reader(kind, in, limits, [](auto& r) {
      r.read_message_begin();
      r.skip(TType::Struct);
      r.read_message_end();
    });
    return in.position();
  } catch (const ProtocolError& e) {
    if (e.kind() != ProtocolError::Kind::Truncated) throw;
    if (bytes.size() >= limits.max_frame_bytes) {
      throw ProtocolError(ProtocolError::Kind::SizeLimit,
                          fmt::format("no message completes within the {}-byte frame limit",
                                      limits.max_frame_bytes));
    }
    return std::nullopt;
  }
}

}  // namespace corothrift
