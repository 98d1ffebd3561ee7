#include "corothrift/idl/validate.h"

#include <array>

namespace corothrift::idl {
namespace {

// Each rule is a free function that checks one thing in one program.
using Rule = void (*)(const Program& program, Diagnostics& diags);

constexpr std::array<Rule, 0> kRules = {};

}  // namespace

void validate(const Compilation& compilation, Diagnostics& diags) {
  for (const auto& program : compilation.programs) {
    for (Rule rule : kRules) {
      rule(*program, diags);
    }
  }
}

}  // namespace corothrift::idl
