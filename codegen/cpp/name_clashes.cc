#include "name_clashes.h"

#include <map>
#include <string>
#include <utility>

namespace corothrift::codegen::cpp {
namespace {

const char* kind_name(const idl::Definition& def) {
  switch (def.kind) {
    case idl::DefinitionKind::kTypedef:
      return "typedef";
    case idl::DefinitionKind::kEnum:
      return "enum";
    case idl::DefinitionKind::kConst:
      return "constant";
    case idl::DefinitionKind::kService:
      return "service";
    case idl::DefinitionKind::kStruct:
      break;
  }
  switch (def.as<idl::Struct>()->struct_kind) {
    case idl::StructKind::kUnion:
      return "union";
    case idl::StructKind::kException:
      return "exception";
    case idl::StructKind::kStruct:
      break;
  }
  return "struct";
}

// The names a definition declares in its program's namespace.
std::vector<std::string> declared_names(const idl::Definition& def) {
  std::string name = escape_name(def.name);
  if (def.kind != idl::DefinitionKind::kService) return {name};
  return {name + "Handler", name + "Client", name + "SyncClient", name + "Processor",
          name + "_wire"};
}

std::string qualified(const std::string& ns, const std::string& name) {
  return ns.empty() ? "::" + name : "::" + ns + "::" + name;
}

std::string file_name(const idl::Program& program) { return program.name + ".thrift"; }

// What to change in `program` so that its names move elsewhere.
std::string fix_for(const idl::Program& program, const std::string& ns) {
  if (!ns.empty()) return "give " + file_name(program) + " a `namespace cpp` of its own";
  return "add `namespace cpp " + program_namespace(program, Naming{true}) + "` to " +
         file_name(program) +
         ", or pass `--gen cpp:file_namespaces` to put each file without a namespace into one "
         "named after the file";
}

}  // namespace

bool check_cpp_name_clashes(const std::vector<const idl::Program*>& programs, const Naming& naming,
                            idl::Diagnostics& diags) {
  std::map<std::pair<std::string, std::string>, const idl::Definition*> first;
  bool ok = true;
  for (const idl::Program* program : programs) {
    std::string ns = program_namespace(*program, naming);
    for (const auto& def : program->definitions) {
      for (const std::string& name : declared_names(*def)) {
        auto [it, inserted] = first.emplace(std::pair(ns, name), def.get());
        if (inserted || it->second == def.get()) continue;
        const idl::Definition& earlier = *it->second;
        std::string fix = earlier.program == program ? "rename one of them" : fix_for(*program, ns);
        diags.error(def->name_range, "{} '{}' of {} and {} '{}' of {} are both '{}' in C++; {}",
                    kind_name(*def), def->name, file_name(*program), kind_name(earlier),
                    earlier.name, file_name(*earlier.program), qualified(ns, name), fix);
        diags.note(earlier.name_range, "{} '{}' is defined here", kind_name(earlier), earlier.name);
        ok = false;
      }
    }
  }
  return ok;
}

}  // namespace corothrift::codegen::cpp
