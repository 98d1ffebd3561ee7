// Collects the outcome of thrift_test_client's cases: one line on stdout per
// failed or skipped case, the counts the interop matrix checks, and the
// failed names for the exit summary. Cases run one at a time on the client's
// loop thread.
#pragma once

#include <algorithm>
#include <bit>
#include <cstdint>
#include <cstdio>
#include <exception>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include <corothrift/detail/format.h>
#include <corothrift/task.h>

namespace thrift_test {

class Checker {
 public:
  // `only`: the method names to run (testString, ...); empty runs all.
  explicit Checker(std::vector<std::string> only) : only_(std::move(only)) {}

  // Also records `name` as a case this run offers, for unknown_names().
  bool wanted(std::string_view name) {
    if (std::find(offered_.begin(), offered_.end(), name) == offered_.end()) {
      offered_.emplace_back(name);
    }
    return only_.empty() || std::find(only_.begin(), only_.end(), name) != only_.end();
  }

  // Runs one case (lazily: a case not wanted never starts); an exception
  // escaping `body` fails it.
  corothrift::Task<void> run(std::string name, corothrift::Task<void> body) {
    if (!wanted(name)) co_return;
    ++started_;
    int failures_before = failures_;
    try {
      co_await std::move(body);
    } catch (const std::exception& error) {
      fail(name, std::string("unexpected exception: ") + error.what());
    }
    if (failures_ > failures_before) ++cases_failed_;
  }

  // Called from inside a running case: that case counts as skipped, not run.
  void skip(std::string_view name, std::string_view why) {
    std::printf("SKIP %.*s: %.*s\n", static_cast<int>(name.size()), name.data(),
                static_cast<int>(why.size()), why.data());
    std::fflush(stdout);
    ++skipped_;
  }

  template <class T>
  void expect_eq(std::string_view name, const T& got, const T& want) {
    if (!(got == want)) fail(name, "got " + describe(got) + ", want " + describe(want));
  }

  // Bit-exact: -0.0 differs from 0.0, and every mantissa bit counts.
  void expect_same_double(std::string_view name, double got, double want) {
    if (std::bit_cast<std::uint64_t>(got) != std::bit_cast<std::uint64_t>(want)) {
      fail(name, fmt::format("got {}, want {}", got, want));
    }
  }

  void fail(std::string_view name, std::string_view why) {
    std::printf("FAIL %.*s: %.*s\n", static_cast<int>(name.size()), name.data(),
                static_cast<int>(why.size()), why.data());
    std::fflush(stdout);
    ++failures_;
    if (std::find(failed_.begin(), failed_.end(), name) == failed_.end()) {
      failed_.emplace_back(name);
    }
  }

  const std::vector<std::string>& failed() const { return failed_; }
  int cases_run() const { return started_ - skipped_; }
  int cases_failed() const { return cases_failed_; }
  int cases_skipped() const { return skipped_; }

  // The names asked for that this run never offered (misspelt, or
  // secondtestString without --multiplexed).
  std::vector<std::string> unknown_names() const {
    std::vector<std::string> unknown;
    for (const auto& name : only_) {
      if (std::find(offered_.begin(), offered_.end(), name) == offered_.end()) {
        unknown.push_back(name);
      }
    }
    return unknown;
  }

 private:
  template <class T>
  static std::string describe(const T& value) {
    std::string text = corothrift::to_display_string(value);
    return text.size() > 200 ? text.substr(0, 200) + "..." : text;
  }

  std::vector<std::string> only_;
  std::vector<std::string> offered_;
  std::vector<std::string> failed_;
  int started_ = 0;
  int skipped_ = 0;
  int failures_ = 0;
  int cases_failed_ = 0;
};

}  // namespace thrift_test
