#pragma once
// The `corothrift` command line as a library call: main() only wires real
// files and streams to run(); tests pass in-memory ones.

#include <iosfwd>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "corothrift/idl/source_provider.h"
#include "output.h"

namespace corothrift::codegen {

struct DriverOptions {
  std::string input;
  std::vector<std::string> include_dirs;  // -I, in order
  std::string out_dir = ".";              // -o
  std::optional<std::string> generator;   // --gen NAME[:k=v,...]: NAME
  std::map<std::string, std::string> generator_options;
  bool recurse = false;                // -r
  std::optional<std::string> depfile;  // --depfile FILE
  bool dump_ast = false;               // --dump-ast
  bool list_outputs = false;           // --list-outputs: print, generate nothing
  bool warnings_as_errors = false;     // --warnings-as-errors
  bool help = false;
  bool version = false;
};

// Parses argv[1..argc). Returns nullopt after writing a message to `err`.
std::optional<DriverOptions> parse_options(int argc, const char* const* argv, std::ostream& err);

// Runs the compiler: generated files go to `sink` (under -o), the depfile too
// (at its path as given), --dump-ast/--help/--version text to `out`,
// diagnostics to `err`. Returns the exit status: 0, or 1 on any error.
int run(int argc, const char* const* argv, idl::SourceProvider& provider, OutputSink& sink,
        std::ostream& out, std::ostream& err);
// The same, with `out` = std::cout.
int run(int argc, const char* const* argv, idl::SourceProvider& provider, OutputSink& sink,
        std::ostream& err);

}  // namespace corothrift::codegen
