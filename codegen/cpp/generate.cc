#include "generate.h"

#include <memory>
#include <string_view>

#include "exception_message.h"
#include "name_clashes.h"
#include "output.h"
#include "render.h"
#include "service_model.h"
#include "templates.h"
#include "types_model.h"

namespace corothrift::codegen {
namespace {

using cpp::View;

struct OutputFile {
  std::string path;
  std::string_view template_name;
  std::shared_ptr<const View> view;  // a header and its source share one
};

std::vector<OutputFile> program_outputs(const idl::Program& program, const cpp::Naming& naming) {
  std::vector<OutputFile> files;
  auto types = std::make_shared<const View>(cpp::types_view(program, naming));
  files.push_back({cpp::types_header_name(program), "types.h", types});
  files.push_back({cpp::types_source_name(program), "types.cpp", types});
  for (const auto& def : program.definitions) {
    const auto* service = def->as<idl::Service>();
    if (service == nullptr) continue;
    auto view = std::make_shared<const View>(cpp::service_view(*service, naming));
    files.push_back({cpp::service_header_name(*service), "service.h", view});
    files.push_back({cpp::service_source_name(*service), "service.cpp", view});
  }
  return files;
}

bool write_file(const OutputFile& file, OutputSink& out, idl::Diagnostics& diags) {
  const std::string_view* source = cpp::find_template(file.template_name);
  if (source == nullptr) {
    diags.error({}, "internal error: no template '{}'", file.template_name);
    return false;
  }
  cpp::RenderResult result = cpp::render(file.template_name, *source, *file.view);
  if (!result.ok()) {
    diags.error({}, "internal error while generating '{}': {}", file.path, result.error);
    return false;
  }
  std::string error;
  if (!out.write(file.path, result.text, error)) {
    diags.error({}, "cannot write '{}': {}", file.path, error);
    return false;
  }
  return true;
}

// `root`, preceded (when `recurse`) by everything it includes, each once.
void collect_programs(const idl::Program& program, bool recurse,
                      std::vector<const idl::Program*>& out) {
  for (const idl::Program* seen : out) {
    if (seen == &program) return;
  }
  if (recurse) {
    for (const auto& include : program.includes) {
      if (include.program != nullptr) collect_programs(*include.program, recurse, out);
    }
  }
  out.push_back(&program);
}

}  // namespace

std::vector<std::string> cpp_output_names(const idl::Program& root, bool recurse) {
  std::vector<const idl::Program*> programs;
  collect_programs(root, recurse, programs);
  std::vector<std::string> names;
  for (const idl::Program* program : programs) {
    names.push_back(cpp::types_header_name(*program));
    names.push_back(cpp::types_source_name(*program));
    for (const auto& def : program->definitions) {
      if (const auto* service = def->as<idl::Service>()) {
        names.push_back(cpp::service_header_name(*service));
        names.push_back(cpp::service_source_name(*service));
      }
    }
  }
  return names;
}

bool generate_cpp(const idl::Program& root, const CppOptions& options, bool recurse,
                  OutputSink& out, idl::Diagnostics& diags) {
  bool ok = true;
  for (const auto& [key, value] : options.values) {
    if (key == "file_namespaces") continue;
    diags.error({}, "unknown option '{}' for --gen cpp (known: file_namespaces)", key);
    ok = false;
  }
  if (!ok) return false;
  cpp::Naming naming{options.values.count("file_namespaces") != 0};
  std::vector<const idl::Program*> included;
  collect_programs(root, true, included);
  if (!cpp::check_cpp_name_clashes(included, naming, diags)) return false;
  if (!cpp::check_exception_messages(included, diags)) return false;
  std::vector<const idl::Program*> programs;
  collect_programs(root, recurse, programs);
  for (const idl::Program* program : programs) {
    for (const OutputFile& file : program_outputs(*program, naming))
      ok = write_file(file, out, diags) && ok;
  }
  return ok;
}

}  // namespace corothrift::codegen
