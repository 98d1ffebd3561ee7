#include <corothrift/exception.h>

#include <fmt/format.h>

namespace corothrift {

void throw_protocol_error(ProtocolError::Kind kind, std::string_view reason) {
  throw ProtocolError(kind, std::string(reason));
}

void throw_truncated(std::size_t needed, std::size_t available) {
  throw ProtocolError(ProtocolError::Kind::Truncated,
                      fmt::format("input ends early: need {} bytes, {} left", needed, available),
                      needed > available ? needed - available : 1);
}

void throw_missing_required_field(std::string_view struct_name, std::string_view field_name) {
  throw ProtocolError(ProtocolError::Kind::InvalidData,
                      fmt::format("required field {}.{} is missing", struct_name, field_name));
}

std::string_view application_exception_type_name(TApplicationException::Type type) noexcept {
  using Type = TApplicationException::Type;
  switch (type) {
    case Type::Unknown:
      return "Default (unknown) TApplicationException";
    case Type::UnknownMethod:
      return "Unknown method";
    case Type::InvalidMessageType:
      return "Invalid message type";
    case Type::WrongMethodName:
      return "Wrong method name";
    case Type::BadSequenceId:
      return "Bad sequence identifier";
    case Type::MissingResult:
      return "Missing result";
    case Type::InternalError:
      return "Internal error";
    case Type::ProtocolError:
      return "Protocol error";
    case Type::InvalidTransform:
      return "Invalid transform";
    case Type::InvalidProtocol:
      return "Invalid protocol";
    case Type::UnsupportedClientType:
      return "Unsupported client type";
  }
  return "Unknown TApplicationException type";
}

const char* TApplicationException::what() const noexcept {
  if (!message_.empty()) return message_.c_str();
  // The names are string literals, so data() is NUL-terminated.
  return application_exception_type_name(type_).data();
}

}  // namespace corothrift
