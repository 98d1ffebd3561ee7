#include "doc_comments.h"

#include <vector>

namespace corothrift::codegen::cpp {

View doc_lines(const std::string& doc) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  while (start <= doc.size()) {
    std::size_t end = doc.find('\n', start);
    if (end == std::string::npos) end = doc.size();
    std::string line = doc.substr(start, end - start);
    while (!line.empty() && (line.back() == ' ' || line.back() == '\t' || line.back() == '\r')) {
      line.pop_back();
    }
    lines.push_back(line);
    start = end + 1;
  }
  while (!lines.empty() && lines.back().empty()) lines.pop_back();
  std::size_t first = 0;
  while (first < lines.size() && lines[first].empty()) ++first;
  View out = View::list();
  for (std::size_t i = first; i < lines.size(); ++i) {
    out.push(View::text(lines[i].empty() ? "//" : "// " + lines[i]));
  }
  return out;
}

}  // namespace corothrift::codegen::cpp
