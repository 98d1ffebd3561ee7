#pragma once
// Source text and positions. Every AST node carries a SourceRange (file id +
// byte offsets, 12 bytes); lines and columns are computed only when a message
// is printed, by the SourceManager that owns the text.

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace corothrift::idl {

using FileId = std::uint32_t;
inline constexpr FileId kNoFile = 0xffffffffU;

// [begin, end) byte offsets into one file's text. A default range means "no
// location" (e.g. "cannot open file" on the command line).
struct SourceRange {
  FileId file = kNoFile;
  std::uint32_t begin = 0;
  std::uint32_t end = 0;

  bool has_location() const { return file != kNoFile; }
  friend bool operator==(const SourceRange&, const SourceRange&) = default;
};

// 1-based line and column (column counts bytes, as GCC does).
struct LineColumn {
  std::uint32_t line = 0;
  std::uint32_t column = 0;
};

// Owns the text of every file read in one compilation. File ids are dense
// indices handed out by add(); text is never modified or freed, so
// string_views into it stay valid as long as the SourceManager lives.
// Not thread-safe.
class SourceManager {
 public:
  SourceManager();
  ~SourceManager();
  SourceManager(const SourceManager&) = delete;
  SourceManager& operator=(const SourceManager&) = delete;

  FileId add(std::string path, std::string text);
  std::size_t size() const { return files_.size(); }

  const std::string& path(FileId file) const;
  std::string_view text(FileId file) const;
  LineColumn locate(FileId file, std::uint32_t offset) const;
  // The line containing `offset`, without its newline.
  std::string_view line_text(FileId file, std::uint32_t offset) const;

 private:
  struct File;
  std::vector<std::unique_ptr<File>> files_;
};

}  // namespace corothrift::idl
