#pragma once
// All reading of .thrift files goes through a SourceProvider, so tests can
// feed files from memory.

#include <map>
#include <optional>
#include <string>

namespace corothrift::idl {

class SourceProvider {
 public:
  virtual ~SourceProvider() = default;
  // The contents of `path`, or nullopt if it does not exist / cannot be read.
  virtual std::optional<std::string> read(const std::string& path) = 0;
};

// Reads from the file system; paths are used as given (relative to the cwd).
class FileSourceProvider : public SourceProvider {
 public:
  std::optional<std::string> read(const std::string& path) override;
};

// Serves files from a map of path -> contents. Paths are compared after
// lexical normalisation ("a/./b/../c.thrift" == "a/c.thrift").
class MemorySourceProvider : public SourceProvider {
 public:
  void add(const std::string& path, std::string contents);
  std::optional<std::string> read(const std::string& path) override;

 private:
  std::map<std::string, std::string> files_;
};

}  // namespace corothrift::idl
