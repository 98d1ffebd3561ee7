// The responses of one HTTP connection's pipelined requests, in request
// order. HTTP/1.1 answers requests in the order they came, yet the server
// runs them at once (a slow call must not hold up the dispatch of the next
// ones): each request writes its response into a slot of its own, and a
// slot's bytes move to the connection's sink once every earlier slot's have.
// Loop thread only.
#pragma once

#include <corothrift/processor.h>

#include <cstddef>
#include <deque>
#include <optional>

namespace corothrift::detail {

class HttpReplyOrder {
 public:
  // `target` is the connection's sink; its on_reply is called whenever
  // responses have moved into it. It must outlive this object.
  explicit HttpReplyOrder(ReplySink& target) noexcept : target_(target) {}
  HttpReplyOrder(const HttpReplyOrder&) = delete;
  HttpReplyOrder& operator=(const HttpReplyOrder&) = delete;

  // A sink for the next request's response: a request's reply completes it
  // (through on_reply). Valid until finish(slot).
  ReplySink& open();
  // What `slot` holds is its whole response (a oneway's acknowledgement, an
  // error, or nothing at all when the client expects none).
  void complete(ReplySink& slot);
  // The request behind `slot` has ended. One that ended without completing
  // (a malformed request; the connection is closing) holds back every later
  // response for good: a client pairs responses with requests by order.
  void finish(ReplySink& slot);

  // Bytes of complete responses waiting for an earlier one.
  std::size_t held_bytes() const noexcept { return held_bytes_; }
  // Slots not yet finished or not yet released (for tests).
  std::size_t slots() const noexcept { return slots_ ? slots_->size() : 0; }

 private:
  struct Slot : ReplySink {
    HttpReplyOrder* order = nullptr;
    bool complete = false;
    bool finished = false;
  };
  static void on_slot_reply(ReplySink* slot) noexcept;
  // Moves complete responses at the front to the target, in order.
  void release() noexcept;

  ReplySink& target_;
  // A deque: slots are added at the back and removed at the front only, so
  // the address a request holds stays valid. Made by the first request and
  // dropped when its last slot goes: an empty std::deque still holds ~600
  // bytes, and every server connection (HTTP or not) has one of these.
  std::optional<std::deque<Slot>> slots_;
  std::size_t released_ = 0;  // slots at the front whose bytes have gone out
  std::size_t held_bytes_ = 0;
  bool stalled_ = false;
};

}  // namespace corothrift::detail
