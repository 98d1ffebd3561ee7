#include <string_view>

#include "rules.h"
#include "walk.h"

namespace corothrift::idl::sema {
namespace {

void report_if_dotted(std::string_view what, const std::string& name, SourceRange range,
                      Diagnostics& diags) {
  if (name.find('.') == std::string::npos) return;
  diags.error(range, "{} name '{}' cannot contain a dot", what, name);
}

void check_member_names(const Definition& definition, Diagnostics& diags) {
  if (const auto* enumeration = definition.as<Enum>()) {
    for (const auto& value : enumeration->values) {
      report_if_dotted("enum value", value->name, value->range, diags);
    }
  }
  if (const auto* service = definition.as<Service>()) {
    for (const auto& function : service->functions) {
      report_if_dotted("function", function->name, function->name_range, diags);
    }
  }
}

}  // namespace

// The lexer takes `a.b` as one identifier because references are written
// `file.Name` and `Enum.VALUE`; a dotted name could never be referred to
// (Apache rejects it the same way).
void check_dotted_names(const Program& program, Diagnostics& diags) {
  for (const auto& definition : program.definitions) {
    report_if_dotted(kind_name(*definition), definition->name, definition->name_range, diags);
    check_member_names(*definition, diags);
  }
  for_each_field_list(program, [&](const FieldList& list) {
    for (const auto& field : list.fields) {
      report_if_dotted("field", field->name, field->name_range, diags);
    }
  });
}

}  // namespace corothrift::idl::sema
