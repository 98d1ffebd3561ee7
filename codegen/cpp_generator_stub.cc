// Placeholder until the C++ generator lands in codegen/cpp/ (then this file
// is deleted and codegen/CMakeLists.txt lists the real sources).
#include "cpp/generate.h"

namespace corothrift::codegen {

bool generate_cpp(const idl::Program& root, const CppOptions&, bool, OutputSink&,
                  idl::Diagnostics& diags) {
  diags.error({}, "C++ generation is not implemented yet (while compiling '{}')", root.path);
  return false;
}

}  // namespace corothrift::codegen
