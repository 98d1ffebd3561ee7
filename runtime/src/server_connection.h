// One accepted connection of a Server: a reader coroutine that finds messages
// and starts a request coroutine for each, a writer coroutine that sends the
// replies queued in the connection's ReplySink, and a timer for the idle,
// frame-read and write timeouts. Reference counted (reader, writer and each
// request hold a reference), so it lives until all of them have ended,
// however the connection closes. Loop thread only.
#pragma once

#include <corothrift/detail/transport.h>
#include <corothrift/log.h>
#include <corothrift/processor.h>
#include <corothrift/server_options.h>

#include <coroutine>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "detached.h"
#include "http_reply_order.h"
#include "http_wire.h"
#include "theader.h"
#include "wire_framing.h"
#include "write_stall.h"

namespace corothrift::detail {

class ServerWorker;

class ServerConnection : private ReplySink, private TimerNode {
 public:
  // Takes over a connected stream (not null; already counted in the
  // server's connections) and starts serving it; failures are logged.
  static void start(ServerWorker& worker, std::unique_ptr<ByteStream> stream) noexcept;

  // Graceful: reads no more requests, sends the replies of those in flight,
  // then closes.
  void drain() noexcept;
  // Closes now, logging `reason`; requests still running finish, and their
  // replies are dropped.
  void abort(std::string_view reason, LogLevel level = LogLevel::kWarn) noexcept;

  // The worker's list of its connections.
  ServerConnection* prev = nullptr;
  ServerConnection* next = nullptr;

 private:
  class Ref {
   public:
    explicit Ref(ServerConnection* conn) noexcept : conn_(conn) { conn_->retain(); }
    Ref(const Ref& other) noexcept : Ref(other.conn_) {}
    Ref& operator=(const Ref&) = delete;
    ~Ref() { conn_->release(); }

   private:
    ServerConnection* conn_;
  };
  struct Park {
    std::coroutine_handle<>& slot;
    bool await_ready() const noexcept { return false; }
    void await_suspend(std::coroutine_handle<> h) noexcept { slot = h; }
    void await_resume() const noexcept {}
  };

  ServerConnection(ServerWorker& worker, std::unique_ptr<ByteStream> stream);
  ~ServerConnection();
  void retain() noexcept { ++refs_; }
  // Never inlined: g++ 12's -Wuse-after-free cannot see that a count taken
  // by a copied Ref keeps the object alive.
  [[gnu::noinline]] void release() noexcept;

  Detached read_loop(Ref self);
  Detached write_loop(Ref self);
  // `sink` takes the reply: the connection itself, or an HTTP request's slot.
  Detached run_request(Ref self, std::span<const uint8_t> message, ReplySink& sink);
  void dispatch(std::span<const uint8_t> message);
  // The next request's message in the stream's bytes (consumed 0: more
  // bytes needed); decodes THeader frames and HTTP requests.
  NextMessage next_request(std::span<const uint8_t> bytes);
  // Called once an HTTP request's message type is known.
  void start_http_exchange(ReplySink& slot, bool oneway);
  bool is_http() const noexcept { return framing_ && framing_->transport == TransportKind::Http; }
  // Malformed input: reads nothing more, logs why, and closes once the
  // replies already due are out.
  void stop_reading(std::string_view reason) noexcept;
  void finish_request() noexcept;
  // Sends the queued replies now when the writer is idle (one syscall, no
  // coroutine switch); what does not fit is left to the writer.
  void flush_now() noexcept;
  bool has_capacity() const noexcept;
  void reading_ended() noexcept;
  void wake(std::coroutine_handle<>& slot) noexcept;
  void touch() noexcept;
  static void on_reply_queued(ReplySink* sink) noexcept;
  // The idle, frame-read and write timeouts share one timer
  // (server_timeouts.cc).
  bool timers_wanted() const noexcept;
  static void on_timer(TimerNode* node) noexcept;
  void check_timeouts() noexcept;
  bool idle() const noexcept;
  // Replies (whole or in part) wait to be written.
  bool output_waiting() const noexcept;
  // The write timeout's part of check_timeouts: false when it closed the
  // connection; otherwise lowers `next` to when it must look again.
  bool check_write_progress(Clock::time_point now, Clock::time_point& next) noexcept;
  // The reader is about to wait for more bytes of the stream.
  void waiting_for_bytes() noexcept;
  // Notes that a message has started arriving (bytes of it are buffered and
  // the reader waits for the rest), if not noted for it already.
  void note_partial_message(Clock::time_point now) noexcept;

  ServerWorker& worker_;
  EventLoop& loop_;
  const ServerOptions& options_;
  std::string peer_;
  BufferedStream stream_;
  std::optional<Framing> framing_;
  // The THeader frame being dispatched, and its payload when inflated.
  HeaderFrame header_;
  std::vector<uint8_t> inflated_;
  // The HTTP request being dispatched, and its body when it came chunked.
  HttpMessage http_;
  std::vector<uint8_t> dechunked_;
  // HTTP requests run at once; their responses go out in request order.
  HttpReplyOrder http_order_{*this};
  WriteBuffer sending_;
  std::size_t sent_ = 0;  // bytes of sending_ already written by flush_now
  int refs_ = 0;
  std::size_t inflight_ = 0;
  bool reading_ = true;
  bool draining_ = false;
  bool closed_ = false;
  bool writer_done_ = false;
  bool dispatching_ = false;
  std::coroutine_handle<> parked_reader_;
  std::coroutine_handle<> parked_writer_;
  // The request being started by dispatch(), until it first suspends.
  ServerRequest* starting_ = nullptr;
  CancelScope read_scope_;
  Clock::time_point last_activity_;
  // Bytes received (consumed_ plus what is buffered) when the idle timer
  // last looked: a change since then is activity.
  uint64_t consumed_ = 0;
  uint64_t received_at_tick_ = 0;
  // The reader waits for bytes of the stream (not for room of its own).
  bool awaiting_bytes_ = false;
  // When the message now arriving was first seen, and consumed_ then (it
  // names the message: kNoMessage when none is arriving).
  static constexpr uint64_t kNoMessage = ~uint64_t{0};
  Clock::time_point message_seen_{};
  uint64_t message_at_ = kNoMessage;
  // Reply bytes the stream has taken (flush_now's and the writer's), for the
  // write timeout.
  uint64_t written_ = 0;
  // written_ when the writer's write of sending_ (after sent_) began.
  uint64_t written_at_send_ = 0;
  WriteStall write_stall_;
};

}  // namespace corothrift::detail
