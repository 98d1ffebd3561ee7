// A log sink for the soak programs: the runtime logs every connection the
// soak drops (thousands), so warnings are counted, not printed; errors (an
// exception that escaped a detached task) are printed, the first few only,
// and counted, since a clean run has none.
#pragma once

#include <cstdint>

namespace soak {

// Installs the sink (process-wide, any thread).
void count_runtime_logs();
uint64_t logged_warnings();
uint64_t logged_errors();

}  // namespace soak
