#pragma once
// Small process-wide logging: a level filter and a sink (stderr by default).
// Both settings may be changed from any thread; messages are formatted only
// when their level passes the filter.

#include <fmt/core.h>

#include <string_view>

namespace corothrift {

enum class LogLevel { kDebug, kInfo, kWarn, kError, kOff };

// Receives each formatted message; must be callable from any thread.
using LogSink = void (*)(LogLevel, std::string_view message);

void set_log_level(LogLevel level) noexcept;
LogLevel log_level() noexcept;
// nullptr restores the stderr sink.
void set_log_sink(LogSink sink) noexcept;

namespace detail {
void log_write(LogLevel level, fmt::string_view format, fmt::format_args args);
}

template <typename... Args>
void log(LogLevel level, fmt::format_string<Args...> format, Args&&... args) {
  if (level < log_level()) return;
  detail::log_write(level, format, fmt::make_format_args(args...));
}

}  // namespace corothrift
