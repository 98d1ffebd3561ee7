#pragma once
// The model of `<Service>.h` / `<Service>.cpp`: handler, client, sync
// client, processor, and the args/result structs of each method.

#include <string>

#include "corothrift/idl/ast.h"
#include "names.h"
#include "view.h"

namespace corothrift::codegen::cpp {

View service_view(const idl::Service& service, const Naming& naming = {});

std::string service_header_name(const idl::Service& service);
std::string service_source_name(const idl::Service& service);

}  // namespace corothrift::codegen::cpp
