#pragma once
// Mistakes in the user's IDL are collected here, never thrown. Every pass
// reports as many problems as it can and the driver prints them all at the
// end, GCC style:
//
//   dir/file.thrift:12:5: error: unknown type 'Foo'; did you mean 'Fooo'?
//      12 |   1: Foo f
//         |      ^~~
//
// A duplicate reports an error at the second site and a note at the first.

#include <cstddef>
#include <iosfwd>
#include <string>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "corothrift/idl/source.h"

namespace corothrift::idl {

enum class Severity { kError, kWarning, kNote };

struct Diagnostic {
  Severity severity = Severity::kError;
  SourceRange range;
  std::string message;
};

// Owns the SourceManager of the compilation so that printing can show source
// lines. Not thread-safe.
class Diagnostics {
 public:
  Diagnostics() = default;
  Diagnostics(const Diagnostics&) = delete;
  Diagnostics& operator=(const Diagnostics&) = delete;

  template <typename... Args>
  void error(SourceRange range, fmt::format_string<Args...> format, Args&&... args) {
    report(Severity::kError, range, fmt::format(format, std::forward<Args>(args)...));
  }
  template <typename... Args>
  void warning(SourceRange range, fmt::format_string<Args...> format, Args&&... args) {
    report(Severity::kWarning, range, fmt::format(format, std::forward<Args>(args)...));
  }
  template <typename... Args>
  void note(SourceRange range, fmt::format_string<Args...> format, Args&&... args) {
    report(Severity::kNote, range, fmt::format(format, std::forward<Args>(args)...));
  }
  void report(Severity severity, SourceRange range, std::string message);

  // From now on every warning is reported as an error, its message marked
  // " [--warnings-as-errors]" (teams that keep their IDL warning-free).
  void set_warnings_as_errors(bool on) { warnings_as_errors_ = on; }

  const std::vector<Diagnostic>& all() const { return diagnostics_; }
  std::size_t error_count() const { return errors_; }
  std::size_t warning_count() const { return warnings_; }
  bool has_errors() const { return errors_ != 0; }

  SourceManager& sources() { return sources_; }
  const SourceManager& sources() const { return sources_; }

  // Puts the diagnostics from index `first` on in source order (by file,
  // then offset), each note staying after the diagnostic it belongs to.
  // Passes run one after another; readers expect one walk through the file.
  void sort_from(std::size_t first);

  // One diagnostic as GCC prints it: "path:line:col: severity: message",
  // then (when it has a location) the source line and a caret line.
  std::string format(const Diagnostic& diagnostic) const;
  // Every collected diagnostic, in the order reported.
  void print(std::ostream& out) const;

 private:
  SourceManager sources_;
  std::vector<Diagnostic> diagnostics_;
  std::size_t errors_ = 0;
  std::size_t warnings_ = 0;
  bool warnings_as_errors_ = false;
};

}  // namespace corothrift::idl
