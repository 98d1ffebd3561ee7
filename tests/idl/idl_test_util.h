#pragma once
// Helpers for front-end tests: load IDL text from memory, read diagnostics.

#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "corothrift/idl/load.h"

namespace corothrift::idl::testing {

struct Loaded {
  std::unique_ptr<Diagnostics> diags = std::make_unique<Diagnostics>();
  std::unique_ptr<Compilation> compilation;

  const Program& root() const { return *compilation->root; }
  std::vector<std::string> messages(Severity severity) const {
    std::vector<std::string> out;
    for (const auto& d : diags->all()) {
      if (d.severity == severity) out.push_back(d.message);
    }
    return out;
  }
  std::vector<std::string> errors() const { return messages(Severity::kError); }
  std::vector<std::string> warnings() const { return messages(Severity::kWarning); }
};

inline Loaded load_files(MemorySourceProvider& files, const std::string& root,
                         LoadOptions options = {}) {
  Loaded out;
  out.compilation = load(root, options, files, *out.diags);
  return out;
}

inline Loaded load_text(const std::string& text) {
  MemorySourceProvider files;
  files.add("t.thrift", text);
  return load_files(files, "t.thrift");
}

template <typename T>
const T& definition(const Loaded& loaded, const std::string& name) {
  const Definition* d = loaded.root().find(name);
  if (d == nullptr || d->as<T>() == nullptr) throw std::runtime_error("no definition " + name);
  return *d->as<T>();
}

}  // namespace corothrift::idl::testing
