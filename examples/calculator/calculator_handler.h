// The Calculator service's behaviour: arithmetic, a log of calculate() results
// readable through the inherited SharedService::getStruct, and one line on
// stdout per call.
#pragma once

#include <cstdint>
#include <map>
#include <mutex>

#include "Calculator.h"

namespace calculator {

// Called from every server loop thread at once: the log is guarded.
class CalculatorHandler final : public tutorial::CalculatorHandler {
 public:
  corothrift::Task<void> ping() override;
  corothrift::Task<std::int32_t> add(std::int32_t num1, std::int32_t num2) override;
  corothrift::Task<std::int32_t> calculate(std::int32_t logid, tutorial::Work w) override;
  corothrift::Task<void> zip() override;
  corothrift::Task<shared::SharedStruct> getStruct(std::int32_t key) override;

 private:
  std::mutex mutex_;
  std::map<std::int32_t, shared::SharedStruct> log_;
};

// Applies w.op to w.num1 and w.num2; throws InvalidOperation for a division by
// zero or an unknown operation.
std::int32_t evaluate(const tutorial::Work& w);

}  // namespace calculator
