// The Calculator service's behaviour: arithmetic, a ledger of apply() results
// readable through the inherited Ledger::lookup, and one line on stdout per
// call.
#pragma once

#include <cstdint>
#include <map>
#include <mutex>

#include "Calculator.h"

namespace calculator {

// Called from every server loop thread at once: the ledger is guarded.
class CalculatorHandler final : public calc::CalculatorHandler {
 public:
  corothrift::Task<void> ping() override;
  corothrift::Task<std::int64_t> add(std::int64_t a, std::int64_t b) override;
  corothrift::Task<std::int64_t> apply(std::int32_t id, calc::Step step) override;
  corothrift::Task<void> clear() override;
  corothrift::Task<ledger::Entry> lookup(std::int32_t id) override;

 private:
  std::mutex mutex_;
  std::map<std::int32_t, ledger::Entry> entries_;
};

// Applies step.op to step.left and step.right; throws CalcError for a
// division by zero or an operand beyond calc::MAX_OPERAND.
std::int64_t evaluate(const calc::Step& step);

}  // namespace calculator
