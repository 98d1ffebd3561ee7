#include "driver.h"

#include <filesystem>
#include <iostream>
#include <string_view>

#include "corothrift/idl/dump.h"
#include "corothrift/idl/load.h"
#include "cpp/generate.h"

namespace corothrift::codegen {
namespace {

constexpr std::string_view kVersion = "0.1.0";

constexpr std::string_view kUsage = R"(Usage: corothrift [options] file.thrift

Options:
  -h, --help           Show this help and exit.
  --version            Print the version and exit.
  -I DIR               Search DIR for included files (after the including
                       file's directory; repeatable, searched in order).
  -o DIR               Write generated files under DIR (default: .).
  --gen cpp[:k=v,...]  Generate C++ (options are passed to the generator).
  -r                   Also generate code for included files.
  --depfile FILE       Write a Make depfile: the outputs depend on every
                       .thrift file read.
  --dump-ast           Print the resolved AST of the input file (with -r, of
                       every file read, included files first).
  --list-outputs       With --gen: print the paths it would write, one per
                       line, and write nothing.
  --warnings-as-errors Report every warning as an error: exit status 1 and
                       nothing generated.

Without --gen or --dump-ast the file is only checked.
)";

// "cpp:a=1,b" -> name "cpp", {a: "1", b: ""}.
bool parse_generator(std::string_view spec, DriverOptions& options, std::ostream& err) {
  std::size_t colon = spec.find(':');
  options.generator = std::string(spec.substr(0, colon));
  if (*options.generator != "cpp") {
    err << "corothrift: error: unknown generator '" << *options.generator << "' (known: cpp)\n";
    return false;
  }
  if (colon == std::string_view::npos) return true;
  std::string_view rest = spec.substr(colon + 1);
  while (!rest.empty()) {
    std::size_t comma = rest.find(',');
    std::string_view item = rest.substr(0, comma);
    std::size_t equals = item.find('=');
    std::string value =
        equals == std::string_view::npos ? "" : std::string(item.substr(equals + 1));
    if (!item.empty()) options.generator_options[std::string(item.substr(0, equals))] = value;
    rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
  }
  return true;
}

// The value of an option that takes one: "-I dir", "-Idir", "--gen=x", "--gen x".
std::optional<std::string> option_value(std::string_view arg, std::string_view name, int& i,
                                        int argc, const char* const* argv, std::ostream& err) {
  if (arg.size() > name.size()) {
    std::string_view rest = arg.substr(name.size());
    return std::string(rest.front() == '=' ? rest.substr(1) : rest);
  }
  if (i + 1 >= argc) {
    err << "corothrift: error: option '" << name << "' needs a value\n";
    return std::nullopt;
  }
  return std::string(argv[++i]);
}

bool takes_value(std::string_view arg, std::string_view name) {
  if (arg == name) return true;
  if (!arg.starts_with(name)) return false;
  // Short options glue their value ("-Idir"); long ones use '='.
  return name.size() == 2 || arg[name.size()] == '=';
}

}  // namespace

std::optional<DriverOptions> parse_options(int argc, const char* const* argv, std::ostream& err) {
  DriverOptions options;
  for (int i = 1; i < argc; ++i) {
    std::string_view arg = argv[i];
    std::optional<std::string> value;
    if (arg == "-h" || arg == "--help") {
      options.help = true;
    } else if (arg == "--version") {
      options.version = true;
    } else if (arg == "-r") {
      options.recurse = true;
    } else if (arg == "--dump-ast") {
      options.dump_ast = true;
    } else if (arg == "--list-outputs") {
      options.list_outputs = true;
    } else if (arg == "--warnings-as-errors") {
      options.warnings_as_errors = true;
    } else if (takes_value(arg, "-I")) {
      if (!(value = option_value(arg, "-I", i, argc, argv, err))) return std::nullopt;
      options.include_dirs.push_back(*value);
    } else if (takes_value(arg, "-o")) {
      if (!(value = option_value(arg, "-o", i, argc, argv, err))) return std::nullopt;
      options.out_dir = *value;
    } else if (takes_value(arg, "--gen")) {
      if (!(value = option_value(arg, "--gen", i, argc, argv, err))) return std::nullopt;
      if (!parse_generator(*value, options, err)) return std::nullopt;
    } else if (takes_value(arg, "--depfile")) {
      if (!(value = option_value(arg, "--depfile", i, argc, argv, err))) return std::nullopt;
      options.depfile = *value;
    } else if (arg.size() > 1 && arg.front() == '-') {
      err << "corothrift: error: unknown option '" << arg << "' (see --help)\n";
      return std::nullopt;
    } else if (!options.input.empty()) {
      err << "corothrift: error: more than one input file ('" << options.input << "' and '" << arg
          << "')\n";
      return std::nullopt;
    } else {
      options.input = std::string(arg);
    }
  }
  if (options.input.empty() && !options.help && !options.version) {
    err << "corothrift: error: no input file (see --help)\n";
    return std::nullopt;
  }
  return options;
}

namespace {

// Make quoting: spaces and '#' take a backslash, '$' doubles.
std::string make_escape(const std::string& path) {
  std::string out;
  for (char c : path) {
    if (c == ' ' || c == '#') out += '\\';
    if (c == '$') out += '$';
    out += c;
  }
  return out;
}

std::string depfile_text(const std::vector<std::string>& targets, const idl::Compilation& c) {
  // Appends piece by piece: `"literal" + std::string` trips g++ 12's
  // -Wrestrict false positive at -O3.
  std::string text;
  for (const std::string& target : targets) {
    if (!text.empty()) text += ' ';
    text += make_escape(target);
  }
  text += ':';
  for (const auto& program : c.programs) {
    text += " \\\n  ";
    text += make_escape(program->path);
  }
  text += '\n';
  return text;
}

// Prefixes every path with the -o directory, so generators write relative paths.
class PrefixSink : public OutputSink {
 public:
  PrefixSink(OutputSink& inner, std::string dir) : inner_(inner), dir_(std::move(dir)) {}
  bool write(const std::string& path, const std::string& contents, std::string& error) override {
    std::string full = (std::filesystem::path(dir_) / path).lexically_normal().generic_string();
    record(full);
    return inner_.write(full, contents, error);
  }

