#include "value_text.h"

#include <fmt/format.h>

namespace corothrift::idl::sema {
std::string value_key(const ConstValue& value) {
  switch (value.kind) {
    case ConstValue::Kind::kInt:
    case ConstValue::Kind::kBool:
      return fmt::format("i{}", value.int_value);
    case ConstValue::Kind::kDouble:
      return fmt::format("d{}", value.double_value);
    case ConstValue::Kind::kString:
      return fmt::format("s{}:{}", value.string_value.size(), value.string_value);
    case ConstValue::Kind::kIdentifier:
      return fmt::format("c{}e{}", fmt::ptr(value.const_ref), fmt::ptr(value.enum_ref));
    case ConstValue::Kind::kList: {
      std::string out = "[";
      for (const auto& item : value.list) out += value_key(*item) + ",";
      return out + "]";
    }
    case ConstValue::Kind::kMap: {
      std::string out = "{";
      for (const auto& [key, item] : value.map)
        out += value_key(*key) + ":" + value_key(*item) + ",";
      return out + "}";
    }
  }
  return "?";
}

std::string value_text(const ConstValue& value) {
  switch (value.kind) {
    case ConstValue::Kind::kInt:
      return fmt::format("{}", value.int_value);
    case ConstValue::Kind::kBool:
      return value.int_value != 0 ? "true" : "false";
    case ConstValue::Kind::kDouble:
      return fmt::format("{}", value.double_value);
    case ConstValue::Kind::kString:
      return fmt::format("\"{}\"", value.string_value);
    case ConstValue::Kind::kIdentifier:
      return value.string_value;
    case ConstValue::Kind::kList:
      return "[...]";
    case ConstValue::Kind::kMap:
      return "{...}";
  }
  return "?";
}

}  // namespace corothrift::idl::sema
