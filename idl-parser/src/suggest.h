#pragma once
// "did you mean ...?" for unknown names.

#include <string>
#include <string_view>
#include <vector>

namespace corothrift::idl {

// The candidate closest to `name` by edit distance (case differences count
// half), if it is close enough to be a plausible typo; "" otherwise.
std::string nearest_name(std::string_view name, const std::vector<std::string>& candidates);

// "; did you mean 'X'?" or "" — to append to an "unknown ..." message.
std::string did_you_mean(std::string_view name, const std::vector<std::string>& candidates);

}  // namespace corothrift::idl
