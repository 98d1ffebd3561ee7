#include "value_check.h"

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <limits>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "value_text.h"
#include "walk.h"

namespace corothrift::idl::sema {
namespace {

struct IntRange {
  std::int64_t min;
  std::int64_t max;
};

template <typename T>
constexpr IntRange range_of() {
  return {std::numeric_limits<T>::min(), std::numeric_limits<T>::max()};
}

std::optional<IntRange> integer_range(BaseType base) {
  switch (base) {
    case BaseType::kI8:
      return range_of<std::int8_t>();
    case BaseType::kI16:
      return range_of<std::int16_t>();
    case BaseType::kI32:
      return range_of<std::int32_t>();
    case BaseType::kI64:
      return range_of<std::int64_t>();
    default:
      return std::nullopt;
  }
}

std::string describe(const ConstValue& value) {
  switch (value.kind) {
    case ConstValue::Kind::kInt:
      return fmt::format("integer {}", value.int_value);
    case ConstValue::Kind::kDouble:
      return "a double";
    case ConstValue::Kind::kString:
      return "a string";
    case ConstValue::Kind::kBool:
      return "a bool";
    case ConstValue::Kind::kList:
      return "a list";
    case ConstValue::Kind::kMap:
      return "a map";
    case ConstValue::Kind::kIdentifier:
      return fmt::format("{} '{}'", value.enum_ref != nullptr ? "enum value" : "constant",
                         value.string_value);
  }
  return "a value";
}

// "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx" in hex digits of either case,
// optionally in braces: what Apache's compiler and our runtime's parser take.
bool is_uuid_text(std::string_view text) {
  if (text.size() == 38 && text.front() == '{' && text.back() == '}') {
    text = text.substr(1, 36);
  }
  if (text.size() != 36) return false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    bool dash = i == 8 || i == 13 || i == 18 || i == 23;
    if (dash ? text[i] != '-' : !std::isxdigit(static_cast<unsigned char>(text[i]))) return false;
  }
  return true;
}

// bool, integers and double: what C++ converts into one another implicitly.
bool is_number(const TypeRef& type) {
  const TypeRef& target = strip_typedefs(type);
  return target.kind == TypeRef::Kind::kBase && target.base != BaseType::kVoid &&
         target.base != BaseType::kString && target.base != BaseType::kBinary &&
         target.base != BaseType::kUuid;
}

// Whether a type that did not resolve sits anywhere in `type`: values are
// not checked against it (the unknown name is reported already).
bool names_unresolved(const TypeRef& type) {
  const TypeRef& target = strip_typedefs(type);
  if (target.kind == TypeRef::Kind::kNamed) return target.resolved == nullptr;
  return (target.key && names_unresolved(*target.key)) ||
         (target.element && names_unresolved(*target.element));
}

bool is_empty_container(const ConstValue& value) {
  return (value.kind == ConstValue::Kind::kList && value.list.empty()) ||
         (value.kind == ConstValue::Kind::kMap && value.map.empty());
}

// Where a value is reported: at itself, or at the name of the constant it
// was reached through (`via` then says which).
// `followed` holds the constants whose values led here: meeting one again is
// a cycle, reported by its own rule, not a type error.
struct Site {
  SourceRange range;
  std::string via;
  std::vector<const Const*> followed;
};

class ValueChecker {
 public:
  explicit ValueChecker(Diagnostics& diags) : diags_(diags) {}

  void check(const TypeRef& declared, const ConstValue& value, const Site& site) {
    if (value.kind == ConstValue::Kind::kIdentifier && value.const_ref != nullptr) {
      check_through_constant(declared, value, site);
      return;
    }
    if (value.kind == ConstValue::Kind::kIdentifier && value.enum_ref == nullptr) return;
    const TypeRef& type = strip_typedefs(declared);
    switch (type.kind) {
      case TypeRef::Kind::kBase:
        return check_base(declared, type.base, value, site);
      case TypeRef::Kind::kList:
      case TypeRef::Kind::kSet:
        return check_elements(declared, type, value, site);
      case TypeRef::Kind::kMap:
        return check_map(declared, type, value, site);
      case TypeRef::Kind::kNamed:
        return check_named(declared, type.resolved, value, site);
    }
  }

