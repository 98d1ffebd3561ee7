#pragma once
// "did you mean ...?" for unknown names.

#include <string>
#include <string_view>
#include <vector>

namespace corothrift::idl {

// The candidate closest to `name`, if it is a plausible typo of it: one edit
// away (two for names of five letters or more) by Damerau-Levenshtein
// distance ignoring case, a different case alone being closest. Candidates
// are spelled as they would be referenced ("shared.Thing", "Color.RED"); an
// unqualified `name` is also compared with their last component. "" if none.
std::string nearest_name(std::string_view name, const std::vector<std::string>& candidates);

// "; did you mean 'X'?" or "" — to append to an "unknown ..." message.
std::string did_you_mean(std::string_view name, const std::vector<std::string>& candidates);

}  // namespace corothrift::idl
