#include "soak/client_run.h"

#include <corothrift/errors.h>
#include <corothrift/sync_wait.h>
#include <corothrift/timeout.h>
#include <corothrift/timer.h>
#include <corothrift/when_all.h>

#include <unistd.h>

#include <cstdio>
#include <exception>
#include <utility>

#include "soak/chaos_stream.h"
#include "soak/log_counter.h"
#include "soak/payload.h"
#include "soak/proc_stats.h"

namespace soak {
namespace {

using std::chrono::milliseconds;

// Passes calls on to a connection with the timeout its one caller chose for
// its next call. Each caller has its own, so no other call can take it.
class TimeoutChannel final : public corothrift::Channel {
 public:
  explicit TimeoutChannel(std::shared_ptr<corothrift::Channel> next) : next_(std::move(next)) {}
  void set_timeout(milliseconds timeout) noexcept { timeout_ = timeout; }

  corothrift::Task<void> request_response(corothrift::OutgoingRequest request,
                                          corothrift::ReplyDecoder reply,
                                          corothrift::CallOptions options) override {
    options.timeout = timeout_;
    co_await next_->request_response(request, reply, std::move(options));
  }
  corothrift::Task<void> request_oneway(corothrift::OutgoingRequest request,
                                        corothrift::CallOptions options) override {
    co_await next_->request_oneway(request, std::move(options));
  }
  corothrift::EventLoop& loop() const noexcept override { return next_->loop(); }

