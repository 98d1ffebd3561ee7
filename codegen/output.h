#pragma once
// All writing of generated files goes through an OutputSink, so tests can
// capture them in memory. Paths are relative to the output directory.

#include <map>
#include <string>
#include <utility>
#include <vector>

namespace corothrift::codegen {

class OutputSink {
 public:
  virtual ~OutputSink() = default;
  // Writes `contents` to `path` unless the file already holds exactly that
  // (so build systems see no change). Returns false if it could not write;
  // `error` then says why.
  virtual bool write(const std::string& path, const std::string& contents, std::string& error) = 0;
  // Every path passed to write() so far (written or unchanged), in order.
  const std::vector<std::string>& outputs() const { return outputs_; }

 protected:
  void record(const std::string& path) { outputs_.push_back(path); }

 private:
  std::vector<std::string> outputs_;
};

// Writes under `root` (created as needed), only when the content changed.
class FileOutputSink : public OutputSink {
 public:
  explicit FileOutputSink(std::string root) : root_(std::move(root)) {}
  void set_root(std::string root) { root_ = std::move(root); }
  const std::string& root() const { return root_; }
  bool write(const std::string& path, const std::string& contents, std::string& error) override;
  // Files actually (re)written, as full paths.
  const std::vector<std::string>& changed() const { return changed_; }

 private:
  std::string root_;
  std::vector<std::string> changed_;
};

// Keeps files in memory; `writes` counts the writes that changed content.
class MemoryOutputSink : public OutputSink {
 public:
  bool write(const std::string& path, const std::string& contents, std::string& error) override;
  std::map<std::string, std::string> files;
  int writes = 0;
};

}  // namespace corothrift::codegen
