#include "common/flags.h"

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <cstdlib>

namespace bench {

Flags::Flags(int argc, char** argv, std::initializer_list<std::string_view> known,
             std::string_view usage)
    : usage_(usage) {
  for (int i = 1; i < argc; i += 2) {
    std::string_view arg = argv[i];
    if (!arg.starts_with("--")) fail("expected --name");
    arg.remove_prefix(2);
    if (std::find(known.begin(), known.end(), arg) == known.end()) fail("unknown flag");
    if (i + 1 >= argc) fail("missing value");
    values_[std::string(arg)] = argv[i + 1];
  }
}

std::string Flags::str(std::string_view name, std::string_view fallback) const {
  auto it = values_.find(name);
  return it == values_.end() ? std::string(fallback) : it->second;
}

int64_t Flags::num(std::string_view name, int64_t fallback) const {
  auto it = values_.find(name);
  if (it == values_.end()) return fallback;
  int64_t value = 0;
  const std::string& text = it->second;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size()) fail("not a number");
  return value;
}

void Flags::fail(std::string_view why) const {
  std::fprintf(stderr, "%.*s\nusage: %s\n", static_cast<int>(why.size()), why.data(),
               usage_.c_str());
  std::exit(2);
}

}  // namespace bench
