#include <malloc.h>

#include <iostream>

#include "driver.h"

int main(int argc, char** argv) {
  // The compiler builds and frees many small trees (parse tree, AST, template
  // views); with glibc's fastbins every larger allocation first consolidates
  // them, which was a seventh of generating a large IDL. Off: -8 % CPU.
  mallopt(M_MXFAST, 0);
  corothrift::idl::FileSourceProvider sources;
  corothrift::codegen::FileOutputSink outputs("");
  return corothrift::codegen::run(argc, argv, sources, outputs, std::cout, std::cerr);
}
