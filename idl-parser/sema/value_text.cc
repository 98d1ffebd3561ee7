#include "value_text.h"

#include <fmt/format.h>

namespace corothrift::idl::sema {
namespace {

bool same_list(const ConstValue& a, const ConstValue& b) {
  if (a.list.size() != b.list.size()) return false;
  for (std::size_t i = 0; i < a.list.size(); ++i) {
    if (!same_value(*a.list[i], *b.list[i])) return false;
  }
  return true;
}

bool same_map(const ConstValue& a, const ConstValue& b) {
  if (a.map.size() != b.map.size()) return false;
  for (std::size_t i = 0; i < a.map.size(); ++i) {
    if (!same_value(*a.map[i].first, *b.map[i].first)) return false;
    if (!same_value(*a.map[i].second, *b.map[i].second)) return false;
  }
  return true;
}

}  // namespace

bool same_value(const ConstValue& a, const ConstValue& b) {
  if (a.kind != b.kind) return false;
  switch (a.kind) {
    case ConstValue::Kind::kInt:
    case ConstValue::Kind::kBool:
      return a.int_value == b.int_value;
    case ConstValue::Kind::kDouble:
      return a.double_value == b.double_value;
    case ConstValue::Kind::kString:
      return a.string_value == b.string_value;
    case ConstValue::Kind::kIdentifier:
      return a.const_ref == b.const_ref && a.enum_ref == b.enum_ref;
    case ConstValue::Kind::kList:
      return same_list(a, b);
    case ConstValue::Kind::kMap:
      return same_map(a, b);
  }
  return false;
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
