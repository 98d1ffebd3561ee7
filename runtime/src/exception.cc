#include <corothrift/exception.h>

#include <corothrift/detail/exception_what.h>

#include <mutex>

#include <fmt/format.h>

namespace corothrift {

namespace {

// One lock for the texts of all exceptions: what() is rare, and a mutex in
// each exception would make every result struct 40 bytes larger.
std::mutex what_mutex;

}  // namespace

const char* ThriftException::keep_what(std::string text) const {
  std::lock_guard lock(what_mutex);
  if (what_ == nullptr || *what_ != text) what_ = std::make_unique<std::string>(std::move(text));
  return what_->c_str();
}

std::string detail::cut_what(std::string text, std::size_t limit) {
  if (text.size() <= limit) return text;
  std::size_t end = limit;
  // Back over continuation bytes (10xxxxxx) to the start of the sequence.
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  text.resize(end);
  return text + "...";
}

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
