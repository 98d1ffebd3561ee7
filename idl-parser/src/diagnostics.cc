#include "corothrift/idl/diagnostics.h"

#include <algorithm>
#include <ostream>
#include <tuple>

namespace corothrift::idl {
namespace {

const char* severity_name(Severity severity) {
  switch (severity) {
    case Severity::kError:
      return "error";
    case Severity::kWarning:
      return "warning";
    case Severity::kNote:
      return "note";
  }
  return "error";
}

// "^~~~" under [column, column + width), keeping tabs of the source line so
// the caret lines up however the terminal expands them.
std::string caret_line(std::string_view line, std::uint32_t column, std::uint32_t width) {
  std::string out;
  for (std::uint32_t i = 0; i + 1 < column; ++i) {
    out += i < line.size() && line[i] == '\t' ? '\t' : ' ';
  }
  out += '^';
  if (width > 1) out.append(width - 1, '~');
  return out;
}

}  // namespace

void Diagnostics::report(Severity severity, SourceRange range, std::string message) {
  if (severity == Severity::kWarning && warnings_as_errors_) {
    severity = Severity::kError;
    message += " [--warnings-as-errors]";
  }
  if (severity == Severity::kError) ++errors_;
  if (severity == Severity::kWarning) ++warnings_;
  diagnostics_.push_back({severity, range, std::move(message)});
}

void Diagnostics::sort_from(std::size_t first) {
  // Each group is a diagnostic and the notes that follow it.
  std::vector<std::vector<Diagnostic>> groups;
  for (std::size_t i = first; i < diagnostics_.size(); ++i) {
    if (diagnostics_[i].severity != Severity::kNote || groups.empty()) groups.emplace_back();
    groups.back().push_back(std::move(diagnostics_[i]));
  }
  std::stable_sort(groups.begin(), groups.end(), [](const auto& a, const auto& b) {
    return std::tie(a.front().range.file, a.front().range.begin) <
           std::tie(b.front().range.file, b.front().range.begin);
  });
  diagnostics_.resize(first);
  for (auto& group : groups) {
    for (Diagnostic& d : group) diagnostics_.push_back(std::move(d));
  }
}

std::string Diagnostics::format(const Diagnostic& d) const {
  if (!d.range.has_location()) {
    return fmt::format("corothrift: {}: {}\n", severity_name(d.severity), d.message);
  }
  LineColumn at = sources_.locate(d.range.file, d.range.begin);
  std::string out = fmt::format("{}:{}:{}: {}: {}\n", sources_.path(d.range.file), at.line,
                                at.column, severity_name(d.severity), d.message);
  std::string_view line = sources_.line_text(d.range.file, d.range.begin);
  auto line_end = static_cast<std::uint32_t>(line.size()) + 1;
  std::uint32_t end_column =
      at.column + (d.range.end > d.range.begin ? d.range.end - d.range.begin : 1);
  // The caret can stand one past the line shown, which drops a trailing
  // '\r': at the end of a file whose last byte is that '\r', or at the '\n'
  // of a CRLF line. It still gets its one '^'.
  std::uint32_t width = std::max(std::min(end_column, line_end), at.column + 1) - at.column;
  out += fmt::format("{:>5} | {}\n", at.line, line);
  out += fmt::format("{:>5} | {}\n", "", caret_line(line, at.column, width));
  return out;
}

void Diagnostics::print(std::ostream& out) const {
  for (const Diagnostic& d : diagnostics_) out << format(d);
}

}  // namespace corothrift::idl
