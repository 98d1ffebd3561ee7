#include <map>
#include <set>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "rules.h"
#include "walk.h"

namespace corothrift::idl::sema {
namespace {

using Path = std::vector<const Definition*>;

// Depth-first search for a path from `start` back to itself. Only nodes that
// come later in the file are entered, so each cycle is found once, from its
// first member. Cycles never cross files: includes form no cycle.
class CycleFinder {
 public:
  using Successors = std::vector<const Definition*> (*)(const Definition&);

  CycleFinder(const Program& program, Successors successors) : successors_(successors) {
    for (const auto& definition : program.definitions) {
      order_.emplace(definition.get(), order_.size());
    }
  }

  // The members of the cycle through `start`, starting and ending with it;
  // empty if there is none.
  Path find(const Definition& start) {
    Path path{&start};
    std::set<const Definition*> visited;
    if (!search(start, start, path, visited)) return {};
    return path;
  }

 private:
  bool search(const Definition& node, const Definition& start, Path& path,
              std::set<const Definition*>& visited) {
    for (const Definition* next : successors_(node)) {
      if (next == &start) {
        path.push_back(next);
        return true;
      }
      auto it = order_.find(next);
      if (it == order_.end() || it->second <= order_.at(&start)) continue;
      if (!visited.insert(next).second) continue;
      path.push_back(next);
      if (search(*next, start, path, visited)) return true;
      path.pop_back();
    }
    return false;
  }

  Successors successors_;
  std::map<const Definition*, std::size_t> order_;
};

std::string spell(const Path& path) {
  std::string out;
  for (const Definition* definition : path) {
    if (!out.empty()) out += " -> ";
    out += definition->name;
  }
  return out;
}

// Typedefs named anywhere in the aliased type: `typedef list<A> A` is a
// cycle too, as C++ has no recursive aliases.
std::vector<const Definition*> aliased_typedefs(const Definition& definition) {
  std::vector<const Definition*> out;
  const auto* alias = definition.as<Typedef>();
  if (alias == nullptr) return out;
  for_each_nested_type(alias->type, [&](const TypeRef& type) {
    if (type.resolved != nullptr && type.resolved->as<Typedef>() != nullptr) {
      out.push_back(type.resolved);
    }
  });
  return out;
}

// Structs held through `required` fields directly (not through a container,
// a `&` box or a union, whose members are never required). A cycle of these
// has no finite value; codegen boxes any other field on a by-value cycle.
std::vector<const Definition*> required_structs(const Definition& definition) {
  std::vector<const Definition*> out;
  const auto* structure = definition.as<Struct>();
  if (structure == nullptr || structure->struct_kind == StructKind::kUnion) return out;
  for (const auto& field : structure->fields) {
    if (field->is_reference || field->requiredness != Requiredness::kRequired) continue;
    if (const Struct* held = as_struct(field->type)) out.push_back(held);
  }
  return out;
}

std::vector<const Definition*> base_service(const Definition& definition) {
  const auto* service = definition.as<Service>();
  if (service == nullptr || service->extends == nullptr) return {};
  return {service->extends};
}

void collect_constants(const ConstValue& value, std::vector<const Definition*>& out) {
  if (value.const_ref != nullptr) out.push_back(value.const_ref);
  for (const auto& item : value.list) collect_constants(*item, out);
  for (const auto& [key, item] : value.map) {
    collect_constants(*key, out);
    collect_constants(*item, out);
  }
}

// Constants named anywhere in a constant's value.
std::vector<const Definition*> named_constants(const Definition& definition) {
  std::vector<const Definition*> out;
  const auto* constant = definition.as<Const>();
  if (constant != nullptr && constant->value != nullptr) collect_constants(*constant->value, out);
  return out;
}

template <typename Report>
void report_cycles(const Program& program, CycleFinder::Successors successors, Report report) {
  CycleFinder finder(program, successors);
  for (const auto& definition : program.definitions) {
    Path path = finder.find(*definition);
    if (!path.empty()) report(*definition, spell(path));
  }
}

}  // namespace

void check_typedef_cycles(const Program& program, Diagnostics& diags) {
  report_cycles(program, aliased_typedefs, [&](const Definition& alias, const std::string& path) {
    diags.error(alias.name_range, "typedef '{}' is defined in terms of itself ({})", alias.name,
                path);
  });
}

void check_by_value_cycles(const Program& program, Diagnostics& diags) {
  report_cycles(
      program, required_structs, [&](const Definition& structure, const std::string& path) {
        diags.error(structure.name_range,
                    "{} '{}' contains itself through required fields only ({}), so no value of it "
                    "is finite; make a field on the cycle optional",
                    kind_name(structure), structure.name, path);
      });
}

void check_service_cycles(const Program& program, Diagnostics& diags) {
  report_cycles(program, base_service, [&](const Definition& service, const std::string& path) {
    diags.error(service.name_range, "service '{}' extends itself ({})", service.name, path);
  });
}

void check_constant_cycles(const Program& program, Diagnostics& diags) {
  report_cycles(program, named_constants, [&](const Definition& constant, const std::string& path) {
    diags.error(constant.name_range, "constant '{}' is defined in terms of itself ({})",
                constant.name, path);
  });
}

}  // namespace corothrift::idl::sema
