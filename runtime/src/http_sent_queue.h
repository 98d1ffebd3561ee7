// The requests an HTTP client connection has sent and not yet seen answered,
// in the order sent: HTTP answers in that order, so a response answers the
// oldest request, and a server that closes after a response (HTTP/1.0, or
// Connection: close) has promised not to process those behind it (RFC 9112
// section 9.6), which may then be sent again on a new connection. A oneway
// keeps its bytes, since its caller returned once they were written; a call
// is sent again by its caller, who still waits. Loop thread only.
#pragma once

#include <corothrift/buffer.h>

#include <cstddef>
#include <cstdint>
#include <deque>
#include <span>
#include <utility>

namespace corothrift::detail {

struct HttpSentRequest {
  int32_t seqid = 0;
  bool oneway = false;
  WriteBuffer bytes;  // the whole request (head and body); oneways only
};

class HttpSentQueue {
 public:
  // Unacknowledged oneways kept at most: Apache's C++ THttpServer never
  // acknowledges one, so a client sending it only oneways would keep them
  // all. Beyond this the oldest is forgotten (never sent again: a loss, not
  // a duplicate, should its server then close without processing it).
  static constexpr std::size_t kMaxKeptOneways = 256;

  // `request` is kept for a oneway only.
  void sent(int32_t seqid, bool oneway, std::span<const uint8_t> request);
  // A response carrying the reply to `seqid` answers that call and the
  // oneways before it (Apache's C++ THttpServer answers none).
  void answered(int32_t seqid) noexcept;
  // An empty response acknowledges the oldest request, if it is a oneway.
  void acknowledged() noexcept;
  // Every request still unanswered, oldest first; the queue is empty after.
  std::deque<HttpSentRequest> take_unanswered() noexcept {
    oneways_ = 0;
    return std::exchange(sent_, {});
  }
  std::size_t size() const noexcept { return sent_.size(); }

 private:
  void erase_front(std::size_t n) noexcept;

  std::deque<HttpSentRequest> sent_;
  std::size_t oneways_ = 0;  // oneways in sent_
};

}  // namespace corothrift::detail
