#pragma once
// Runs the front end and the C++ generator in memory for the codegen tests.

#include <filesystem>
#include <map>
#include <sstream>
#include <string>

#include "../apache_idl.h"
#include "corothrift/idl/load.h"
#include "cpp/generate.h"
#include "output.h"

namespace corothrift::codegen::test {

inline const std::filesystem::path kSourceDir = COROTHRIFT_SOURCE_DIR;
// Apache Thrift's IDL files: tests that read them skip when they are absent.
inline const std::filesystem::path kSharedIdlDir = COROTHRIFT_SHARED_IDL_DIR;
inline const std::filesystem::path kValidIdlDir = kSourceDir / "test-idl" / "valid";
inline const std::filesystem::path kGoldenDir = kSourceDir / "test-idl" / "golden";
inline const std::filesystem::path kExampleIdlDir = kSourceDir / "examples" / "calculator" / "idl";

struct Generated {
  bool ok = false;
  std::string diagnostics;
  std::map<std::string, std::string> files;  // path -> contents
};

// Generates C++ for `idl` (not the files it includes), as the driver does.
inline Generated generate(const std::filesystem::path& idl) {
  idl::Diagnostics diags;
  idl::FileSourceProvider provider;
  idl::LoadOptions options;
  options.include_dirs = {(kValidIdlDir / "include").string(), kValidIdlDir.string()};
  Generated out;
  auto compilation = idl::load(idl.string(), options, provider, diags);
  MemoryOutputSink sink;
  if (compilation != nullptr && !diags.has_errors()) {
    out.ok = generate_cpp(*compilation->root, CppOptions{}, false, sink, diags);
  }
  std::ostringstream text;
  diags.print(text);
  out.diagnostics = text.str();
  out.files = std::move(sink.files);
  return out;
}

// Generates C++ for `path` read through `provider` (with `recurse`, the files
// it includes too).
inline Generated generate_with(const std::string& path, CppOptions options, bool recurse,
                               idl::SourceProvider& provider) {
  idl::Diagnostics diags;
  Generated out;
  auto compilation = idl::load(path, {}, provider, diags);
  MemoryOutputSink sink;
  if (compilation != nullptr && !diags.has_errors()) {
    out.ok = generate_cpp(*compilation->root, options, recurse, sink, diags);
  }
  std::ostringstream text;
  diags.print(text);
  out.diagnostics = text.str();
  out.files = std::move(sink.files);
  return out;
}

}  // namespace corothrift::codegen::test