 private:
  template <typename... Args>
  void error(const ConstValue& value, const Site& site, fmt::format_string<Args...> format,
             Args&&... args) {
    report(Severity::kError, value, site, fmt::format(format, std::forward<Args>(args)...));
  }

  template <typename... Args>
  void warning(const ConstValue& value, const Site& site, fmt::format_string<Args...> format,
               Args&&... args) {
    report(Severity::kWarning, value, site, fmt::format(format, std::forward<Args>(args)...));
  }

  void report(Severity severity, const ConstValue& value, const Site& site, std::string message) {
    SourceRange range = site.range.has_location() ? site.range : value.range;
    diags_.report(severity, range, std::move(message) + site.via);
  }

  // Apache keeps the last of equal keys and a C++ initializer list the
  // first, so a repeated key is at best dead and at worst misleading.
  template <typename Items, typename KeyOf>
  void report_repeated(const Items& items, KeyOf key_of, const Site& site, const char* what) {
    std::set<std::string> seen;
    for (const auto& item : items) {
      const ConstValue& key = key_of(item);
      if (seen.insert(value_key(key)).second) continue;
      warning(key, site, "{} {} is repeated; only one is kept", what, value_text(key));
    }
  }

  void mismatch(const TypeRef& declared, const ConstValue& value, const Site& site) {
    error(value, site, "expected {}, found {}", type_name(declared), describe(value));
  }

  // Generated code names the constant rather than copying its value, so
  // only a constant of the same type or a number converted to a number
  // (checked by value) compiles.
  void check_through_constant(const TypeRef& declared, const ConstValue& value, const Site& site) {
    const Const& constant = *value.const_ref;
    if (same_type(declared, constant.type) || constant.value == nullptr) return;
    if (names_unresolved(declared) || names_unresolved(constant.type)) return;
    if (std::find(site.followed.begin(), site.followed.end(), &constant) != site.followed.end()) {
      return;
    }
    if (!is_number(declared) || !is_number(constant.type)) {
      return error(value, site, "expected {}, found constant '{}' of type {}", type_name(declared),
                   value.string_value, type_name(constant.type));
    }
    Site inner = site;
    if (!inner.range.has_location()) {
      inner.range = value.range;
      inner.via = fmt::format(" (value of constant '{}')", value.string_value);
    }
    inner.followed.push_back(&constant);
    check(declared, *constant.value, inner);
  }

  void check_base(const TypeRef& declared, BaseType base, const ConstValue& value,
                  const Site& site) {
    if (auto range = integer_range(base)) return check_integer(declared, *range, value, site);
    switch (base) {
      case BaseType::kVoid:
        return;
      case BaseType::kBool:
        return check_bool(declared, value, site);
      case BaseType::kDouble:
        if (value.kind == ConstValue::Kind::kInt || value.kind == ConstValue::Kind::kDouble) return;
        return mismatch(declared, value, site);
      case BaseType::kUuid:
        return check_uuid(declared, value, site);
      default:
        if (value.kind != ConstValue::Kind::kString) mismatch(declared, value, site);
    }
  }

  void check_integer(const TypeRef& declared, IntRange range, const ConstValue& value,
                     const Site& site) {
    std::int64_t number = 0;
    if (value.kind == ConstValue::Kind::kInt) {
      number = value.int_value;
    } else {
      return mismatch(declared, value, site);
    }
    if (number < range.min || number > range.max) {
      error(value, site, "value {} does not fit in {} ({} to {})", number,
            type_name(strip_typedefs(declared)), range.min, range.max);
    }
  }

  void check_bool(const TypeRef& declared, const ConstValue& value, const Site& site) {
    if (value.kind == ConstValue::Kind::kBool) return;
    if (value.kind != ConstValue::Kind::kInt) return mismatch(declared, value, site);
    if (value.int_value == 0 || value.int_value == 1) return;
    error(value, site, "expected bool (true, false, 0 or 1), found integer {}", value.int_value);
  }

  void check_uuid(const TypeRef& declared, const ConstValue& value, const Site& site) {
    if (value.kind != ConstValue::Kind::kString) return mismatch(declared, value, site);
    if (is_uuid_text(value.string_value)) return;
    error(value, site, "'{}' is not a uuid (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx)",
          value.string_value);
  }

