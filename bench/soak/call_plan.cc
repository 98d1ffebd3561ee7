#include "soak/call_plan.h"

#include "soak/payload.h"

namespace soak {
namespace {

// Successive independent draws for one call.
class Draws {
 public:
  explicit Draws(uint64_t state) noexcept : state_(state) {}
  uint64_t next() noexcept { return state_ = mix(state_); }
  // True once in `every` draws on average; never for 0.
  bool one_in(uint64_t every) noexcept { return every != 0 && next() % every == 0; }
  uint64_t upto(uint64_t max) noexcept { return next() % (max + 1); }

 private:
  uint64_t state_;
};

constexpr std::size_t kLargePayloadEvery = 200;
constexpr std::size_t kLargePayloadMax = 64 * 1024;
constexpr int32_t kMinTimeoutMs = 5;

}  // namespace

CallPlan plan_call(const ClientConfig& config, int64_t token, bool clean) noexcept {
  Draws draw(config.seed ^ mix(static_cast<uint64_t>(token)));
  CallPlan plan;
  std::size_t max_payload = draw.one_in(kLargePayloadEvery) ? kLargePayloadMax : config.max_payload;
  plan.payload_bytes = draw.upto(max_payload);
  if (draw.one_in(config.delay_every)) {
    plan.delay_ms =
        1 + static_cast<int32_t>(draw.upto(static_cast<uint64_t>(config.max_delay_ms - 1)));
  }
  if (!draw.one_in(4)) {
    auto span = static_cast<uint64_t>(config.max_timeout_ms - kMinTimeoutMs);
    plan.timeout = std::chrono::milliseconds(kMinTimeoutMs + static_cast<int64_t>(draw.upto(span)));
  }
  if (draw.one_in(config.cancel_every)) {
    auto span = static_cast<uint64_t>(config.max_timeout_ms - 1);
    plan.cancel_after = std::chrono::milliseconds(1 + static_cast<int64_t>(draw.upto(span)));
  }
  plan.note_first = draw.one_in(config.note_every);
  plan.drop = !clean && draw.one_in(config.drop_every);
  plan.close_first = !clean && draw.one_in(config.close_every);
  return plan;
}

}  // namespace soak
