#include "layout.h"

#include <algorithm>
#include <functional>
#include <string_view>

#include "order.h"
#include "type_names.h"

namespace corothrift::codegen::cpp {
namespace {

using idl::TypeRef;
using Structs = std::vector<const idl::Struct*>;

// Whether the C++ container of a `list` may hold an incomplete type.
bool holds_incomplete(const TypeRef& list) {
  const std::string* custom = list.annotations.find("cpp.template");
  if (custom == nullptr) return true;
  return *custom == "std::vector" || *custom == "std::list" || *custom == "std::forward_list";
}

void add_named_structs(const TypeRef& type, Structs& out) {
  for_each_named(type, true, [&](const idl::Definition& def) {
    if (const auto* s = def.as<idl::Struct>()) out.push_back(s);
  });
}

// The structs that must be complete where a member of C++ type `type` is
// declared (see layout.h).
void add_needed_structs(const TypeRef& type, Structs& out) {
  if (type.annotations.has("cpp.type")) return add_named_structs(type, out);  // the user's type
  switch (type.kind) {
    case TypeRef::Kind::kBase:
      return;
    case TypeRef::Kind::kList:
      if (!holds_incomplete(type)) add_needed_structs(*type.element, out);
      return;
    case TypeRef::Kind::kMap:
      add_needed_structs(*type.key, out);
      [[fallthrough]];
    case TypeRef::Kind::kSet:
      add_needed_structs(*type.element, out);
      return;
    case TypeRef::Kind::kNamed:
      if (const auto* alias = type.resolved->as<idl::Typedef>()) {
        add_needed_structs(alias->type, out);
      } else if (const auto* s = type.resolved->as<idl::Struct>()) {
        out.push_back(s);
      }
      return;
  }
}

// Strongly connected components (Tarjan): each struct's component number.
class Components {
 public:
  Components(const Structs& nodes, const std::map<const idl::Struct*, Structs>& edges)
      : edges_(edges) {
    for (const idl::Struct* node : nodes) {
      if (!index_.count(node)) visit(node);
    }
  }
  std::size_t of(const idl::Struct* s) const { return component_.at(s); }
  std::size_t size_of(const idl::Struct* s) const { return sizes_.at(of(s)); }

 private:
  std::size_t visit(const idl::Struct* node) {
    std::size_t low = index_[node] = index_.size();
    stack_.push_back(node);
    for (const idl::Struct* next : edges_.at(node)) {
      if (!index_.count(next)) {
        low = std::min(low, visit(next));
      } else if (!component_.count(next)) {
        low = std::min(low, index_.at(next));  // still on the stack
      }
    }
    if (low == index_.at(node)) close_component(node);
    return low;
  }

  void close_component(const idl::Struct* root) {
    std::size_t number = sizes_.size();
    sizes_.push_back(0);
    const idl::Struct* member = nullptr;
    do {
      member = stack_.back();
      stack_.pop_back();
      component_[member] = number;
      ++sizes_.back();
    } while (member != root);
  }

  const std::map<const idl::Struct*, Structs>& edges_;
  std::map<const idl::Struct*, std::size_t> index_;
  std::map<const idl::Struct*, std::size_t> component_;
  std::vector<std::size_t> sizes_;
  Structs stack_;
};

bool contains(const Structs& list, const idl::Struct* s) {
  return std::find(list.begin(), list.end(), s) != list.end();
}

}  // namespace

StructLayout::StructLayout(const idl::Program& program) : program_(program) {
  Structs structs;
  for (const auto& def : program.definitions) {
    if (const auto* s = def->as<idl::Struct>()) structs.push_back(s);
  }
  box_fields_on_cycles(structs);
  order(structs);
}

bool StructLayout::boxed(const idl::Field& field) const {
  return field.is_reference || boxed_.count(&field) != 0;
}

// A field that needs a struct of its own cycle is boxed, unless it is a
// required direct field: a required field must hold a value, and a cycle of
// only those is reported by sema, so another field of the cycle gets the box.
void StructLayout::box_fields_on_cycles(const Structs& structs) {
  std::map<const idl::Struct*, Structs> needs;
  std::map<const idl::Field*, Structs> field_needs;
  for (const idl::Struct* s : structs) {
    Structs& edges = needs[s];
    for (const auto& field : s->fields) {
      if (field->is_reference) continue;
      Structs& needed = field_needs[field.get()];
      add_needed_structs(field->type, needed);
      std::erase_if(needed, [&](const idl::Struct* t) { return t->program != &program_; });
      edges.insert(edges.end(), needed.begin(), needed.end());
    }
  }
  Components components(structs, needs);
  for (const idl::Struct* s : structs) {
    for (const auto& field : s->fields) {
      bool must_hold = field->requiredness == idl::Requiredness::kRequired &&
                       s->struct_kind != idl::StructKind::kUnion &&
                       named_struct(field->type) != nullptr;
      if (field->is_reference || must_hold) continue;
      for (const idl::Struct* t : field_needs.at(field.get())) {
        if (components.of(t) == components.of(s)) boxed_.insert(field.get());
      }
    }
  }
}

void StructLayout::order(const Structs& structs) {
  std::map<const idl::Struct*, Structs> needs;  // must come first
  std::map<const idl::Struct*, Structs> held;   // needs, and the structs inside vectors
  for (const idl::Struct* s : structs) {
    Structs& hard = needs[s];
    Structs& all = held[s];
    for (const auto& field : s->fields) {
      if (boxed(*field)) continue;
      add_needed_structs(field->type, hard);
      add_named_structs(field->type, all);
    }
    std::erase_if(hard, [&](const idl::Struct* t) { return t->program != &program_; });
    std::erase_if(all, [&](const idl::Struct* t) { return t->program != &program_; });
  }
  Components components(structs, held);
  for (const idl::Struct* s : structs) {
    if (components.size_of(s) > 1 || contains(held.at(s), s)) out_of_line_.insert(s);
  }
  // A vector's element within the same cycle imposes no order: needs alone
  // are acyclic there, so they decide.
  auto deps = [&](const idl::Struct& s) {
    Structs out;
    for (const idl::Struct* t : held.at(&s)) {
      bool ordered = components.of(t) != components.of(&s) || contains(needs.at(&s), t);
      if (t != &s && ordered) out.push_back(t);
    }
    return out;
  };
  order_ = sort_after_dependencies<idl::Struct>(structs, deps);
}

}  // namespace corothrift::codegen::cpp
