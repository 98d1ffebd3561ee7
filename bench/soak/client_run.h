// The soak client: `connections` ClientChannels on one loop, each with
// `callers_per_connection` callers that issue calls one after another until
// the run's count is reached, each call planned by plan_call(). Every call
// ends in exactly one outcome below; a call still in flight after
// lost_after is stuck, and when only stuck calls are left the run ends
// without them (they are lost). Prints a JSON line at the start, at each
// progress sample and at the end (the counts). Loop thread only.
#pragma once

#include <corothrift/channel.h>
#include <corothrift/event_loop.h>
#include <corothrift/task.h>

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "Soak.h"  // generated from soak/soak.thrift
#include "soak/call_plan.h"

namespace soak {

struct ClientCounts {
  uint64_t sent = 0;
  uint64_t ok = 0;
  uint64_t mismatched = 0;  // a reply with another call's token or bytes
  uint64_t timeouts = 0;
  uint64_t conn_failed = 0;        // TransportError: the call's connection failed
  uint64_t clean_conn_failed = 0;  // of them, on a clean connection
  uint64_t other = 0;              // any other exception
  uint64_t stuck = 0;              // in flight longer than lost_after (ended or not)
  uint64_t lost = 0;               // never ended
  uint64_t dropped_but_ok = 0;     // the server was asked to drop, yet a reply came
  uint64_t unasked_timeouts = 0;   // TimeoutError on a call without a timeout
  uint64_t closes = 0;             // channels the client closed
  uint64_t cancels = 0;            // calls run under with_timeout
  // Oneway notes: each ends written, failed with its connection, or other.
  uint64_t notes = 0;
  uint64_t notes_sent = 0;
  uint64_t notes_conn_failed = 0;
  uint64_t notes_other = 0;
  std::atomic<uint64_t> stream_drops{0};
  std::string first_other;
};

class SoakRun {
 public:
  SoakRun(corothrift::EventLoop& loop, ClientConfig config);
  SoakRun(const SoakRun&) = delete;
  SoakRun& operator=(const SoakRun&) = delete;
  ~SoakRun();

  // All the calls, then every channel closed and the fds given time to go.
  corothrift::Task<void> run();
  const ClientCounts& counts() const noexcept { return counts_; }

 private:
  struct Caller;
  struct Lane;

  // The channels (connected by their first call) and a task per caller.
  std::vector<corothrift::Task<void>> open_lanes();
  corothrift::Task<void> caller(Lane& lane, Caller& caller);
  corothrift::Task<void> one_call(Lane& lane, Caller& caller, int64_t token);
  corothrift::Task<soak_idl::Echo> echo(Caller& caller, const CallPlan& plan, int64_t token);
  corothrift::Task<void> note(const Lane& lane, Caller& caller, const CallPlan& plan,
                              int64_t token);
  corothrift::Task<void> watchdog();
  corothrift::Task<void> wait_for_fds();
  void count_reply(const CallPlan& plan, int64_t token, const soak_idl::Echo& reply);
  void count_error(const CallPlan& plan, bool clean, std::exception_ptr error);
  void sample(const char* event);
  void print_end();
  [[noreturn]] void end_with_lost_calls();

  corothrift::EventLoop& loop_;
  ClientConfig config_;
  ClientCounts counts_;
  std::vector<std::unique_ptr<Lane>> lanes_;
  int64_t issued_ = 0;
  uint64_t completed_ = 0;
  std::size_t callers_running_ = 0;
  uint64_t baseline_fds_ = 0;
  corothrift::Clock::time_point started_;
};

}  // namespace soak
