#include "soak/log_counter.h"

#include <corothrift/log.h>

#include <atomic>
#include <cstdio>
#include <string_view>

namespace soak {
namespace {

std::atomic<uint64_t> warnings{0};
std::atomic<uint64_t> errors{0};
constexpr uint64_t kErrorsPrinted = 5;

void sink(corothrift::LogLevel level, std::string_view message) {
  if (level < corothrift::LogLevel::kError) {
    warnings.fetch_add(1, std::memory_order_relaxed);
    return;
  }
  if (errors.fetch_add(1, std::memory_order_relaxed) < kErrorsPrinted) {
    std::fprintf(stderr, "runtime error log: %.*s\n", static_cast<int>(message.size()),
                 message.data());
  }
}

}  // namespace

void count_runtime_logs() {
  corothrift::set_log_level(corothrift::LogLevel::kWarn);
  corothrift::set_log_sink(&sink);
}

uint64_t logged_warnings() { return warnings.load(); }
uint64_t logged_errors() { return errors.load(); }

}  // namespace soak
