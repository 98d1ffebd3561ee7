#include <corothrift/detail/message.h>

#include <algorithm>

#include "json_extent.h"
#include "message_extent.h"

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

MessageExtent measure_message_extent(ProtocolKind kind, std::span<const uint8_t> bytes,
                                     const DecodeLimits& limits) {
  if (kind == ProtocolKind::Json) return detail::measure_json_message(bytes, limits);
  std::span<const uint8_t> window = bytes.first(std::min(bytes.size(), limits.max_frame_bytes));
  ReadBuffer in(window);
  try {
    with_reader(kind, in, limits, [](auto& r) {
      r.read_message_begin();
      r.skip(TType::Struct);
      r.read_message_end();
    });
    return {in.position(), 0};
  } catch (const ProtocolError& e) {
    if (e.kind() != ProtocolError::Kind::Truncated) throw;
    return detail::incomplete_extent(window.size(), bytes.size(), e.missing_bytes(), limits);
  }
}

std::optional<std::size_t> measure_message(ProtocolKind kind, std::span<const uint8_t> bytes,
                                           const DecodeLimits& limits) {
  MessageExtent extent = measure_message_extent(kind, bytes, limits);
  if (extent.size == 0) return std::nullopt;
  return extent.size;
}

}  // namespace corothrift
