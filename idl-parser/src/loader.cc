#include <algorithm>
#include <filesystem>
#include <map>

#include "builder.h"
#include "corothrift/idl/load.h"
#include "corothrift/idl/validate.h"
#include "resolver.h"

namespace corothrift::idl {
namespace {

namespace fs = std::filesystem;

std::string normal(const std::string& path) {
  return fs::path(path).lexically_normal().generic_string();
}

// Loads each file once, depth first, so that `compilation.programs` lists
// dependencies before their includers, and resolves each file's names.
class Loader {
 public:
  Loader(const LoadOptions& options, SourceProvider& provider, Diagnostics& diags)
      : options_(options), provider_(provider), diags_(diags) {}

  std::unique_ptr<Compilation> run(const std::string& path) {
    auto text = provider_.read(path);
    if (!text) {
      diags_.error({}, "cannot open '{}'", path);
      failed_ = true;
      return nullptr;
    }
    compilation_->root = load(normal(path), std::move(*text));
    return std::move(compilation_);
  }

  // Whether a file could not be read, parsed or included: then some names
  // are unknowable and the rules would judge an incomplete program.
  bool failed() const { return failed_; }

 private:
  const Program* load(const std::string& path, std::string text) {
    if (auto it = loaded_.find(path); it != loaded_.end()) return it->second;
    FileId file = diags_.sources().add(path, std::move(text));
    std::unique_ptr<Program> program = build_program(file, diags_);
    if (program == nullptr) {
      loaded_.emplace(path, nullptr);  // reported once, however often it is included
      failed_ = true;
      return nullptr;
    }
    program->path = path;
    program->name = fs::path(path).stem().string();
    stack_.push_back(path);
    for (Include& include : program->includes) include.program = load_include(path, include);
    stack_.pop_back();
    // Names through an include that failed stay unresolved, silently.
    resolve_program(*program, diags_);
    Program* raw = program.get();
    loaded_.emplace(path, raw);
    compilation_->programs.push_back(std::move(program));
    return raw;
  }

  const Program* load_include(const std::string& from, const Include& include) {
    std::vector<std::string> candidates{
        normal((fs::path(from).parent_path() / include.spelling).string())};
    for (const std::string& dir : options_.include_dirs) {
      candidates.push_back(normal((fs::path(dir) / include.spelling).string()));
    }
    for (const std::string& candidate : candidates) {
      if (std::find(stack_.begin(), stack_.end(), candidate) != stack_.end()) {
        report_cycle(candidate, include);
        return nullptr;
      }
      if (auto it = loaded_.find(candidate); it != loaded_.end()) return it->second;
      if (auto text = provider_.read(candidate)) return load(candidate, std::move(*text));
    }
    diags_.error(include.range, "cannot find included file '{}'", include.spelling);
    failed_ = true;
    return nullptr;
  }

  void report_cycle(const std::string& target, const Include& include) {
    std::string chain;
    auto first = std::find(stack_.begin(), stack_.end(), target);
    // File names only: the message must not depend on where the tree lives.
    auto name = [](const std::string& path) { return fs::path(path).filename().string(); };
    for (auto it = first; it != stack_.end(); ++it) chain += name(*it) + " -> ";
    diags_.error(include.range, "include cycle: {}{}", chain, name(target));
    failed_ = true;
  }

  const LoadOptions& options_;
  SourceProvider& provider_;
  Diagnostics& diags_;
  std::unique_ptr<Compilation> compilation_ = std::make_unique<Compilation>();
  std::map<std::string, const Program*> loaded_;
  std::vector<std::string> stack_;  // files whose includes are being loaded
  bool failed_ = false;
};

}  // namespace

std::unique_ptr<Compilation> load(const std::string& path, const LoadOptions& options,
                                  SourceProvider& provider, Diagnostics& diags) {
  std::size_t errors_before = diags.error_count();
  std::size_t first = diags.all().size();
  Loader loader(options, provider, diags);
  auto compilation = loader.run(path);
  if (compilation == nullptr || compilation->root == nullptr || loader.failed()) return nullptr;
  bool resolved = diags.error_count() == errors_before;
  // After unknown names too, as clang goes on: each rule skips what did not
  // resolve, so what it reports is independent of them.
  if (options.validate) validate(*compilation, diags);
  diags.sort_from(first);
  if (!resolved) return nullptr;  // it holds null references
  return compilation;
}

}  // namespace corothrift::idl
