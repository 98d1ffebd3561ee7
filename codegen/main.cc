#include <iostream>

#include "driver.h"

int main(int argc, char** argv) {
  corothrift::idl::FileSourceProvider sources;
  corothrift::codegen::FileOutputSink outputs("");
  return corothrift::codegen::run(argc, argv, sources, outputs, std::cout, std::cerr);
}
