// Helpers shared by the protocol tests: build expected byte strings and
// encode with a writer in one expression.
#pragma once

#include <corothrift/protocol.h>

#include <cstdint>
#include <initializer_list>
#include <string_view>
#include <vector>

namespace corothrift::testing {

using Bytes = std::vector<uint8_t>;

inline Bytes bytes(std::initializer_list<int> values) {
  Bytes out;
  for (int v : values) out.push_back(static_cast<uint8_t>(v));
  return out;
}

inline Bytes operator+(Bytes a, const Bytes& b) {
  a.insert(a.end(), b.begin(), b.end());
  return a;
}

inline Bytes text(std::string_view s) { return Bytes(s.begin(), s.end()); }

template <class Writer, class F>
Bytes encode(F&& f) {
  WriteBuffer out;
  Writer w(out);
  f(w);
  return Bytes(out.data(), out.data() + out.size());
}

}  // namespace corothrift::testing
