// Collects the outcome of the client's cases: one line on stdout per failed
// case, and the list of failed names for the exit summary. Single-threaded.
#pragma once

#include <bit>
#include <cstddef>
#include <exception>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

namespace interop {

class CaseChecker {
 public:
  // Runs one case; an exception escaping `body` fails it with its message.
  template <class Body>
  void run(const std::string& name, Body&& body) {
    ++cases_run_;
    std::size_t failures_before = failed_.size();
    try {
      body();
    } catch (const std::exception& error) {
      fail(name, std::string("unexpected exception: ") + error.what());
    }
    if (failed_.size() > failures_before) ++cases_failed_;
  }

  template <class T>
  void expect_eq(const std::string& name, const T& got, const T& want) {
    if (!(got == want)) fail(name, "got " + describe(got) + ", want " + describe(want));
  }

  // Bit-exact: -0.0 differs from 0.0, and every mantissa bit counts.
  void expect_same_double(const std::string& name, double got, double want) {
    if (std::bit_cast<uint64_t>(got) != std::bit_cast<uint64_t>(want)) {
      fail(name, "got " + describe(got) + ", want " + describe(want));
    }
  }

  void fail(const std::string& name, const std::string& why) {
    std::cout << "FAIL " << name << ": " << why << std::endl;
    failed_.push_back(name);
  }

  const std::vector<std::string>& failed() const { return failed_; }
  int cases_run() const { return cases_run_; }
  int cases_failed() const { return cases_failed_; }

 private:
  template <class T>
  static std::string describe(const T& value) {
    if constexpr (requires(std::ostream & out) { out << value; }) {
      std::ostringstream out;
      out.precision(17);
      out << value;
      std::string text = out.str();
      return text.size() > 200 ? text.substr(0, 200) + "..." : text;
    } else {
      return "(a different value)";
    }
  }

  std::vector<std::string> failed_;
  int cases_run_ = 0;
  int cases_failed_ = 0;
};

}  // namespace interop