 private:
  OutputSink& inner_;
  std::string dir_;
};

void dump(const idl::Compilation& compilation, bool recurse, const idl::SourceManager& sources,
          std::ostream& out) {
  if (!recurse) {
    out << idl::dump_ast(*compilation.root, sources);
    return;
  }
  for (const auto& program : compilation.programs) out << idl::dump_ast(*program, sources);
}

int compile(const DriverOptions& options, idl::SourceProvider& provider, OutputSink& sink,
            std::ostream& out, idl::Diagnostics& diags) {
  idl::LoadOptions load_options;
  load_options.include_dirs = options.include_dirs;
  auto compilation = idl::load(options.input, load_options, provider, diags);
  if (compilation == nullptr || diags.has_errors()) return 1;
  if (options.dump_ast) dump(*compilation, options.recurse, diags.sources(), out);
  PrefixSink generated(sink, options.out_dir);
  if (options.generator && options.list_outputs) {
    for (const std::string& name : cpp_output_names(*compilation->root, options.recurse)) {
      out << (std::filesystem::path(options.out_dir) / name).lexically_normal().generic_string()
          << "\n";
    }
    return 0;
  }
  if (options.generator) {
    CppOptions cpp{options.generator_options};
    if (!generate_cpp(*compilation->root, cpp, options.recurse, generated, diags)) return 1;
  }
  if (options.depfile) {
    std::vector<std::string> targets = generated.outputs();
    if (targets.empty()) targets.push_back(*options.depfile);
    std::string error;
    if (!sink.write(*options.depfile, depfile_text(targets, *compilation), error)) {
      diags.error({}, "{}", error);
      return 1;
    }
  }
  return diags.has_errors() ? 1 : 0;
}

}  // namespace

int run(int argc, const char* const* argv, idl::SourceProvider& provider, OutputSink& sink,
        std::ostream& out, std::ostream& err) {
  auto options = parse_options(argc, argv, err);
  if (!options) return 1;
  if (options->help) {
    out << kUsage;
    return 0;
  }
  if (options->version) {
    out << "corothrift " << kVersion << "\n";
    return 0;
  }
  idl::Diagnostics diags;
  diags.set_warnings_as_errors(options->warnings_as_errors);
  int status = compile(*options, provider, sink, out, diags);
  diags.print(err);
  return diags.has_errors() ? 1 : status;
}

int run(int argc, const char* const* argv, idl::SourceProvider& provider, OutputSink& sink,
        std::ostream& err) {
  return run(argc, argv, provider, sink, std::cout, err);
}

}  // namespace corothrift::codegen
