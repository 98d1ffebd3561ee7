#include "http_sent_queue.h"

#include <algorithm>

namespace corothrift::detail {

void HttpSentQueue::sent(int32_t seqid, bool oneway, std::span<const uint8_t> request) {
  HttpSentRequest& entry = sent_.emplace_back();
  entry.seqid = seqid;
  entry.oneway = oneway;
  if (!oneway) return;
  entry.bytes.append(request);
  if (++oneways_ > kMaxKeptOneways) {
    sent_.erase(std::find_if(sent_.begin(), sent_.end(),
                             [](const HttpSentRequest& r) { return r.oneway; }));
    --oneways_;
  }
}

void HttpSentQueue::erase_front(std::size_t n) noexcept {
  for (std::size_t i = 0; i < n; ++i) {
    if (sent_.front().oneway) --oneways_;
    sent_.pop_front();
  }
}

void HttpSentQueue::answered(int32_t seqid) noexcept {
  auto it = std::find_if(sent_.begin(), sent_.end(), [seqid](const HttpSentRequest& r) {
    return !r.oneway && r.seqid == seqid;
  });
  // A reply to no request of ours answers nothing.
  if (it != sent_.end()) erase_front(static_cast<std::size_t>(it - sent_.begin()) + 1);
}

void HttpSentQueue::acknowledged() noexcept {
  if (!sent_.empty() && sent_.front().oneway) erase_front(1);
}

}  // namespace corothrift::detail
