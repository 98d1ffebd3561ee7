#include "const_values.h"

#include <fmt/format.h>

#include <cstdint>
#include <limits>

#include "names.h"

namespace corothrift::codegen::cpp {
namespace {

using idl::BaseType;
using idl::ConstValue;
using idl::TypeRef;

std::string int_literal(std::int64_t value) {
  // -9223372036854775808 is not a literal in C++: it is minus a too-big one.
  if (value == std::numeric_limits<std::int64_t>::min()) return "(-9223372036854775807 - 1)";
  return fmt::format("{}", value);
}

std::string double_literal(double value) {
  std::string text = fmt::format("{}", value);
  if (text.find_first_of(".eEn") == std::string::npos) text += ".0";
  return text;
}

std::string bool_literal(const ConstValue& value) {
  return value.int_value != 0 ? "true" : "false";
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string uuid_literal(const std::string& text) {
  std::string bytes;
  int high = -1;
  for (char c : text) {
    int digit = hex_value(c);
    if (digit < 0) continue;
    if (high < 0) {
      high = digit;
    } else {
      bytes += fmt::format("{}0x{:02x}", bytes.empty() ? "" : ", ", high * 16 + digit);
      high = -1;
    }
  }
  return "corothrift::Uuid(std::array<std::uint8_t, 16>{" + bytes + "})";
}

std::string enum_expr(const idl::Enum& e, const ConstValue& value, const TypeNames& names) {
  std::string enum_name = names.definition(e);
  if (value.enum_ref != nullptr) return enum_name + "::" + escape_name(value.enum_ref->name);
  for (const auto& v : e.values) {
    if (v->value == value.int_value) return enum_name + "::" + escape_name(v->name);
  }
  return "static_cast<" + enum_name + ">(" + int_literal(value.int_value) + ")";
}

std::string base_expr(BaseType base, const ConstValue& value) {
  switch (base) {
    case BaseType::kBool:
      return bool_literal(value);
    case BaseType::kDouble:
      return value.kind == ConstValue::Kind::kDouble
                 ? double_literal(value.double_value)
                 : double_literal(static_cast<double>(value.int_value));
    case BaseType::kString:
      if (value.string_value.find('\0') != std::string::npos) {
        return fmt::format("std::string({}, {})", string_literal(value.string_value),
                           value.string_value.size());
      }
      return string_literal(value.string_value);
    case BaseType::kBinary:
      return fmt::format("corothrift::Binary(std::string_view({}, {}))",
                         string_literal(value.string_value), value.string_value.size());
    case BaseType::kUuid:
      return uuid_literal(value.string_value);
    default:
      return int_literal(value.int_value);
  }
}

std::string join_items(const TypeRef& element, const ConstValue& value, const TypeNames& names) {
  std::string out;
  for (const auto& item : value.list) {
    if (!out.empty()) out += ", ";
    out += const_expr(element, *item, names);
  }
  return out;
}

std::string map_expr(const TypeRef& type, const ConstValue& value, const TypeNames& names) {
  std::string out;
  for (const auto& [key, mapped] : value.map) {
    if (!out.empty()) out += ", ";
    // Appended piece by piece: `"literal" + std::string` trips g++ 12's false
    // -Wrestrict at -O3.
    out += '{';
    out += const_expr(*type.key, *key, names);
    out += ", ";
    out += const_expr(*type.element, *mapped, names);
    out += '}';
  }
  return names.cpp_type(type) + "{" + out + "}";
}

const idl::Field* find_field(const idl::Struct& s, const std::string& name) {
  for (const auto& field : s.fields) {
    if (field->name == name) return field.get();
  }
  return nullptr;
}

std::string struct_expr(const TypeRef& type, const idl::Struct& s, const ConstValue& value,
                        const TypeNames& names) {
  std::string type_name = names.cpp_type(type);
  if (value.map.empty()) return type_name + "{}";
  std::string body;
  for (const auto& [key, mapped] : value.map) {
    const idl::Field* field = find_field(s, key->string_value);
    if (field == nullptr) continue;  // the front end reports unknown fields
    std::string member = field_name(*field, s.fields, *s.program);
    std::string expr = const_expr(field->type, *mapped, names);
    body += s.struct_kind == idl::StructKind::kUnion
                ? fmt::format(" v.set_{}({});", field->name, expr)
                : fmt::format(" v.{} = {};", member, expr);
  }
  return fmt::format("[] {{ {} v;{} return v; }}()", type_name, body);
}

}  // namespace

std::string string_literal(std::string_view bytes) {
  std::string out = "\"";
  for (char c : bytes) {
    auto byte = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\t') {
      out += "\\t";
    } else if (byte < 0x20 || byte >= 0x7f) {
      // Octal escapes take at most three digits, so the next character can
      // never extend one (a hex escape would swallow following hex digits).
      out += fmt::format("\\{:03o}", byte);
    } else {
      out += c;
    }
  }
  return out + "\"";
}

std::string const_expr(const TypeRef& type, const ConstValue& value, const TypeNames& names) {
  if (value.const_ref != nullptr) return names.definition(*value.const_ref);
  const TypeRef& real = idl::strip_typedefs(type);
  switch (real.kind) {
    case TypeRef::Kind::kBase:
      return base_expr(real.base, value);
    case TypeRef::Kind::kList:
    case TypeRef::Kind::kSet:
      return names.cpp_type(type) + "{" + join_items(*real.element, value, names) + "}";
    case TypeRef::Kind::kMap:
      return map_expr(real, value, names);
    case TypeRef::Kind::kNamed:
      break;
  }
  if (const idl::Enum* e = real.resolved->as<idl::Enum>()) return enum_expr(*e, value, names);
  return struct_expr(type, *real.resolved->as<idl::Struct>(), value, names);
}

}  // namespace corothrift::codegen::cpp
