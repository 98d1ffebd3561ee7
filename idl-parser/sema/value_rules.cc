#include "rules.h"
#include "value_check.h"
#include "walk.h"

namespace corothrift::idl::sema {

void check_const_values(const Program& program, Diagnostics& diags) {
  for (const auto& definition : program.definitions) {
    const auto* constant = definition->as<Const>();
    if (constant != nullptr && constant->value != nullptr) {
      check_value(constant->type, *constant->value, constant, diags);
    }
  }
}

void check_default_values(const Program& program, Diagnostics& diags) {
  for_each_field_list(program, [&](const FieldList& list) {
    for (const auto& field : list.fields) {
      if (field->default_value != nullptr)
        check_value(field->type, *field->default_value, nullptr, diags);
    }
  });
}

}  // namespace corothrift::idl::sema
