#include "service_model.h"

#include <algorithm>
#include <map>
#include <set>
#include <string_view>

#include "doc_comments.h"
#include "names.h"
#include "struct_model.h"
#include "type_names.h"
#include "types_model.h"

namespace corothrift::codegen::cpp {
namespace {

bool is_client_member(std::string_view name) {
  return name == "connect" || name == "channel" || name == "channel_" || name == "loop_";
}

// The C++ names of the functions of `service`: escaped, and one the
// generated clients use for themselves gets `_` until it is a name that no
// other function has or takes.
std::map<const idl::Function*, std::string> method_names(const idl::Service& service) {
  std::set<std::string> taken;
  for (const auto& function : service.functions) taken.insert(escape_name(function->name));
  std::map<const idl::Function*, std::string> names;
  for (const auto& function : service.functions) {
    std::string name = escape_name(function->name);
    if (is_client_member(name)) {
      do name += "_";
      while (is_client_member(name) || taken.count(name) != 0);
      taken.insert(name);
    }
    names.emplace(function.get(), name);
  }
  return names;
}

// The C++ parameter name of an argument: its member name in the args struct,
// with `_` added while it clashes with what a client method's body names (its
// locals `args` and `result`, the members `channel_` and `loop_`) or with an
// earlier parameter.
std::string parameter_name(std::string name, const std::set<std::string>& earlier) {
  auto clashes = [&](const std::string& candidate) {
    return candidate == "args" || candidate == "result" || candidate == "channel_" ||
           candidate == "loop_" || earlier.count(candidate) != 0;
  };
  while (clashes(name)) name += "_";
  return name;
}

// Scalars and enums are copied into the processor's call; everything else is
// moved (std::move(args.x)).
bool passed_by_value(const idl::TypeRef& type) {
  const idl::TypeRef& real = idl::strip_typedefs(type);
  if (real.annotations.has("cpp.type") || type.annotations.has("cpp.type")) return false;
  if (real.kind == idl::TypeRef::Kind::kNamed) return real.resolved->as<idl::Enum>() != nullptr;
  if (real.kind != idl::TypeRef::Kind::kBase) return false;
  return real.base != idl::BaseType::kString && real.base != idl::BaseType::kBinary &&
         real.base != idl::BaseType::kUuid;
}

std::string join(const std::vector<std::string>& parts) {
  std::string out;
  for (const std::string& part : parts) out += (out.empty() ? "" : ", ") + part;
  return out;
}

View params_view(const idl::Function& function, const idl::Program& program, const TypeNames& names,
                 View& view) {
  std::vector<std::string> handler_params;
  std::vector<std::string> client_params;
  std::vector<std::string> call_args;
  std::set<std::string> earlier;
  View params = View::list();
  for (const auto& param : function.params) {
    std::string type = names.cpp_type(param->type);
    std::string member = field_name(*param, function.params, program);
    std::string name = parameter_name(member, earlier);
    earlier.insert(name);
    // By value, as for the client: a coroutine must not hold references to
    // its caller's objects (C++ Core Guidelines CP.53), and the processor
    // moves each decoded argument in, so a handler keeps a string, binary or
    // container without copying it.
    handler_params.push_back(type + " " + name);
    client_params.push_back(type + " " + name);
    call_args.push_back(passed_by_value(param->type) ? "args." + member
                                                     : "std::move(args." + member + ")");
    View item;
    item.set("name", name);
    item.set("member", member);
    params.push(std::move(item));
  }
  view.set("handler_params", join(handler_params));
  view.set("client_params", join(client_params));
  view.set("call_args", join(call_args));
  return params;
}

// The declared exceptions as members of the result struct: std::optional,
// renamed where `success` is taken, and caught by the processor once per
// type (a second `catch` of one type is dead code that compilers warn of).
View throws_view(const idl::Function& function, const idl::Program& program,
                 const TypeNames& names) {
  View throws = View::list();
  std::set<const idl::Struct*> caught;
  View fields = fields_view(function.throws, program, names, FieldForm::kOptional);
  for (std::size_t i = 0; i < fields.items().size(); ++i) {
    View field = fields.items()[i];
    if (field.find("name")->as_text() == "success") field.set("name", "success_");
    field.set("catch", caught.insert(named_struct(function.throws[i]->type)).second);
    throws.push(std::move(field));
  }
  return throws;
}

View result_fields(const idl::Function& function, const idl::Program& program,
                   const TypeNames& names, bool has_success) {
  View fields = View::list();
  if (has_success) {
    std::string type = names.cpp_type(function.return_type);
    View success;
    success.set("name", "success");
    success.set("idl_name", "success");
    success.set("id", "0");
    success.set("value_type", type);
    success.set("cpp_type", "std::optional<" + type + ">");
    success.set("tag", names.from_global().tag(function.return_type));
    success.set("initializer", "");
    success.set("required", false);
    success.set("hashable", false);
    success.set("orderable", names.orderable(function.return_type));
    success.set("doc_lines", View::list());
    success.set("index", "0");
    success.set("enumerator", "success");
    success.set("deref", "");
    fields.push(std::move(success));
  }
  View throws = throws_view(function, program, names);
  for (const View& field : throws.items()) fields.push(field);
  return fields;
}

View function_view(const idl::Service& service, const idl::Function& function,
                   const std::string& name, const TypeNames& names) {
  const idl::Program& program = *service.program;
  bool is_void = function.return_type.is_base(idl::BaseType::kVoid);
  bool has_success = !is_void && !function.oneway;
  std::string prefix = service.name + "_" + function.name;
  View view;
  view.set("name", name);
  view.set("idl_name", function.name);
  view.set("return_type", is_void ? "void" : names.cpp_type(function.return_type));
  view.set("is_void", is_void);
  view.set("oneway", function.oneway);
  view.set("two_way", !function.oneway);
  view.set("has_success", has_success);
  view.set("doc_lines", doc_lines(function.doc));
  view.set("params", params_view(function, program, names, view));
  view.set("args_name", prefix + "_args");
  view.set("result_name", prefix + "_result");
  // From the global namespace, as the codec specialisations name them.
  const std::string& ns = names.current_namespace();
  std::string wire = "::" + (ns.empty() ? "" : ns + "::") + escape_name(service.name) + "_wire::";
  auto shape = [&](const std::string& name) {
    return StructShape{name, name, wire + name, idl::StructKind::kStruct, "", false};
  };
  view.set("args",
           struct_view(shape(prefix + "_args"),
                       fields_view(function.params, program, names, FieldForm::kArgument), names));
  View throws = throws_view(function, program, names);
  view.set("has_throws", !throws.items().empty());
  view.set("indent", throws.items().empty() ? "" : "  ");
  view.set("throws", throws);
  view.set("result", struct_view(shape(prefix + "_result"),
                                 result_fields(function, program, names, has_success), names));
  return view;
}

View functions_view(const idl::Service& service, const TypeNames& names) {
  View functions = View::list();
  std::map<const idl::Function*, std::string> cpp_names = method_names(service);
  for (const auto& function : service.functions) {
    functions.push(function_view(service, *function, cpp_names.at(function.get()), names));
  }
  return functions;
}

// The dispatch table, sorted by wire name for find_method's binary search.
View methods_by_name(const idl::Service& service) {
  std::vector<const idl::Function*> sorted;
  for (const auto& function : service.functions) sorted.push_back(function.get());
  std::sort(sorted.begin(), sorted.end(),
            [](const auto* a, const auto* b) { return a->name < b->name; });
  std::map<const idl::Function*, std::string> cpp_names = method_names(service);
  View methods = View::list();
  for (const idl::Function* function : sorted) {
    View item;
    item.set("idl_name", function->name);
    item.set("name", cpp_names.at(function));
    methods.push(std::move(item));
  }
  return methods;
}

void set_parent(const idl::Service& service, const TypeNames& names, View& view) {
  view.set("has_parent", service.extends != nullptr);
  view.set("no_parent", service.extends == nullptr);
  if (service.extends == nullptr) return;
  std::string parent = names.definition(*service.extends);
  view.set("parent_header", service_header_name(*service.extends));
  view.set("parent_handler", parent + "Handler");
  view.set("parent_client", parent + "Client");
  view.set("parent_sync_client", parent + "SyncClient");
  view.set("parent_processor", parent + "Processor");
}

}  // namespace

std::string service_header_name(const idl::Service& service) { return service.name + ".h"; }
std::string service_source_name(const idl::Service& service) { return service.name + ".cpp"; }

View service_view(const idl::Service& service, const Naming& naming) {
  const idl::Program& program = *service.program;
  TypeNames names(program, naming);
  View view;
  view.set("source_name", program.name + ".thrift");
  view.set("types_header", types_header_name(program));
  view.set("header_name", service_header_name(service));
  view.set("namespace", names.current_namespace());
  view.set("has_namespace", !names.current_namespace().empty());
  view.set("service", escape_name(service.name));
  view.set("idl_name", service.name);
  view.set("doc_lines", doc_lines(service.doc));
  set_parent(service, names, view);
  view.set("functions", functions_view(service, names));
  View methods = methods_by_name(service);
  view.set("has_methods", !methods.items().empty());
  view.set("methods", std::move(methods));
  return view;
}

}  // namespace corothrift::codegen::cpp
