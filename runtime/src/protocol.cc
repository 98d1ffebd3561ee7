#include <corothrift/protocol.h>

namespace corothrift {

std::string_view protocol_kind_name(ProtocolKind kind) noexcept {
  switch (kind) {
    case ProtocolKind::Binary:
      return "binary";
    case ProtocolKind::Compact:
      return "compact";
    case ProtocolKind::Json:
      return "json";
  }
  return "unknown";
}

}  // namespace corothrift
