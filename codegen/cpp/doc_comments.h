#pragma once
// IDL doc comments as C++ comment lines.

#include <string>

#include "view.h"

namespace corothrift::codegen::cpp {

// A list of "// text" lines (blank edge lines dropped, trailing spaces trimmed).
View doc_lines(const std::string& doc);

}  // namespace corothrift::codegen::cpp
