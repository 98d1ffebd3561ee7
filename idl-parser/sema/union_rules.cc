#include "rules.h"
#include "walk.h"

namespace corothrift::idl::sema {
namespace {

template <typename Visit>
void for_each_union(const Program& program, Visit visit) {
  for (const auto& definition : program.definitions) {
    const auto* structure = definition->as<Struct>();
    if (structure != nullptr && structure->struct_kind == StructKind::kUnion) visit(*structure);
  }
}

}  // namespace

// A union holds exactly one member, so none can be required (Apache only
// warns and ignores it; here the generated tagged type could not honour it).
void check_required_union_fields(const Program& program, Diagnostics& diags) {
  for_each_union(program, [&](const Struct& union_def) {
    for (const auto& field : union_def.fields) {
      if (field->requiredness != Requiredness::kRequired) continue;
      diags.error(field->range, "field '{}' of union '{}' cannot be required", field->name,
                  union_def.name);
    }
  });
}

// The default member of a union is the one set on construction, so there can
// be only one (Apache rejects a second one too).
void check_union_defaults(const Program& program, Diagnostics& diags) {
  for_each_union(program, [&](const Struct& union_def) {
    const Field* first = nullptr;
    for (const auto& field : union_def.fields) {
      if (field->default_value == nullptr) continue;
      if (first == nullptr) {
        first = field.get();
        continue;
      }
      diags.error(field->range, "union '{}' already has a default value on '{}'", union_def.name,
                  first->name);
      diags.note(first->range, "'{}' was given its default here", first->name);
    }
  });
}

}  // namespace corothrift::idl::sema
