// A tiny `--name value` command-line reader shared by the benchmark programs.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>

namespace bench {

class Flags {
 public:
  // Accepts only `--name value` pairs whose names are in `known`; on anything
  // else prints `usage` to stderr and exits with status 2.
  Flags(int argc, char** argv, std::initializer_list<std::string_view> known,
        std::string_view usage);

  std::string str(std::string_view name, std::string_view fallback) const;
  int64_t num(std::string_view name, int64_t fallback) const;

 private:
  [[noreturn]] void fail(std::string_view why) const;

  std::map<std::string, std::string, std::less<>> values_;
  std::string usage_;
};

}  // namespace bench
