#include "output.h"

#include <filesystem>
#include <fstream>
#include <sstream>
#include <system_error>

namespace corothrift::codegen {
namespace {

namespace fs = std::filesystem;

bool same_contents(const fs::path& path, const std::string& contents) {
  std::error_code error;
  if (!fs::is_regular_file(path, error) || fs::file_size(path, error) != contents.size()) {
    return false;
  }
  std::ifstream in(path, std::ios::binary);
  std::ostringstream existing;
  existing << in.rdbuf();
  return in && existing.str() == contents;
}

}  // namespace

bool FileOutputSink::write(const std::string& path, const std::string& contents,
                           std::string& error) {
  fs::path full = root_.empty() ? fs::path(path) : fs::path(root_) / path;
  record(path);
  if (same_contents(full, contents)) return true;
  std::error_code ec;
  if (full.has_parent_path()) fs::create_directories(full.parent_path(), ec);
  // Write beside the target and rename, so a reader never sees half a file.
  fs::path temporary = full;
  temporary += ".tmp";
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    out << contents;
    if (!out.flush()) {
      error = "cannot write '" + temporary.string() + "'";
      return false;
    }
  }
  fs::rename(temporary, full, ec);
  if (ec) {
    error = "cannot write '" + full.string() + "': " + ec.message();
    return false;
  }
  changed_.push_back(full.string());
  return true;
}

bool MemoryOutputSink::write(const std::string& path, const std::string& contents, std::string&) {
  record(path);
  auto [it, inserted] = files.try_emplace(path, contents);
  if (!inserted && it->second == contents) return true;
  it->second = contents;
  ++writes;
  return true;
}

}  // namespace corothrift::codegen
