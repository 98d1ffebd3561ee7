#include "http_sent_queue.h"

#include <algorithm>

namespace corothrift::detail {

void HttpSentQueue::sent(int32_t seqid, bool oneway, std::span<const uint8_t> request) {
  HttpSentRequest& entry = sent_.emplace_back();
  entry.seqid = seqid;
  entry.oneway = oneway;
  if (oneway) entry.bytes.append(request);
}

void HttpSentQueue::answered(int32_t seqid) noexcept {
  auto it = std::find_if(sent_.begin(), sent_.end(), [seqid](const HttpSentRequest& r) {
    return !r.oneway && r.seqid == seqid;
  });
  // A reply to no request of ours answers nothing.
  if (it != sent_.end()) sent_.erase(sent_.begin(), it + 1);
}

void HttpSentQueue::acknowledged() noexcept {
  if (!sent_.empty() && sent_.front().oneway) sent_.pop_front();
}

}  // namespace corothrift::detail
