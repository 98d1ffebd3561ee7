// One connection of a ClientChannel: its stream, the calls waiting on it, the
// bytes queued for it, and its reader and writer coroutines (each holds a
// shared_ptr, so the connection lives until both have ended). A failure
// (peer gone, malformed reply, close()) fails every waiting call and flush at
// once and aborts the stream; the channel then opens a new connection
// for its next call. Loop thread only.
#pragma once

#include <corothrift/channel.h>
#include <corothrift/transport.h>

#include <coroutine>
#include <exception>
#include <memory>
#include <string>
#include <vector>

#include "detached.h"
#include "http_wire.h"
#include "seqid_table.h"
#include "theader.h"
#include "wire_framing.h"

namespace corothrift::detail {

class ChannelConnection : public std::enable_shared_from_this<ChannelConnection> {
 public:
  // Owns the stream (connected, not null).
  ChannelConnection(EventLoop& loop, const ChannelOptions& options,
                    std::unique_ptr<ByteStream> stream);
  ChannelConnection(const ChannelConnection&) = delete;
  ChannelConnection& operator=(const ChannelConnection&) = delete;

  // Starts the reader and the writer.
  void start();
  bool open() const noexcept { return !failure_; }
  EventLoop& loop() const noexcept { return loop_; }

  // Messages are appended here by the channel, then wake_writer().
  WriteBuffer& out() noexcept { return out_; }
  void message_queued() noexcept;
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
  void handle_reply(std::span<const uint8_t> message);
  // One HTTP response: its reply, nothing for a oneway's empty one; a
  // response that ends the connection fails the calls still waiting.
  void handle_http_response(std::span<const uint8_t> body);
  void wake_writer() noexcept;
  void complete_flushes() noexcept;

  EventLoop& loop_;
  Framing framing_;
  DecodeLimits limits_;
  std::string peer_;
  BufferedStream stream_;
  SeqidTable calls_;
  WriteBuffer out_;
  WriteBuffer sending_;
  uint64_t queued_total_ = 0;  // bytes moved from out_ to sending_
  uint64_t written_total_ = 0;
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
};

}  // namespace corothrift::detail
