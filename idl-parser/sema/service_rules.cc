#include <map>
#include <set>
#include <string_view>

#include "rules.h"
#include "walk.h"

namespace corothrift::idl::sema {
namespace {

template <typename Visit>
void for_each_service(const Program& program, Visit visit) {
  for (const auto& definition : program.definitions) {
    if (const auto* service = definition->as<Service>()) visit(*service);
  }
}

void report_thrown_type(const Field& thrown, Diagnostics& diags) {
  const TypeRef& type = strip_typedefs(thrown.type);
  if (type.kind == TypeRef::Kind::kNamed) {
    if (type.resolved == nullptr || type.resolved->as<Typedef>() != nullptr) return;
    const auto* structure = type.resolved->as<Struct>();
    if (structure != nullptr && structure->struct_kind == StructKind::kException) return;
    diags.error(thrown.type.range, "'{}' is {}, not an exception", type_name(thrown.type),
                a_kind_name(*type.resolved));
    return;
  }
  diags.error(thrown.type.range, "'{}' is not an exception", type_name(thrown.type));
}

void report_own_duplicates(const Service& service, Diagnostics& diags) {
  std::map<std::string_view, const Function*> first;
  for (const auto& function : service.functions) {
    auto [it, inserted] = first.emplace(function->name, function.get());
    if (inserted) continue;
    diags.error(function->name_range, "function '{}' is already defined in service '{}'",
                function->name, service.name);
    diags.note(it->second->name_range, "'{}' was first defined here", function->name);
  }
}

const Function* find_function(const Service& service, std::string_view name) {
  for (const auto& function : service.functions) {
    if (function->name == name) return function.get();
  }
  return nullptr;
}

// The nearest base service defining `name`; the visited set guards against
// an inheritance cycle (reported by its own rule).
std::pair<const Service*, const Function*> find_inherited(const Service& service,
                                                          std::string_view name) {
  std::set<const Service*> visited{&service};
  for (const Service* base = service.extends; base != nullptr && visited.insert(base).second;
       base = base->extends) {
    if (const Function* function = find_function(*base, name)) return {base, function};
  }
  return {nullptr, nullptr};
}

// The processor dispatches by name over the whole inheritance chain, so a
// function may not reuse an inherited name.
void report_inherited_duplicates(const Service& service, Diagnostics& diags) {
  std::set<std::string_view> seen;
  for (const auto& function : service.functions) {
    if (!seen.insert(function->name).second) continue;
    auto [base, inherited] = find_inherited(service, function->name);
    if (base == nullptr) continue;
    diags.error(function->name_range, "function '{}' is already defined in base service '{}'",
                function->name, base->name);
    diags.note(inherited->name_range, "'{}.{}' is defined here", base->name, function->name);
  }
}

}  // namespace

// A oneway call completes on send: no reply carries a value or an exception.
void check_oneway_functions(const Program& program, Diagnostics& diags) {
  for_each_service(program, [&](const Service& service) {
    for (const auto& function : service.functions) {
      if (!function->oneway) continue;
      if (!function->return_type.is_base(BaseType::kVoid)) {
        diags.error(function->return_type.range, "oneway function '{}' must return void",
                    function->name);
      }
      if (!function->throws.empty()) {
        diags.error(function->throws.front()->range, "oneway function '{}' cannot throw",
                    function->name);
      }
    }
  });
}

void check_throws_types(const Program& program, Diagnostics& diags) {
  for_each_service(program, [&](const Service& service) {
    for (const auto& function : service.functions) {
      for (const auto& thrown : function->throws) report_thrown_type(*thrown, diags);
    }
  });
}

void check_duplicate_function_names(const Program& program, Diagnostics& diags) {
  for_each_service(program, [&](const Service& service) {
    report_own_duplicates(service, diags);
    report_inherited_duplicates(service, diags);
  });
}

}  // namespace corothrift::idl::sema