  void check_elements(const TypeRef& declared, const TypeRef& type, const ConstValue& value,
                      const Site& site) {
    if (is_empty_container(value)) return;
    if (value.kind != ConstValue::Kind::kList) return mismatch(declared, value, site);
    for (const auto& item : value.list) check(*type.element, *item, site);
    if (type.kind == TypeRef::Kind::kSet) {
      report_repeated(
          value.list, [](const auto& item) -> const ConstValue& { return *item; }, site,
          "set element");
    }
  }

  void check_map(const TypeRef& declared, const TypeRef& type, const ConstValue& value,
                 const Site& site) {
    if (is_empty_container(value)) return;
    if (value.kind != ConstValue::Kind::kMap) return mismatch(declared, value, site);
    for (const auto& [key, item] : value.map) {
      check(*type.key, *key, site);
      check(*type.element, *item, site);
    }
    report_repeated(
        value.map, [](const auto& entry) -> const ConstValue& { return *entry.first; }, site,
        "map key");
  }

  void check_named(const TypeRef& declared, const Definition* target, const ConstValue& value,
                   const Site& site) {
    if (target == nullptr) return;
    if (const auto* enumeration = target->as<Enum>()) {
      return check_enum(declared, *enumeration, value, site);
    }
    if (const auto* structure = target->as<Struct>()) {
      return check_struct(declared, *structure, value, site);
    }
    // Still a typedef: a cycle, reported by its own rule.
  }

  void check_enum(const TypeRef& declared, const Enum& enumeration, const ConstValue& value,
                  const Site& site) {
    if (value.kind == ConstValue::Kind::kIdentifier) {
      if (value.enum_ref->parent == &enumeration) return;
      return error(value, site, "'{}' is not a value of enum '{}'", value.string_value,
                   enumeration.name);
    }
    if (value.kind != ConstValue::Kind::kInt) return mismatch(declared, value, site);
    for (const auto& known : enumeration.values) {
      if (known->value == value.int_value) return;
    }
    error(value, site, "{} is not a value of enum '{}'", value.int_value, enumeration.name);
  }

  void check_struct(const TypeRef& declared, const Struct& structure, const ConstValue& value,
                    const Site& site) {
    if (value.kind != ConstValue::Kind::kMap) return mismatch(declared, value, site);
    const ConstValue* set_member = nullptr;
    for (const auto& [key, item] : value.map) {
      const Field* field = find_member(structure, *key, site);
      if (field == nullptr) continue;
      if (structure.struct_kind == StructKind::kUnion && set_member != nullptr &&
          set_member->string_value != key->string_value) {
        error(*key, site, "union '{}' holds one field; '{}' is already set", structure.name,
              set_member->string_value);
      }
      if (set_member == nullptr) set_member = key.get();
      check(field->type, *item, site);
    }
    report_repeated(
        value.map, [](const auto& entry) -> const ConstValue& { return *entry.first; }, site,
        "field");
  }

  const Field* find_member(const Struct& structure, const ConstValue& key, const Site& site) {
    if (key.kind != ConstValue::Kind::kString) {
      error(key, site, "expected a field name of '{}' in quotes, found {}", structure.name,
            describe(key));
      return nullptr;
    }
    for (const auto& field : structure.fields) {
      if (field->name == key.string_value) return field.get();
    }
    error(key, site, "{} '{}' has no field named '{}'", kind_name(structure), structure.name,
          key.string_value);
    return nullptr;
  }

  Diagnostics& diags_;
};

}  // namespace

void check_value(const TypeRef& type, const ConstValue& value, const Const* owner,
                 Diagnostics& diags) {
  Site site;
  if (owner != nullptr) site.followed.push_back(owner);
  ValueChecker(diags).check(type, value, site);
}

bool same_type(const TypeRef& a, const TypeRef& b) {
  const TypeRef& x = strip_typedefs(a);
  const TypeRef& y = strip_typedefs(b);
  if (x.kind != y.kind) return false;
  switch (x.kind) {
    case TypeRef::Kind::kBase:
      return x.base == y.base;
    case TypeRef::Kind::kList:
    case TypeRef::Kind::kSet:
      return same_type(*x.element, *y.element);
    case TypeRef::Kind::kMap:
      return same_type(*x.key, *y.key) && same_type(*x.element, *y.element);
    case TypeRef::Kind::kNamed:
      return x.resolved == y.resolved;
  }
  return false;
}

}  // namespace corothrift::idl::sema
