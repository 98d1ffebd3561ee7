// The Shapes service (test-idl/e2e/e2e.thrift) as the server target serves
// it: every method answers within a few loop turns, whatever its arguments
// (no timer, no sleep), so one input's requests all end once its bytes do.
// Declared and undeclared exceptions come from the same keys as the e2e
// handler's; slow_echo yields to the loop delay_ms % 4 times, so later
// requests decode while earlier ones are still in flight.
#pragma once

#include <memory>

#include <corothrift/processor.h>

#include "Shapes.h"

namespace corothrift::fuzz {

std::shared_ptr<Processor> make_shapes_processor();

}  // namespace corothrift::fuzz
