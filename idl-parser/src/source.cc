#include "corothrift/idl/source.h"

#include <algorithm>
#include <cassert>

namespace corothrift::idl {

// Line starts are computed the first time a position in the file is located,
// i.e. only when a message about it is printed.
struct SourceManager::File {
  std::string path;
  std::string text;
  mutable std::vector<std::uint32_t> line_starts;

  const std::vector<std::uint32_t>& lines() const {
    if (line_starts.empty()) {
      line_starts.push_back(0);
      for (std::uint32_t i = 0; i < text.size(); ++i) {
        if (text[i] == '\n') line_starts.push_back(i + 1);
      }
    }
    return line_starts;
  }
};

SourceManager::SourceManager() = default;
SourceManager::~SourceManager() = default;

FileId SourceManager::add(std::string path, std::string text) {
  auto file = std::make_unique<File>();
  file->path = std::move(path);
  file->text = std::move(text);
  files_.push_back(std::move(file));
  return static_cast<FileId>(files_.size() - 1);
}

const std::string& SourceManager::path(FileId file) const {
  assert(file < files_.size());
  return files_[file]->path;
}

std::string_view SourceManager::text(FileId file) const {
  assert(file < files_.size());
  return files_[file]->text;
}

LineColumn SourceManager::locate(FileId file, std::uint32_t offset) const {
  assert(file < files_.size());
  const auto& starts = files_[file]->lines();
  auto next = std::upper_bound(starts.begin(), starts.end(), offset);
  auto line = static_cast<std::uint32_t>(next - starts.begin());
  return {line, offset - starts[line - 1] + 1};
}

std::string_view SourceManager::line_text(FileId file, std::uint32_t offset) const {
  std::string_view all = text(file);
  offset = std::min<std::uint32_t>(offset, static_cast<std::uint32_t>(all.size()));
  std::size_t begin = 0;
  if (offset > 0) {
    std::size_t newline = all.rfind('\n', offset - 1);
    if (newline != std::string_view::npos) begin = newline + 1;
  }
  std::size_t end = all.find('\n', begin);
  if (end == std::string_view::npos) end = all.size();
  std::string_view line = all.substr(begin, end - begin);
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  return line;
}

}  // namespace corothrift::idl
