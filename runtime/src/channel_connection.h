// One connection of a ClientChannel: its stream, the calls waiting on it, the
// bytes queued for it, and its reader and writer coroutines (each holds a
// shared_ptr, so the connection lives until both have ended). A failure
// (peer gone, malformed reply, close()) fails every waiting call and flush at
// once and aborts the stream; the channel then opens a new connection
// for its next call. Loop thread only.
#pragma once

#include <corothrift/channel.h>
#include <corothrift/detail/transport.h>

#include <coroutine>
#include <deque>
#include <exception>
#include <memory>
#include <string>
#include <vector>

#include "detached.h"
#include "http_sent_queue.h"
#include "http_wire.h"
#include "seqid_table.h"
#include "theader.h"
#include "wire_framing.h"
#include "write_stall.h"

namespace corothrift::detail {

// What a call gets when its HTTP server closed after answering an earlier
// request, and so never processed this one: the caller sends it again.
class UnprocessedRequest : public ConnectionClosed {
 public:
  using ConnectionClosed::ConnectionClosed;
};

class ChannelConnection : public std::enable_shared_from_this<ChannelConnection>,
                          private TimerNode {
 public:
  // Owns the stream (connected, not null).
  ChannelConnection(EventLoop& loop, const ChannelOptions& options,
                    std::unique_ptr<ByteStream> stream);
  ChannelConnection(const ChannelConnection&) = delete;
  ChannelConnection& operator=(const ChannelConnection&) = delete;
  ~ChannelConnection();

  // Starts the reader and the writer.
  void start();
  // False once failed, or (HTTP) once writing failed while the reader still
  // takes the responses that had arrived.
  bool open() const noexcept { return !failure_ && !write_error_; }
  EventLoop& loop() const noexcept { return loop_; }

  // Messages are appended here by the channel, then wake_writer().
  WriteBuffer& out() noexcept { return out_; }
  void message_queued() noexcept;
  // HTTP: a request just appended to out() (its whole bytes).
  void http_request_queued(int32_t seqid, bool oneway, std::span<const uint8_t> request) {
    http_sent_.sent(seqid, oneway, request);
  }
  // HTTP: queues on `fresh` the oneways this connection's server closed
  // without processing (the calls are sent again by their callers).
  void resend_unprocessed_on(ChannelConnection& fresh);
  uint64_t queued_total() const noexcept { return queued_total_ + out_.total_size(); }
  uint64_t written_total() const noexcept { return written_total_; }

  // Registers a call whose message is queued, to time out after `timeout`
  // (0: never); completes it at once with the connection's failure if there
  // is one.
  void add(PendingCall& call, int32_t seqid, Clock::duration timeout);
  // Drops a call that finished without a reply (timeout, cancel, destroyed).
  void forget(PendingCall& call) noexcept { calls_.take(call.seqid()); }
  std::size_t pending() const noexcept { return calls_.size(); }

  void add_flush_waiter(FlushWaiter& waiter) noexcept;
  void remove_flush_waiter(FlushWaiter& waiter) noexcept;
  std::exception_ptr failure() const noexcept { return failure_; }

  // Fails everything waiting and aborts the stream; idempotent.
  void fail(std::exception_ptr error) noexcept;

 private:
  struct WriterWait {
    ChannelConnection& conn;
    bool await_ready() const noexcept { return false; }
    void await_suspend(std::coroutine_handle<> h) noexcept { conn.parked_writer_ = h; }
    void await_resume() const noexcept {}
  };

  Detached read_loop(std::shared_ptr<ChannelConnection> self);
  Detached write_loop(std::shared_ptr<ChannelConnection> self);
  // Completes the call the reply is for; returns the reply's seqid.
  int32_t handle_reply(std::span<const uint8_t> message);
  // One HTTP response: its reply, nothing for a oneway's empty one. After a
  // response that ends the connection, the requests behind it go again.
  void handle_http_response(std::span<const uint8_t> body);
  void hand_back_unanswered();
  void wake_writer() noexcept;
  void complete_flushes() noexcept;
  // The write timeout (ChannelOptions::write_timeout): a timer armed while
  // requests wait to be written, looking every half period for bytes taken.
  static void on_timer(TimerNode* node) noexcept;
  void check_write_progress() noexcept;

  EventLoop& loop_;
  Framing framing_;
  DecodeLimits limits_;
  std::string peer_;
  BufferedStream stream_;
  SeqidTable calls_;
  WriteBuffer out_;
  WriteBuffer sending_;
  uint64_t queued_total_ = 0;  // bytes moved from out_ to sending_
  // Bytes the stream has taken, counted as they go (WritevOp): flushes
  // complete by it, and the write timeout watches it.
  uint64_t written_total_ = 0;
  WriteStall write_stall_;
  std::coroutine_handle<> parked_writer_;
  FlushWaiter* flush_head_ = nullptr;
  FlushWaiter* flush_tail_ = nullptr;
  std::exception_ptr failure_;
  // The THeader reply being handled, and its payload when inflated.
  HeaderFrame header_;
  std::vector<uint8_t> inflated_;
  // The HTTP response being handled, and its body when it came chunked.
  HttpMessage http_;
  std::vector<uint8_t> dechunked_;
  HttpSentQueue http_sent_;
  // Oneways the server closed without processing, for the next connection.
  std::deque<HttpSentRequest> unprocessed_oneways_;
  // Why the HTTP writer stopped (the reader still takes what was answered);
  // set only there: every other wire fails the connection at once.
  std::exception_ptr write_error_;
};

}  // namespace corothrift::detail
