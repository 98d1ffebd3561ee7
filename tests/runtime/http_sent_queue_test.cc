// The bookkeeping behind resending over HTTP: which requests a connection
// still has unanswered, in the order sent, and what each response answers.
#include <gtest/gtest.h>

#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "http_sent_queue.h"

namespace {

using corothrift::detail::HttpSentQueue;
using corothrift::detail::HttpSentRequest;

std::span<const uint8_t> bytes_of(std::string_view text) {
  return {reinterpret_cast<const uint8_t*>(text.data()), text.size()};
}

// The unanswered requests as "c<seqid>" / "o<seqid>:<bytes>", oldest first.
std::vector<std::string> unanswered(HttpSentQueue& queue) {
  std::vector<std::string> out;
  for (const HttpSentRequest& r : queue.take_unanswered()) {
    out.push_back(r.oneway ? "o" + std::to_string(r.seqid) + ":" + std::string(r.bytes.view())
                           : "c" + std::to_string(r.seqid));
  }
  return out;
}

TEST(HttpSentQueue, AReplyAnswersItsCallAndTheOnewaysBeforeItButNothingAfter) {
  HttpSentQueue queue;
  queue.sent(1, true, bytes_of("one"));
  queue.sent(2, false, bytes_of("call bytes are not kept"));
  queue.sent(3, true, bytes_of("three"));
  queue.sent(4, false, {});
  queue.answered(2);
  EXPECT_EQ(unanswered(queue), (std::vector<std::string>{"o3:three", "c4"}));
  EXPECT_EQ(queue.size(), 0u);
}

TEST(HttpSentQueue, AnEmptyResponseAcknowledgesTheOldestRequestOnlyIfItIsAOneway) {
  HttpSentQueue queue;
  queue.sent(1, false, {});
  queue.sent(2, true, bytes_of("two"));
  queue.acknowledged();  // the call is first: answers nothing
  queue.answered(1);
  queue.acknowledged();
  queue.sent(3, true, bytes_of("three"));
  EXPECT_EQ(unanswered(queue), (std::vector<std::string>{"o3:three"}));
}

TEST(HttpSentQueue, AReplyToNoRequestOfOursAnswersNothing) {
  HttpSentQueue queue;
  queue.sent(5, true, bytes_of("five"));
  queue.sent(6, false, {});
  queue.answered(99);
  queue.answered(5);  // a oneway's seqid: no reply answers it
  EXPECT_EQ(unanswered(queue), (std::vector<std::string>{"o5:five", "c6"}));
}

TEST(HttpSentQueue, BeyondTheCapTheOldestUnacknowledgedOnewayIsForgotten) {
  HttpSentQueue queue;
  queue.sent(0, false, {});
  const auto cap = static_cast<int32_t>(HttpSentQueue::kMaxKeptOneways);
  for (int32_t i = 1; i <= cap + 2; ++i) queue.sent(i, true, bytes_of("x"));
  std::vector<std::string> left = unanswered(queue);
  ASSERT_EQ(left.size(), HttpSentQueue::kMaxKeptOneways + 1);
  EXPECT_EQ(left[0], "c0");
  EXPECT_EQ(left[1], "o3:x");
  EXPECT_EQ(left.back(), "o" + std::to_string(cap + 2) + ":x");
}

}  // namespace
