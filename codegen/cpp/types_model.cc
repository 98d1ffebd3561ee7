#include "types_model.h"

#include <fmt/format.h>

#include <set>

#include "const_values.h"
#include "doc_comments.h"
#include "layout.h"
#include "names.h"
#include "order.h"
#include "struct_model.h"
#include "type_names.h"

namespace corothrift::codegen::cpp {
namespace {

// From the global namespace: the formatter and hash specialisations live in
// fmt and std, where a bare `get` would be std::get.
std::string qualified(const TypeNames& names, const std::string& name) {
  return names.current_namespace().empty() ? "::" + name : names.current_namespace() + "::" + name;
}

View enum_view(const idl::Enum& e, const TypeNames& names) {
  View values = View::list();
  View cases = View::list();
  std::set<std::int32_t> seen;
  for (const auto& value : e.values) {
    View item;
    item.set("name", escape_name(value->name));
    item.set("enum_name", escape_name(e.name));
    item.set("idl_name", value->name);
    item.set("value", fmt::format("{}", value->value));
    item.set("doc_lines", doc_lines(value->doc));
    // Two names for one number: enum_name answers with the first.
    if (seen.insert(value->value).second) cases.push(item);
    values.push(std::move(item));
  }
  View view;
  view.set("name", escape_name(e.name));
  view.set("idl_name", e.name);
  view.set("qualified_name", qualified(names, escape_name(e.name)));
  view.set("doc_lines", doc_lines(e.doc));
  view.set("values", std::move(values));
  view.set("cases", std::move(cases));
  return view;
}

View typedef_view(const idl::Typedef& t, const TypeNames& names) {
  View view;
  view.set("name", escape_name(t.name));
  view.set("cpp_type", names.cpp_type(t.type));
  view.set("doc_lines", doc_lines(t.doc));
  return view;
}

// Scalars (and enums) are constexpr; strings, containers and structs are not
// literal types in C++20's standard library, so they are `inline const`.
bool is_constexpr_type(const idl::TypeRef& type) {
  const idl::TypeRef& real = idl::strip_typedefs(type);
  if (real.kind == idl::TypeRef::Kind::kNamed) return real.resolved->as<idl::Enum>() != nullptr;
  if (real.kind != idl::TypeRef::Kind::kBase) return false;
  return real.base != idl::BaseType::kString && real.base != idl::BaseType::kBinary;
}

View const_view(const idl::Const& c, const TypeNames& names) {
  View view;
  view.set("name", escape_name(c.name));
  view.set("cpp_type", names.cpp_type(c.type));
  view.set("specifier", is_constexpr_type(c.type) ? "inline constexpr" : "inline const");
  view.set("value", const_expr(c.type, *c.value, names));
  view.set("doc_lines", doc_lines(c.doc));
  return view;
}

std::string include_line(const std::string& spelling) {
  if (!spelling.empty() && (spelling.front() == '<' || spelling.front() == '"')) return spelling;
  return "\"" + spelling + "\"";
}

View includes_view(const idl::Program& program) {
  View includes = View::list();
  std::set<std::string> seen;
  for (const auto& include : program.includes) {
    if (include.program == nullptr) continue;
    std::string line = fmt::format("\"{}\"", types_header_name(*include.program));
    if (seen.insert(line).second) includes.push(View::text(line));
  }
  for (const std::string& spelling : program.cpp_includes) {
    std::string line = include_line(spelling);
    if (seen.insert(line).second) includes.push(View::text(line));
  }
  return includes;
}

bool mentions_struct(const idl::TypeRef& type) {
  const idl::TypeRef& real = idl::strip_typedefs(type);
  switch (real.kind) {
    case idl::TypeRef::Kind::kBase:
      return false;
    case idl::TypeRef::Kind::kNamed:
      return real.resolved->as<idl::Struct>() != nullptr;
    case idl::TypeRef::Kind::kMap:
      if (mentions_struct(*real.key)) return true;
      [[fallthrough]];
    default:
      return mentions_struct(*real.element);
  }
}

// Standard headers for the containers that `cpp.template` / `cpp.type` name.
void add_container_includes(const idl::TypeRef& type, std::set<std::string>& out) {
  static const std::pair<const char*, const char*> kHeaders[] = {
      {"std::deque", "deque"},
      {"std::list", "list"},
      {"std::unordered_map", "unordered_map"},
      {"std::unordered_set", "unordered_set"},
  };
  for (std::string_view key : {"cpp.template", "cpp.type"}) {
    const std::string* custom = type.annotations.find(key);
    if (custom == nullptr) continue;
    for (const auto& [name, header] : kHeaders) {
      std::string_view rest(*custom);
      if (rest.starts_with(name) && (rest.size() == std::string_view(name).size() ||
                                     rest[std::string_view(name).size()] == '<')) {
        out.insert(header);
      }
    }
  }
  if (type.key) add_container_includes(*type.key, out);
  if (type.element) add_container_includes(*type.element, out);
}

View container_includes(const idl::Program& program) {
  std::set<std::string> headers;
  for (const auto& def : program.definitions) {
    if (const auto* t = def->as<idl::Typedef>()) add_container_includes(t->type, headers);
    if (const auto* c = def->as<idl::Const>()) add_container_includes(c->type, headers);
    if (const auto* s = def->as<idl::Struct>()) {
      for (const auto& field : s->fields) add_container_includes(field->type, headers);
    }
  }
  View out = View::list();
  for (const std::string& header : headers) out.push(View::text(header));
  return out;
}

// Sets `first` on each item: templates open a group with a blank line.
View mark_first(View list) {
  View out = View::list();
  for (const View& item : list.items()) {
    View copy = item;
    copy.set("first", out.items().empty());
    out.push(std::move(copy));
  }
  return out;
}

template <class T, class F>
View list_of(const idl::Program& program, F make) {
  View out = View::list();
  for (const auto& def : program.definitions) {
    if (const T* typed = def->as<T>()) out.push(make(*typed));
  }
  return out;
}

}  // namespace

std::string types_header_name(const idl::Program& program) { return program.name + "_types.h"; }
std::string types_source_name(const idl::Program& program) { return program.name + "_types.cpp"; }

View types_view(const idl::Program& program, const Naming& naming) {
  TypeNames names(program, naming);
  StructLayout layout(program);
  View structs = View::list();
  for (const idl::Struct* s : layout.declaration_order()) {
    structs.push(struct_view(*s, names, qualified(names, escape_name(s->name)), layout));
  }
  View typedefs = View::list();
  for (const idl::Typedef* t : typedefs_in_declaration_order(program)) {
    typedefs.push(typedef_view(*t, names));
  }
  View view;
  view.set("source_name", program.name + ".thrift");
  view.set("header_name", types_header_name(program));
  view.set("namespace", names.current_namespace());
  view.set("has_namespace", !names.current_namespace().empty());
  view.set("includes", includes_view(program));
  view.set("enums",
           list_of<idl::Enum>(program, [&](const idl::Enum& e) { return enum_view(e, names); }));
  view.set("forward_structs", mark_first(list_of<idl::Struct>(program, [](const idl::Struct& s) {
             View item;
             item.set("keyword", s.struct_kind == idl::StructKind::kUnion ? "class" : "struct");
             item.set("name", escape_name(s.name));
             return item;
           })));
  view.set("typedefs", mark_first(std::move(typedefs)));
  view.set("structs", std::move(structs));
  // Constants of struct types follow the structs; all others precede them,
  // since field defaults may name them.
  View early = View::list();
  View late = View::list();
  for (const auto& def : program.definitions) {
    const auto* c = def->as<idl::Const>();
    if (c != nullptr) (mentions_struct(c->type) ? late : early).push(const_view(*c, names));
  }
  view.set("early_constants", mark_first(std::move(early)));
  view.set("constants", mark_first(std::move(late)));
  view.set("std_includes", container_includes(program));
  return view;
}

}  // namespace corothrift::codegen::cpp
