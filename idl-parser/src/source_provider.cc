#include "corothrift/idl/source_provider.h"

#include <filesystem>
#include <fstream>
#include <sstream>

namespace corothrift::idl {

std::optional<std::string> FileSourceProvider::read(const std::string& path) {
  std::error_code error;
  if (!std::filesystem::is_regular_file(path, error)) return std::nullopt;
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream contents;
  contents << in.rdbuf();
  return std::move(contents).str();
}

namespace {
std::string normal(const std::string& path) {
  return std::filesystem::path(path).lexically_normal().generic_string();
}
}  // namespace

void MemorySourceProvider::add(const std::string& path, std::string contents) {
  files_[normal(path)] = std::move(contents);
}

std::optional<std::string> MemorySourceProvider::read(const std::string& path) {
  auto it = files_.find(normal(path));
  if (it == files_.end()) return std::nullopt;
  return it->second;
}

}  // namespace corothrift::idl
