#pragma once
// What the rules walk over: every field list, every written type, every
// annotation list of a program, and how each is named in messages.

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "corothrift/idl/ast.h"

namespace corothrift::idl::sema {

// A list of fields and what holds it, for messages ("struct 'S'",
// "the arguments of 'Calc.add'").
struct FieldList {
  const std::vector<std::unique_ptr<Field>>& fields;
  std::string owner;
  const Struct* structure = nullptr;   // null for arguments and throws
  const Function* function = nullptr;  // set for arguments and throws
};

// Struct, union and exception fields, then each function's arguments and
// throws clause, in source order.
void for_each_field_list(const Program& program,
                         const std::function<void(const FieldList&)>& visit);

// Every type written in the program (field, argument, throws, return,
// typedef and const types), outermost only: callers descend into containers.
void for_each_written_type(const Program& program,
                           const std::function<void(const TypeRef&)>& visit);

// `visit` on `type` and each type nested in it, outermost first.
void for_each_nested_type(const TypeRef& type, const std::function<void(const TypeRef&)>& visit);

// Every annotation list in the program, including those on nested types.
void for_each_annotations(const Program& program,
                          const std::function<void(const Annotations&)>& visit);

// "struct", "union", "exception", "enum", "typedef", "const" or "service".
const char* kind_name(const Definition& definition);

// "a struct", "an enum"...: kind_name() with its article.
std::string a_kind_name(const Definition& definition);

// The type as the user would write it: "i32", "list<map<string,Foo>>".
std::string type_name(const TypeRef& type);

// The struct, union or exception `type` names after typedefs; null otherwise.
const Struct* as_struct(const TypeRef& type);

}  // namespace corothrift::idl::sema
