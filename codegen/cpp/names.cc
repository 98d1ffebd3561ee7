#include "names.h"

#include <algorithm>
#include <array>
#include <cctype>

namespace corothrift::codegen::cpp {
namespace {

// Sorted, for binary search.
constexpr std::array<std::string_view, 101> kReserved = {
    "NULL",         "alignas",       "alignof",     "and",          "and_eq",
    "asm",          "assert",        "auto",        "bitand",       "bitor",
    "bool",         "break",         "case",        "catch",        "char",
    "char16_t",     "char32_t",      "char8_t",     "class",        "co_await",
    "co_return",    "co_yield",      "compl",       "concept",      "const",
    "const_cast",   "consteval",     "constexpr",   "constinit",    "continue",
    "decltype",     "default",       "delete",      "do",           "double",
    "dynamic_cast", "else",          "enum",        "errno",        "explicit",
    "export",       "extern",        "false",       "final",        "float",
    "for",          "friend",        "goto",        "if",           "import",
    "inline",       "int",           "long",        "module",       "mutable",
    "namespace",    "new",           "noexcept",    "not",          "not_eq",
    "nullptr",      "operator",      "or",          "or_eq",        "override",
    "private",      "protected",     "public",      "register",     "reinterpret_cast",
    "requires",     "return",        "short",       "signed",       "sizeof",
    "static",       "static_assert", "static_cast", "std",          "struct",
    "switch",       "template",      "this",        "thread_local", "throw",
    "true",         "try",           "typedef",     "typeid",       "typename",
    "union",        "unix",          "unsigned",    "using",        "virtual",
    "void",         "volatile",      "wchar_t",     "while",        "xor",
    "xor_eq"};

}  // namespace

bool is_reserved_word(std::string_view name) {
  return std::binary_search(kReserved.begin(), kReserved.end(), name);
}

std::string escape_name(std::string_view name) {
  std::string out(name);
  if (is_reserved_word(name)) out += '_';
  return out;
}

namespace {

// `my-api.v2` -> `my_api_v2`: a file name as one C++ identifier.
std::string identifier_of(std::string_view file_name) {
  bool digit_first = !file_name.empty() && std::isdigit(static_cast<unsigned char>(file_name[0]));
  std::string out = file_name.empty() || digit_first ? "_" : "";
  for (char c : file_name) out += std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
  return out;
}

}  // namespace

std::string program_namespace(const idl::Program& program, const Naming& naming) {
  std::string dotted = program.namespace_for("cpp");
  if (dotted.empty() && naming.file_namespaces) return escape_name(identifier_of(program.name));
  std::string out;
  std::size_t start = 0;
  while (!dotted.empty() && start <= dotted.size()) {
    std::size_t dot = std::min(dotted.find('.', start), dotted.size());
    if (!out.empty()) out += "::";
    out += escape_name(std::string_view(dotted).substr(start, dot - start));
    start = dot + 1;
  }
  return out;
}

}  // namespace corothrift::codegen::cpp

namespace corothrift::codegen::cpp {
namespace {

// Whether `fields` are the fields of an exception of `program` (whose what()
// a field named `what` would hide).
bool in_exception(const Fields& fields, const idl::Program& program) {
  for (const auto& def : program.definitions) {
    const auto* s = def->as<idl::Struct>();
    if (s != nullptr && &s->fields == &fields) return s->struct_kind == idl::StructKind::kException;
  }
  return false;
}

}  // namespace

std::string field_name(const idl::Field& field, const Fields& siblings,
                       const idl::Program& program) {
  std::string name = escape_name(field.name);
  const idl::Definition* def = program.find(field.name);
  bool names_type = def != nullptr && def->kind != idl::DefinitionKind::kConst &&
                    def->kind != idl::DefinitionKind::kService;
  if (names_type || (name == "what" && in_exception(siblings, program))) name += '_';
  if (name == field.name) return name;
  // Renamed: not into the name of another field (`ClassAndProp` beside
  // `ClassAndProp_`).
  auto taken = [&](const std::string& candidate) {
    for (const auto& sibling : siblings) {
      if (sibling.get() != &field && sibling->name == candidate) return true;
    }
    return false;
  };
  while (taken(name)) name += '_';
  return name;
}

}  // namespace corothrift::codegen::cpp
