#pragma once
// Templates as the engine gets them. A line holding only a section, partial
// or comment tag leaves no trace in the output (the mustache spec's
// "standalone" rule), which kainjow gets wrong for sections it skips, so such
// lines are reduced to the bare tag before it parses them, and a standalone
// `{{>name}}` is replaced by the text of template `name` (kainjow would parse
// a partial again at every use). kainjow also drops any whitespace-only line
// that shares a line with a section tag, so blank lines are marked with
// kBlankLine, which the caller removes from the rendered text.

#include <string>
#include <string_view>

namespace corothrift::codegen::cpp {

inline constexpr char kBlankLine = '\x01';

// `source` prepared as above (partials nest up to eight deep).
std::string strip_standalone_lines(std::string_view source);

}  // namespace corothrift::codegen::cpp
