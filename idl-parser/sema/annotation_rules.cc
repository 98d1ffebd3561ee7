#include <map>
#include <string_view>

#include "rules.h"
#include "walk.h"

namespace corothrift::idl::sema {

// Annotations::find() takes the last one, so an earlier duplicate is dead.
void check_duplicate_annotations(const Program& program, Diagnostics& diags) {
  for_each_annotations(program, [&](const Annotations& annotations) {
    std::map<std::string_view, const Annotation*> first;
    for (const Annotation& annotation : annotations.items) {
      auto [it, inserted] = first.emplace(annotation.key, &annotation);
      if (inserted) continue;
      diags.warning(annotation.range, "annotation '{}' is given twice; the last one is used",
                    annotation.key);
      diags.note(it->second->range, "'{}' was first given here", annotation.key);
    }
  });
}

}  // namespace corothrift::idl::sema
