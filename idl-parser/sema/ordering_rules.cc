#include <set>
#include <string>
#include <string_view>

#include <fmt/format.h>

#include "rules.h"
#include "walk.h"

namespace corothrift::idl::sema {
namespace {

// The C++ mapping orders every IDL type: numbers, strings, Binary and Uuid
// have <=>, enums are enum classes, generated structs/unions/exceptions get
// <=>, and std::vector/set/map order their elements. What breaks that is a
// container mapped by annotation to a hash container, which has no
// operator<, wherever it sits inside a key.
const std::string* hash_container(const TypeRef& type) {
  for (std::string_view key : {"cpp.template", "cpp.type"}) {
    const std::string* mapped = type.annotations.find(key);
    if (mapped != nullptr && mapped->find("unordered_") != std::string::npos) return mapped;
  }
  return nullptr;
}

// Why `type` has no operator<, or "" if it has one.
std::string unordered_reason(const TypeRef& type, std::set<const Struct*>& visited) {
  const TypeRef& target = strip_typedefs(type);
  if (const std::string* mapped = hash_container(target)) {
    return fmt::format("'{}' is a {}, which has no operator<", type_name(type), *mapped);
  }
  if (target.key) {
    if (auto reason = unordered_reason(*target.key, visited); !reason.empty()) return reason;
  }
  if (target.element) return unordered_reason(*target.element, visited);
  const Struct* structure = as_struct(target);
  if (structure == nullptr || !visited.insert(structure).second) return "";
  for (const auto& field : structure->fields) {
    auto reason = unordered_reason(field->type, visited);
    if (!reason.empty())
      return fmt::format("field '{}.{}': {}", structure->name, field->name, reason);
  }
  return "";
}

void check_sorted_container(const TypeRef& container, Diagnostics& diags) {
  if (hash_container(container) != nullptr) return;  // hashed, not sorted
  const bool is_map = container.kind == TypeRef::Kind::kMap;
  const TypeRef& sorted = is_map ? *container.key : *container.element;
  std::set<const Struct*> visited;
  std::string reason = unordered_reason(sorted, visited);
  if (reason.empty()) return;
  diags.warning(sorted.range, "{} type '{}' cannot be ordered for {}: {}",
                is_map ? "map key" : "set element", type_name(sorted),
                is_map ? "std::map" : "std::set", reason);
}

}  // namespace

void check_ordered_keys(const Program& program, Diagnostics& diags) {
  auto check_nested = [&](const TypeRef& type) {
    if (type.kind == TypeRef::Kind::kMap || type.kind == TypeRef::Kind::kSet) {
      check_sorted_container(type, diags);
    }
  };
  for_each_written_type(program,
                        [&](const TypeRef& type) { for_each_nested_type(type, check_nested); });
}

}  // namespace corothrift::idl::sema
