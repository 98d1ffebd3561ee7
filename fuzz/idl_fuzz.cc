// The IDL front end through code generation, on arbitrary text: the
// compiler's own entry point (codegen::run) with in-memory files, so the
// lexer (the in-place ASCII stream and ANTLR's copy for other text), the
// parser, the AST builder, include loading, name resolution, every semantic
// rule, the C++ model, the templates and the depfile all run. It must never
// crash or throw, only diagnose: a failed run prints at least one
// `file:line:col: error:` (or `corothrift: error:`) line; a run that
// succeeded wrote its outputs, and writes the same bytes a second time.
//
// Input: the text of main.thrift; a NUL byte, if any, ends it, and the
// byte after it is a choice, the rest the text of inc.thrift (which
// main.thrift may include). So any .thrift file is an input as it is (the
// target also replays test-idl/valid and test-idl/invalid).
//   choice & 1: -r (generate included files too), & 2: --dump-ast,
//   & 4: --warnings-as-errors, & 8: cpp:file_namespaces.
#include <cstdio>
#include <cstdlib>
#include <map>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "driver.h"
#include "fuzz_bytes.h"
#include "output.h"

namespace {

using namespace corothrift;

struct Run {
  int status = 0;
  std::map<std::string, std::string> files;
  std::string err;
};

Run compile(uint8_t choice, std::string_view main_text, std::string_view included) {
  idl::MemorySourceProvider sources;
  sources.add("main.thrift", std::string(main_text));
  sources.add("inc.thrift", std::string(included));
  std::vector<const char*> argv = {"corothrift", "--gen",     "cpp",       "-o",
                                   "out",        "--depfile", "out/main.d"};
  if (choice & 1) argv.push_back("-r");
  if (choice & 2) argv.push_back("--dump-ast");
  if (choice & 4) argv.push_back("--warnings-as-errors");
  if (choice & 8) argv[2] = "cpp:file_namespaces";
  argv.push_back("main.thrift");
  codegen::MemoryOutputSink sink;
  std::ostringstream out;
  std::ostringstream err;
  Run run;
  run.status = codegen::run(static_cast<int>(argv.size()), argv.data(), sources, sink, out, err);
  run.files = std::move(sink.files);
  run.err = err.str();
  return run;
}

[[noreturn]] void fail(const char* what, const Run& run) {
  std::fprintf(stderr, "idl fuzz target: %s\n--- diagnostics:\n%s\n", what, run.err.c_str());
  std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
  std::string_view text = fuzz::as_chars(std::span(data, size));
  std::size_t nul = text.find('\0');
  std::string_view main_text = text.substr(0, nul);
  std::string_view rest = nul == std::string_view::npos ? "" : text.substr(nul + 1);
  uint8_t choice = rest.empty() ? 0 : static_cast<uint8_t>(rest.front());
  std::string_view included = rest.empty() ? rest : rest.substr(1);

  Run first = compile(choice, main_text, included);
  if (first.status != 0) {
    if (first.err.find(": error: ") == std::string::npos) fail("failed without an error", first);
    return 0;
  }
  if (first.files.empty()) fail("succeeded but wrote nothing", first);
  Run second = compile(choice, main_text, included);
  if (second.status != 0 || second.files != first.files) fail("not deterministic", second);
  return 0;
}
