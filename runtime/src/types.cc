#include <corothrift/types.h>

namespace corothrift {

std::string_view ttype_name(TType type) noexcept {
  switch (type) {
    case TType::Stop:
      return "stop";
    case TType::Void:
      return "void";
    case TType::Bool:
      return "bool";
    case TType::Byte:
      return "byte";
    case TType::Double:
      return "double";
    case TType::I16:
      return "i16";
    case TType::I32:
      return "i32";
    case TType::I64:
      return "i64";
    case TType::String:
      return "string";
    case TType::Struct:
      return "struct";
    case TType::Map:
      return "map";
    case TType::Set:
      return "set";
    case TType::List:
      return "list";
    case TType::Uuid:
      return "uuid";
  }
  return "unknown";
}

std::string_view message_type_name(MessageType type) noexcept {
  switch (type) {
    case MessageType::Call:
      return "call";
    case MessageType::Reply:
      return "reply";
    case MessageType::Exception:
      return "exception";
    case MessageType::Oneway:
      return "oneway";
  }
  return "unknown";
}

namespace {

int hex_digit(char c) noexcept {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

bool is_dash_position(std::size_t i) noexcept { return i == 8 || i == 13 || i == 18 || i == 23; }

}  // namespace

std::optional<Uuid> Uuid::parse(std::string_view text) noexcept {
  if (text.size() == 38 && text.front() == '{' && text.back() == '}') {
    text = text.substr(1, 36);
  }
  if (text.size() != 36) return std::nullopt;
  Uuid uuid;
  std::size_t out = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (is_dash_position(i)) {
      if (text[i] != '-') return std::nullopt;
      continue;
    }
    int hi = hex_digit(text[i]);
    int lo = hex_digit(text[++i]);
    if (hi < 0 || lo < 0 || is_dash_position(i)) return std::nullopt;
    uuid.bytes_[out++] = static_cast<uint8_t>(hi << 4 | lo);
  }
  return uuid;
}

std::string Uuid::to_string() const {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string text;
  text.reserve(36);
  for (std::size_t i = 0; i < bytes_.size(); ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) text.push_back('-');
    text.push_back(kDigits[bytes_[i] >> 4]);
    text.push_back(kDigits[bytes_[i] & 0x0f]);
  }
  return text;
}

}  // namespace corothrift
