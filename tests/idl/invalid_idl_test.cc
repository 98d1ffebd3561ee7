// Every .thrift file directly in test-idl/invalid/ goes through load() and
// must produce exactly the diagnostics its comments announce:
//
//   1: i32 a   # expected-error: the message, as printed
//   # expected-note@+2: a message two lines below this comment
//   # expected-warning@7: a message on line 7
//   /* expected-error: also in a block comment */
//
// Compared: file, line, severity and full message (not the column). A
// missing or an extra diagnostic fails, and so does a file that expects
// nothing. Paths inside messages are compared relative to test-idl/invalid.
// Files in subfolders are helpers the cases include; expectations
// written in them count when a case loads them.
#include <algorithm>
#include <cctype>
#include <cstdint>
#include <filesystem>
#include <iterator>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "corothrift/idl/load.h"

namespace corothrift::idl {
namespace {

namespace fs = std::filesystem;

const fs::path kInvalidDir = fs::path(COROTHRIFT_TEST_IDL_DIR) / "invalid";

struct Expected {
  std::string file;  // relative to kInvalidDir
  std::uint32_t line = 0;
  Severity severity = Severity::kError;
  std::string message;

  friend auto operator<=>(const Expected&, const Expected&) = default;
};

const char* severity_name(Severity severity) {
  switch (severity) {
    case Severity::kError:
      return "error";
    case Severity::kWarning:
      return "warning";
    case Severity::kNote:
      return "note";
  }
  return "?";
}

std::string describe(const Expected& e) {
  return e.file + ":" + std::to_string(e.line) + ": " + severity_name(e.severity) + ": " +
         e.message;
}

Severity severity_from(const std::string& word) {
  if (word == "warning") return Severity::kWarning;
  if (word == "note") return Severity::kNote;
  return Severity::kError;
}

std::string relative(const std::string& path) {
  return fs::path(path).lexically_relative(kInvalidDir).generic_string();
}

std::string trimmed(std::string text) {
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\r')) {
    text.pop_back();
  }
  return text;
}

// The line an `@` suffix names: "+2"/"-1" relative to `line`, "7" absolute.
std::uint32_t target_line(std::uint32_t line, const std::string& sign, const std::string& number) {
  if (number.empty()) return line;
  auto n = static_cast<std::uint32_t>(std::stoul(number));
  if (sign == "+") return line + n;
  if (sign == "-") return line - n;
  return n;
}

// Every expectation written in one line; a line may hold several.
void parse_line(const std::string& file, std::uint32_t line, const std::string& text,
                std::vector<Expected>& out) {
  static const std::regex kMarker(
      R"((?:#|//|/\*)\s*expected-(error|warning|note)(?:@([+-]?)(\d+))?:)");
  auto begin = std::sregex_iterator(text.begin(), text.end(), kMarker);
  std::vector<std::smatch> markers(begin, std::sregex_iterator());
  for (std::size_t i = 0; i < markers.size(); ++i) {
    const std::smatch& m = markers[i];
    std::size_t start = static_cast<std::size_t>(m.position(0) + m.length(0));
    std::size_t end =
        i + 1 < markers.size() ? static_cast<std::size_t>(markers[i + 1].position(0)) : text.size();
    std::string message = trimmed(text.substr(start, end - start));
    if (message.ends_with("*/")) message = trimmed(message.substr(0, message.size() - 2));
    message.erase(0, message.find_first_not_of(" \t"));
    out.push_back({file, target_line(line, m[2], m[3]), severity_from(m[1]), message});
  }
}

std::vector<Expected> expectations(const SourceManager& sources) {
  std::vector<Expected> out;
  for (FileId file = 0; file < sources.size(); ++file) {
    std::istringstream text{std::string(sources.text(file))};
    std::string line;
    for (std::uint32_t number = 1; std::getline(text, line); ++number) {
      parse_line(relative(sources.path(file)), number, line, out);
    }
  }
  return out;
}

// Paths in messages are written relative to test-idl/invalid, so that
// expectations do not depend on where the checkout is.
std::string without_invalid_dir(std::string message) {
  const std::string prefix = kInvalidDir.generic_string() + "/";
  for (auto at = message.find(prefix); at != std::string::npos; at = message.find(prefix, at)) {
    message.erase(at, prefix.size());
  }
  return message;
}

std::vector<Expected> reported(const Diagnostics& diags) {
  std::vector<Expected> out;
  for (const Diagnostic& d : diags.all()) {
    Expected e{"<no file>", 0, d.severity, without_invalid_dir(d.message)};
    if (d.range.has_location()) {
      e.file = relative(diags.sources().path(d.range.file));
      e.line = diags.sources().locate(d.range.file, d.range.begin).line;
    }
    out.push_back(e);
  }
  return out;
}

// Items of `a` not matched one-for-one in `b`.
std::vector<Expected> minus(std::vector<Expected> a, std::vector<Expected> b) {
  std::sort(a.begin(), a.end());
  std::sort(b.begin(), b.end());
  std::vector<Expected> out;
  std::set_difference(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(out));
  return out;
}

std::string listing(const std::vector<Expected>& items) {
  std::string out;
  for (const Expected& e : items) out += "  " + describe(e) + "\n";
  return out;
}

std::vector<std::string> case_files() {
  std::vector<std::string> out;
  for (const auto& entry : fs::directory_iterator(kInvalidDir)) {
    if (entry.is_regular_file() && entry.path().extension() == ".thrift") {
      out.push_back(entry.path().filename().string());
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

class InvalidIdl : public ::testing::TestWithParam<std::string> {};

TEST_P(InvalidIdl, ReportsExactlyTheDiagnosticsItsCommentsExpect) {
  FileSourceProvider files;
  Diagnostics diags;
  auto compilation = load((kInvalidDir / GetParam()).string(), {}, files, diags);
  std::vector<Expected> expected = expectations(diags.sources());
  std::vector<Expected> actual = reported(diags);
  std::ostringstream printed;
  diags.print(printed);
  ASSERT_FALSE(expected.empty()) << GetParam() << " announces no diagnostic";
  EXPECT_EQ(listing(minus(expected, actual)), "") << "expected but not reported\n" << printed.str();
  EXPECT_EQ(listing(minus(actual, expected)), "") << "reported but not expected\n" << printed.str();
}

INSTANTIATE_TEST_SUITE_P(Files, InvalidIdl, ::testing::ValuesIn(case_files()),
                         [](const ::testing::TestParamInfo<std::string>& info) {
                           std::string name = fs::path(info.param).stem().string();
                           std::replace_if(
                               name.begin(), name.end(),
                               [](char c) { return !std::isalnum(static_cast<unsigned char>(c)); },
                               '_');
                           return name;
                         });

TEST(InvalidIdlExpectations, AreReadWithRelativeOrAbsoluteLinesSeveralToALine) {
  std::vector<Expected> out;
  parse_line("f", 10, "1: i32 a # expected-error: first # expected-note@+2: second  ", out);
  parse_line("f", 10, "// expected-warning@3: third", out);
  parse_line("f", 10, "/* expected-error@-1: fourth */", out);
  ASSERT_EQ(out.size(), 4U);
  EXPECT_EQ(describe(out[0]), "f:10: error: first");
  EXPECT_EQ(describe(out[1]), "f:12: note: second");
  EXPECT_EQ(describe(out[2]), "f:3: warning: third");
  EXPECT_EQ(describe(out[3]), "f:9: error: fourth");
}

TEST(Validate, ReportsInSourceOrderEachNoteAfterItsDiagnostic) {
  MemorySourceProvider files;
  // Rules run fields, then enums, then constants: the file is the reverse.
  files.add("order.thrift",
            "const i8 TOO_BIG = 300\n"
            "enum E {\n"
            "  X = 1\n"
            "  Y = 1\n"
            "}\n"
            "struct S {\n"
            "  1: i32 a\n"
            "  1: i32 b\n"
            "}\n");
  Diagnostics diags;
  ASSERT_TRUE(load("order.thrift", {}, files, diags));
  std::vector<std::string> lines;
  for (const Diagnostic& d : diags.all()) {
    lines.push_back(std::to_string(diags.sources().locate(d.range.file, d.range.begin).line) + " " +
                    severity_name(d.severity));
  }
  EXPECT_EQ(lines,
            (std::vector<std::string>{"1 error", "4 warning", "3 note", "8 error", "7 note"}));
}

}  // namespace
}  // namespace corothrift::idl
