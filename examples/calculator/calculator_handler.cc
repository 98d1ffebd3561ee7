#include "calculator_handler.h"

#include <cstdio>
#include <string>

#include <fmt/format.h>

namespace calculator {
namespace {

// One whole line per call, even with several loop threads writing.
template <class... Args>
void log_call(fmt::format_string<Args...> format, Args&&... args) {
  std::string line = fmt::format(format, std::forward<Args>(args)...);
  line += '\n';
  std::fputs(line.c_str(), stdout);
  std::fflush(stdout);
}

[[noreturn]] void throw_invalid(tutorial::Operation op, std::string why) {
  tutorial::InvalidOperation e;
  e.whatOp = static_cast<std::int32_t>(op);
  e.why = std::move(why);
  throw e;
}

}  // namespace

std::int32_t evaluate(const tutorial::Work& w) {
  switch (w.op) {
    case tutorial::Operation::ADD:
      return w.num1 + w.num2;
    case tutorial::Operation::SUBTRACT:
      return w.num1 - w.num2;
    case tutorial::Operation::MULTIPLY:
      return w.num1 * w.num2;
    case tutorial::Operation::DIVIDE:
      if (w.num2 == 0) throw_invalid(w.op, "Cannot divide by 0");
      return w.num1 / w.num2;
  }
  throw_invalid(w.op, "Invalid Operation");
}

corothrift::Task<void> CalculatorHandler::ping() {
  log_call("ping()");
  co_return;
}

corothrift::Task<std::int32_t> CalculatorHandler::add(std::int32_t num1, std::int32_t num2) {
  log_call("add({}, {})", num1, num2);
  co_return num1 + num2;
}

corothrift::Task<std::int32_t> CalculatorHandler::calculate(std::int32_t logid,
                                                            tutorial::Work w) {
  log_call("calculate({}, {})", logid, w);
  std::int32_t value = evaluate(w);
  {
    std::lock_guard lock(mutex_);
    shared::SharedStruct entry;
    entry.key = logid;
    entry.value = std::to_string(value);
    log_[logid] = std::move(entry);
  }
  co_return value;
}

corothrift::Task<void> CalculatorHandler::zip() {
  log_call("zip()");
  co_return;
}

corothrift::Task<shared::SharedStruct> CalculatorHandler::getStruct(std::int32_t key) {
  log_call("getStruct({})", key);
  shared::SharedStruct entry;
  {
    std::lock_guard lock(mutex_);
    auto it = log_.find(key);
    if (it != log_.end()) entry = it->second;
  }
  co_return entry;
}

}  // namespace calculator