 private:
  std::shared_ptr<corothrift::Channel> next_;
  milliseconds timeout_{0};
};

constexpr milliseconds kWatchdogPeriod{200};
constexpr milliseconds kFdPollPeriod{10};
constexpr int kFdPolls = 500;  // 5 s for the last connections to close

unsigned long long ull(uint64_t v) { return static_cast<unsigned long long>(v); }

// `text` fit for a JSON string: quotes, backslashes and control bytes become '.
std::string json_text(std::string text) {
  for (char& ch : text) {
    if (ch == '"' || ch == '\\' || static_cast<unsigned char>(ch) < 0x20) ch = '\'';
  }
  return text;
}

}  // namespace

struct SoakRun::Caller {
  explicit Caller(std::shared_ptr<corothrift::ClientChannel> connection)
      : channel(std::make_shared<TimeoutChannel>(std::move(connection))), client(channel) {}
  std::shared_ptr<TimeoutChannel> channel;
  soak_idl::SoakClient client;
  int64_t token = 0;  // of the call in flight; 0: none
  corothrift::Clock::time_point since{};
  bool stuck = false;
};

struct SoakRun::Lane {
  std::shared_ptr<corothrift::ClientChannel> channel;
  bool clean = false;
  std::vector<std::unique_ptr<Caller>> callers;
};

SoakRun::SoakRun(corothrift::EventLoop& loop, ClientConfig config) : loop_(loop), config_(config) {}

SoakRun::~SoakRun() = default;

corothrift::Task<void> SoakRun::run() {
  baseline_fds_ = fd_count();
  sample("start");
  started_ = loop_.now();
  std::vector<corothrift::Task<void>> tasks = open_lanes();
  callers_running_ = tasks.size();
  tasks.push_back(watchdog());
  co_await corothrift::when_all(std::move(tasks));
  // Callers hold their connection through their TimeoutChannel: all go.
  for (auto& lane : lanes_) lane->channel->close();
  lanes_.clear();
  co_await wait_for_fds();
  print_end();
}

std::vector<corothrift::Task<void>> SoakRun::open_lanes() {
  corothrift::ChannelOptions options;
  options.transport = config_.transport;
  options.protocol = config_.protocol;
  corothrift::ChannelOptions clean_options = options;
  options.wrap_stream =
      ChaosStream::wrapper(config_.chaos_bytes, mix(config_.seed), counts_.stream_drops);
  auto address = corothrift::Address::ipv4("127.0.0.1", config_.port);
  auto clean_address = corothrift::Address::ipv4("127.0.0.1", config_.clean_port);
  std::vector<corothrift::Task<void>> tasks;
  for (std::size_t i = 0; i < config_.connections; ++i) {
    auto lane = std::make_unique<Lane>();
    lane->clean = i < config_.clean_connections;
    lane->channel = std::make_shared<corothrift::ClientChannel>(
        loop_, lane->clean ? clean_address : address, lane->clean ? clean_options : options);
    for (std::size_t j = 0; j < config_.callers_per_connection; ++j) {
      lane->callers.push_back(std::make_unique<Caller>(lane->channel));
      tasks.push_back(caller(*lane, *lane->callers.back()));
    }
    lanes_.push_back(std::move(lane));
  }
  return tasks;
}

corothrift::Task<void> SoakRun::caller(Lane& lane, Caller& self) {
  while (issued_ < static_cast<int64_t>(config_.calls)) {
    int64_t token = ++issued_;
    co_await one_call(lane, self, token);
    if (++completed_ % (config_.calls / config_.samples + 1) == 0) sample("progress");
  }
  --callers_running_;
}

corothrift::Task<void> SoakRun::one_call(Lane& lane, Caller& self, int64_t token) {
  const CallPlan plan = plan_call(config_, token, lane.clean);
  if (plan.close_first && lane.channel->connected()) {
    ++counts_.closes;
    lane.channel->close();
  }
  self.token = token;
  self.since = loop_.now();
  if (plan.note_first) co_await note(lane, self, plan, token);
  ++counts_.sent;
  std::exception_ptr error;
  try {
    soak_idl::Echo reply = co_await echo(self, plan, token);
    count_reply(plan, token, reply);
  } catch (...) {
    error = std::current_exception();
  }
  if (error) count_error(plan, lane.clean, error);
  self.token = 0;
  self.stuck = false;
}

corothrift::Task<soak_idl::Echo> SoakRun::echo(Caller& self, const CallPlan& plan, int64_t token) {
  soak_idl::Echo request{token, payload_for(token, plan.payload_bytes)};
  self.channel->set_timeout(plan.timeout);
  if (plan.cancel_after.count() == 0) {
    co_return co_await self.client.echo(std::move(request), plan.delay_ms, plan.drop);
  }
  ++counts_.cancels;
  co_return co_await corothrift::with_timeout(
      loop_, plan.cancel_after, self.client.echo(std::move(request), plan.delay_ms, plan.drop));
}

corothrift::Task<void> SoakRun::note(const Lane& lane, Caller& self, const CallPlan& plan,
                                     int64_t token) {
  ++counts_.notes;
  soak_idl::Echo request{token, payload_for(token, plan.payload_bytes)};
  try {
    co_await self.client.note(std::move(request));
    ++counts_.notes_sent;
  } catch (const corothrift::TransportError&) {
    ++counts_.notes_conn_failed;
    if (lane.clean) ++counts_.clean_conn_failed;
  } catch (const std::exception& e) {
    if (counts_.notes_other++ == 0 && counts_.other == 0) counts_.first_other = e.what();
  }
}

void SoakRun::count_reply(const CallPlan& plan, int64_t token, const soak_idl::Echo& reply) {
  if (reply.token != token || reply.payload.size() != plan.payload_bytes ||
      !payload_matches(token, reply.payload)) {
    ++counts_.mismatched;
    return;
  }
  ++counts_.ok;
  if (plan.drop) ++counts_.dropped_but_ok;
}

void SoakRun::count_error(const CallPlan& plan, bool clean, std::exception_ptr error) {
  try {
    std::rethrow_exception(error);
  } catch (const corothrift::TimeoutError&) {
    ++counts_.timeouts;
    if (plan.timeout.count() == 0 && plan.cancel_after.count() == 0) ++counts_.unasked_timeouts;
  } catch (const corothrift::TransportError&) {
    ++counts_.conn_failed;
    if (clean) ++counts_.clean_conn_failed;
  } catch (const std::exception& e) {
    if (counts_.other++ == 0) counts_.first_other = e.what();
  }
}

corothrift::Task<void> SoakRun::watchdog() {
  while (callers_running_ > 0) {
    co_await corothrift::sleep_for(loop_, kWatchdogPeriod);
    std::size_t stuck_now = 0;
    for (auto& lane : lanes_) {
      for (auto& c : lane->callers) {
        if (c->token == 0 || loop_.now() - c->since <= config_.lost_after) continue;
        if (!c->stuck) ++counts_.stuck;
        c->stuck = true;
        ++stuck_now;
      }
    }
    // Every caller left waits on a call that does not end: the run cannot.
    if (stuck_now > 0 && stuck_now == callers_running_) end_with_lost_calls();
  }
}

void SoakRun::end_with_lost_calls() {
  counts_.lost = counts_.sent - counts_.ok - counts_.mismatched - counts_.timeouts -
                 counts_.conn_failed - counts_.other;
  print_end();
  // The stuck calls cannot be unwound: leave without destructors.
  ::_exit(3);
}

corothrift::Task<void> SoakRun::wait_for_fds() {
  for (int i = 0; i < kFdPolls && fd_count() > baseline_fds_; ++i) {
    co_await corothrift::sleep_for(loop_, kFdPollPeriod);
  }
}

void SoakRun::sample(const char* event) {
  std::printf("{\"event\": \"%s\", \"done\": %llu, \"rss_kib\": %llu, \"fds\": %llu}\n", event,
              ull(completed_), ull(rss_kib()), ull(fd_count()));
  std::fflush(stdout);
}

void SoakRun::print_end() {
  const ClientCounts& c = counts_;
  double seconds = std::chrono::duration<double>(loop_.now() - started_).count();
  std::printf(
      "{\"event\": \"end\", \"seconds\": %.3f, \"sent\": %llu, \"ok\": %llu, \"mismatched\": %llu, "
      "\"timeouts\": %llu, \"conn_failed\": %llu, \"clean_conn_failed\": %llu, \"other\": %llu, "
      "\"stuck\": %llu, "
      "\"lost\": %llu, \"dropped_but_ok\": %llu, \"unasked_timeouts\": %llu, \"closes\": %llu, "
      "\"cancels\": %llu, \"notes\": %llu, \"notes_sent\": %llu, "
      "\"notes_conn_failed\": %llu, \"notes_other\": %llu, "
      "\"stream_drops\": %llu, \"baseline_fds\": %llu, \"final_fds\": %llu, \"rss_kib\": %llu, "
      "\"log_warnings\": %llu, \"log_errors\": %llu, \"first_other\": \"%s\"}\n",
      seconds, ull(c.sent), ull(c.ok), ull(c.mismatched), ull(c.timeouts), ull(c.conn_failed),
      ull(c.clean_conn_failed), ull(c.other), ull(c.stuck), ull(c.lost), ull(c.dropped_but_ok),
      ull(c.unasked_timeouts), ull(c.closes), ull(c.cancels), ull(c.notes), ull(c.notes_sent),
      ull(c.notes_conn_failed), ull(c.notes_other), ull(c.stream_drops.load()), ull(baseline_fds_),
      ull(fd_count()), ull(rss_kib()), ull(logged_warnings()), ull(logged_errors()),
      json_text(c.first_other).c_str());
  std::fflush(stdout);
}

}  // namespace soak
