#pragma once
// The front end's one entry point: parse a .thrift file and everything it
// includes, resolve names, then run semantic validation.

#include <memory>
#include <string>
#include <vector>

#include "corothrift/idl/ast.h"
#include "corothrift/idl/diagnostics.h"
#include "corothrift/idl/source_provider.h"

namespace corothrift::idl {

struct LoadOptions {
  // `-I` directories, searched in order after the including file's directory.
  std::vector<std::string> include_dirs;
  // Run validate() (on input whose every file parsed and was found, even if
  // some names did not resolve: each rule skips what did not).
  bool validate = true;
};

// Returns the Compilation, or null when any file failed to parse or resolve
// (the reasons are in `diags`). Unknown names do not stop checking: the
// semantic rules still run, so `diags` holds every independent problem, in
// source order. A non-null result may still carry sema errors: check
// diags.has_errors(). File texts live in diags.sources(), so `diags` must
// outlive the result.
std::unique_ptr<Compilation> load(const std::string& path, const LoadOptions& options,
                                  SourceProvider& provider, Diagnostics& diags);

}  // namespace corothrift::idl
