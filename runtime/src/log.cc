#include <corothrift/log.h>

#include <atomic>
#include <cstdio>

namespace corothrift {
namespace {

std::atomic<LogLevel> g_level{LogLevel::kInfo};
std::atomic<LogSink> g_sink{nullptr};

const char* level_name(LogLevel level) {
  switch (level) {
    case LogLevel::kDebug:
      return "debug";
    case LogLevel::kInfo:
      return "info";
    case LogLevel::kWarn:
      return "warn";
    case LogLevel::kError:
      return "error";
    case LogLevel::kOff:
      break;
  }
  return "off";
}

void stderr_sink(LogLevel level, std::string_view message) {
  fmt::print(stderr, "corothrift {}: {}\n", level_name(level), message);
}

}  // namespace

void set_log_level(LogLevel level) noexcept { g_level.store(level, std::memory_order_relaxed); }
LogLevel log_level() noexcept { return g_level.load(std::memory_order_relaxed); }
void set_log_sink(LogSink sink) noexcept { g_sink.store(sink, std::memory_order_release); }

namespace detail {
void log_write(LogLevel level, fmt::string_view format, fmt::format_args args) {
  std::string message = fmt::vformat(format, args);
  LogSink sink = g_sink.load(std::memory_order_acquire);
  (sink ? sink : &stderr_sink)(level, message);
}
}  // namespace detail

}  // namespace corothrift
