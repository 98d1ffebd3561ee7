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

[[noreturn]] void refuse(calc::Op op, std::string reason) {
  calc::CalcError e;
  e.op = op;
  e.reason = std::move(reason);
  throw e;
}

bool in_range(std::int64_t operand) {
  return operand >= -calc::MAX_OPERAND && operand <= calc::MAX_OPERAND;
}

}  // namespace

std::int64_t evaluate(const calc::Step& step) {
  if (!in_range(step.left) || !in_range(step.right)) {
    refuse(step.op, fmt::format("operands are limited to +/-{}", calc::MAX_OPERAND));
  }
  switch (step.op) {
    case calc::Op::PLUS:
      return step.left + step.right;
    case calc::Op::MINUS:
      return step.left - step.right;
    case calc::Op::TIMES:
      return step.left * step.right;
    case calc::Op::DIVIDE:
      if (step.right == 0) refuse(step.op, "division by zero");
      return step.left / step.right;
  }
  refuse(step.op, "unknown operation");
}

corothrift::Task<void> CalculatorHandler::ping() {
  log_call("ping()");
  co_return;
}

corothrift::Task<std::int64_t> CalculatorHandler::add(std::int64_t a, std::int64_t b) {
  log_call("add({}, {})", a, b);
  co_return a + b;
}

corothrift::Task<std::int64_t> CalculatorHandler::apply(std::int32_t id, calc::Step step) {
  log_call("apply({}, {})", id, step);
  std::int64_t result = evaluate(step);
  ledger::Entry entry;
  entry.id = id;
  entry.result = result;
  entry.expression = fmt::format("{} {} {}", step.left, calc::SYMBOLS.at(step.op), step.right);
  {
    std::lock_guard lock(mutex_);
    entries_[id] = std::move(entry);
  }
  co_return result;
}

corothrift::Task<void> CalculatorHandler::clear() {
  log_call("clear()");
  std::lock_guard lock(mutex_);
  entries_.clear();
  co_return;
}

corothrift::Task<ledger::Entry> CalculatorHandler::lookup(std::int32_t id) {
  log_call("lookup({})", id);
  ledger::Entry entry;
  {
    std::lock_guard lock(mutex_);
    auto it = entries_.find(id);
    if (it != entries_.end()) entry = it->second;
  }
  co_return entry;
}

}  // namespace calculator
