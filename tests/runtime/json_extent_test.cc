// Finding where an unframed JSON message ends while it arrives in pieces:
// the scan resumes where the last read's bytes stopped (escapes and strings
// split at any byte included), so a large message costs one pass over its
// bytes, not one pass per read.
#include <gtest/gtest.h>

#include <corothrift/exception.h>

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "json_extent.h"
#include "wire_framing.h"

namespace {

using namespace corothrift;
using namespace corothrift::detail;

std::span<const uint8_t> bytes_of(std::string_view text) {
  return {reinterpret_cast<const uint8_t*>(text.data()), text.size()};
}

Framing unframed_json() { return Framing{ProtocolKind::Json, TransportKind::Unframed, false}; }

// Brackets and quotes inside strings, escaped quotes and backslashes.
constexpr std::string_view kTricky =
    R"([1,"a]\"}",1,0,{"1":{"str":"[{\\"},"2":{"lst":["i32",2,1,2]}}])";

TEST(JsonExtent, AMessageArrivingByteByByteIsExaminedOnceAndEndsWhereItEnds) {
  // Two messages back to back, as a connection's buffer would hold them.
  const std::string stream = std::string(kTricky) + std::string(kTricky);
  Framing framing = unframed_json();
  for (std::size_t n = 1; n < kTricky.size(); ++n) {
    NextMessage next = next_message(framing, bytes_of(stream).first(n), kDefaultDecodeLimits);
    ASSERT_EQ(next.consumed, 0u) << "complete after " << n << " bytes";
    EXPECT_EQ(next.need, n + 1);
  }
  NextMessage next =
      next_message(framing, bytes_of(stream).first(kTricky.size()), kDefaultDecodeLimits);
  EXPECT_EQ(next.consumed, kTricky.size());
  EXPECT_EQ(framing.json_scan.examined, kTricky.size());
  // The next message (once the first is consumed) is scanned from its start.
  next = next_message(framing, bytes_of(stream).subspan(kTricky.size()), kDefaultDecodeLimits);
  EXPECT_EQ(next.consumed, kTricky.size());
  EXPECT_EQ(framing.json_scan.examined, 2 * kTricky.size());
}

// A call carrying a 1 MiB string of brackets, quotes and backslashes.
std::string large_message() {
  std::string text = R"([1,"echo",1,3,{"1":{"str":")";
  for (int i = 0; i < 128 * 1024; ++i) text += R"(a[\"}\\b)";
  text += R"("}}])";
  return text;
}

TEST(JsonExtent, ALargeMessageReadInSmallPiecesIsExaminedOnce) {
  const std::string message = large_message();
  Framing framing = unframed_json();
  constexpr std::size_t kRead = 4096;
  std::size_t held = 0;
  NextMessage next;
  while (next.consumed == 0) {
    ASSERT_LT(held, message.size()) << "no end found";
    held = std::min(message.size(), std::max(held + kRead, next.need));
    next = next_message(framing, bytes_of(message).first(held), kDefaultDecodeLimits);
  }
  EXPECT_EQ(next.consumed, message.size());
  // Once over each byte (a rescan per read would be ~128 times that).
  EXPECT_EQ(framing.json_scan.examined, message.size());
}

TEST(JsonExtent, AnErrorFoundAfterAResumeNamesItsByteInTheMessage) {
  const std::string_view text = R"([1,"a",1,0,{]])";
  JsonScan scan;
  EXPECT_EQ(measure_json_message(bytes_of(text).first(8), kDefaultDecodeLimits, scan).size, 0u);
  try {
    measure_json_message(bytes_of(text), kDefaultDecodeLimits, scan);
    FAIL() << "no error";
  } catch (const ProtocolError& e) {
    EXPECT_STREQ(e.what(), "unbalanced ']' at byte 12");
  }
  // The scan starts over for whatever comes next.
  EXPECT_EQ(scan.scanned, 0u);
  EXPECT_TRUE(scan.closers.empty());
}

TEST(JsonExtent, NoEndWithinTheFrameLimitIsRefusedAfterResuming) {
  DecodeLimits limits;
  limits.max_frame_bytes = 64;
  const std::string text = "[1,\"" + std::string(100, 'x');
  JsonScan scan;
  EXPECT_EQ(measure_json_message(bytes_of(text).first(40), limits, scan).at_least, 41u);
  EXPECT_THROW(measure_json_message(bytes_of(text), limits, scan), ProtocolError);
  EXPECT_EQ(scan.examined, 64u);
}

}  // namespace
