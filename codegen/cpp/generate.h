#pragma once
// The C++ generator's entry point, called by the driver for `--gen cpp[:k=v,...]`.

#include <map>
#include <string>
#include <vector>

#include "corothrift/idl/ast.h"
#include "corothrift/idl/diagnostics.h"

namespace corothrift::codegen {

class OutputSink;

struct CppOptions {
  // `--gen cpp:key=value,flag` as key -> value ("" for a bare flag).
  std::map<std::string, std::string> values;
};

// Generates the files for `root` (and, when `recurse`, for every program it
// includes, transitively) into `out`. Reports problems into `diags` and
// returns false on any error.
bool generate_cpp(const idl::Program& root, const CppOptions& options, bool recurse,
                  OutputSink& out, idl::Diagnostics& diags);

// The paths generate_cpp() would write for `root`, in the order it writes
// them (for `--list-outputs`, so build systems know them before generating).
std::vector<std::string> cpp_output_names(const idl::Program& root, bool recurse);

}  // namespace corothrift::codegen
