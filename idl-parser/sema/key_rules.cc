#include <set>
#include <string>
#include <string_view>

#include <fmt/format.h>

#include "rules.h"
#include "walk.h"

namespace corothrift::idl::sema {
namespace {

// The default C++ mapping orders every IDL type: numbers, strings, Binary and Uuid
// have <=>, enums are enum classes, generated structs/unions/exceptions get
// <=>, and std::vector/set/map order their elements. What breaks that is a
// container mapped by annotation to a hash container, which has no
// operator<, wherever it sits inside a key.
const std::string* hash_container(const TypeRef& type) {
  for (std::string_view key : {"cpp.template", "cpp.type"}) {
    const std::string* mapped = type.annotations.find(key);
    if (mapped == nullptr) continue;
    // std::unordered_*, absl::flat_hash_*, folly::F14*... are all hashed.
    for (std::string_view word : {"unordered_", "hash", "F14"}) {
      if (mapped->find(word) != std::string::npos) return mapped;
    }
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

std::string container_template(const TypeRef& container) {
  if (const std::string* custom = container.annotations.find("cpp.template")) return *custom;
  if (const std::string* custom = container.annotations.find("cpp.type")) return *custom;
  switch (container.kind) {
    case TypeRef::Kind::kList:
      return "std::vector";
    case TypeRef::Kind::kSet:
      return "std::set";
    default:
      return "std::map";
  }
}

// Why `type` has no std::hash, or "" if it has one. As the generator
// decides: base types and enums hash, containers do not, and a struct does
// when all its members do. A `cpp.type` is the user's to hash.
std::string unhashable_reason(const TypeRef& type, std::set<const Struct*>& visited) {
  const TypeRef& target = strip_typedefs(type);
  if (target.annotations.has("cpp.type")) return "";
  if (target.kind != TypeRef::Kind::kBase && target.kind != TypeRef::Kind::kNamed) {
    return fmt::format("'{}' is a {}, which has no std::hash", type_name(type),
                       container_template(target));
  }
  const Struct* structure = as_struct(target);
  if (structure == nullptr || !visited.insert(structure).second) return "";
  for (const auto& field : structure->fields) {
    auto reason = unhashable_reason(field->type, visited);
    if (!reason.empty()) {
      return fmt::format("field '{}.{}': {}", structure->name, field->name, reason);
    }
  }
  return "";
}

// A std::set/std::map needs operator< on its keys; a container mapped to a
// hash container needs std::hash instead.
void check_keyed_container(const TypeRef& container, Diagnostics& diags) {
  const bool is_map = container.kind == TypeRef::Kind::kMap;
  const TypeRef& key = is_map ? *container.key : *container.element;
  const bool hashed = hash_container(container) != nullptr;
  std::set<const Struct*> visited;
  std::string reason = hashed ? unhashable_reason(key, visited) : unordered_reason(key, visited);
  if (reason.empty()) return;
  diags.warning(key.range, "{} type '{}' cannot be {} for {}: {}",
                is_map ? "map key" : "set element", type_name(key), hashed ? "hashed" : "ordered",
                container_template(container), reason);
}

}  // namespace

void check_container_keys(const Program& program, Diagnostics& diags) {
  auto check_nested = [&](const TypeRef& type) {
    if (type.kind == TypeRef::Kind::kMap || type.kind == TypeRef::Kind::kSet) {
      check_keyed_container(type, diags);
    }
  };
  for_each_written_type(program,
                        [&](const TypeRef& type) { for_each_nested_type(type, check_nested); });
}

}  // namespace corothrift::idl::sema
