// Finding where an unframed binary or compact message ends while it arrives
// in pieces: the scan resumes from the last complete element, so a message
// of many small values costs about one pass over its bytes, not one pass per
// read (a list of 20,000 structs in 1,448-byte reads was ~600 passes).
#include <gtest/gtest.h>

#include <corothrift/exception.h>
#include <corothrift/protocol.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <random>
#include <span>
#include <string>
#include <vector>

#include "message_extent.h"
#include "wire_framing.h"

namespace {

using namespace corothrift;
using namespace corothrift::detail;

// A call whose args hold a list of `count` two-field structs (like
// e2e's Point) and a string of `tail` bytes after it.
std::vector<uint8_t> list_of_structs(ProtocolKind kind, int count, std::size_t tail = 0) {
  WriteBuffer out;
  with_writer(kind, out, [&](auto& w) {
    w.write_message_begin("echo", MessageType::Call, 7);
    w.write_struct_begin("");
    w.write_field_begin("", TType::List, 1);
    w.write_list_begin(TType::Struct, static_cast<uint32_t>(count));
    for (int i = 0; i < count; ++i) {
      w.write_struct_begin("");
      w.write_field_begin("", TType::I32, 1);
      w.write_i32(i);
      w.write_field_begin("", TType::I32, 2);
      w.write_i32(-i);
      w.write_field_stop();
      w.write_struct_end();
    }
    w.write_field_begin("", TType::String, 2);
    w.write_string(std::string(tail, 'z'));
    w.write_field_stop();
    w.write_struct_end();
  });
  return {out.data(), out.data() + out.size()};
}

Framing unframed(ProtocolKind kind) { return Framing{kind, TransportKind::Unframed, false}; }

// Hands `message` to next_message as a connection does: reads of 1..max_read
// bytes (seeded), and a call only once the bytes reach what the last call
// asked for. Returns the calls made; `framing` keeps the count examined.
std::size_t receive(Framing& framing, std::span<const uint8_t> message, std::size_t max_read) {
  std::mt19937 random(12345);
  std::uniform_int_distribution<std::size_t> read_size(1, max_read);
  std::size_t held = 0;
  std::size_t calls = 0;
  NextMessage next{{}, 0, 1};
  while (next.consumed == 0) {
    if (held >= message.size()) ADD_FAILURE() << "no end found";
    if (held >= message.size()) return calls;
    held = std::min(message.size(), held + read_size(random));
    if (held < next.need) continue;
    next = next_message(framing, message.first(held), kDefaultDecodeLimits);
    ++calls;
  }
  EXPECT_EQ(next.consumed, message.size());
  return calls;
}

class MessageExtent : public ::testing::TestWithParam<ProtocolKind> {};

TEST_P(MessageExtent, AListOf20000StructsInSmallReadsIsExaminedAboutOnce) {
  const std::vector<uint8_t> message = list_of_structs(GetParam(), 20000);
  for (std::size_t max_read : {64, 1448}) {
    Framing framing = unframed(GetParam());
    const std::size_t calls = receive(framing, message, max_read);
    SCOPED_TRACE(::testing::Message() << "reads of 1.." << max_read << " bytes, " << calls
                                      << " calls over " << message.size() << " bytes");
    EXPECT_GT(calls, message.size() / max_read);  // measured while it arrived, not once at the end
    // An element cut by a read is tried again from its start: a little over
    // once per byte, where starting over at each call was ~calls/2 times.
    EXPECT_LE(framing.extent_scan.examined, 2 * message.size());
  }
}

TEST_P(MessageExtent, ByteByByteEachElementIsTriedAFewTimesAtMost) {
  const std::vector<uint8_t> message = list_of_structs(GetParam(), 2000);
  Framing framing = unframed(GetParam());
  receive(framing, message, 1);
  // An element is tried at each point its reads can stop short: binary's
  // field header and i32 (7 bytes) after 1, 3 and 7 bytes (11 examined),
  // compact's header and 2-byte varint after 1, 2 and 3 (6 for 3).
  EXPECT_LE(framing.extent_scan.examined, 2 * message.size());
}

TEST_P(MessageExtent, ALargeStringAfterManyElementsIsWaitedForInOnePiece) {
  const std::vector<uint8_t> message = list_of_structs(GetParam(), 100, 1 << 20);
  const std::size_t string_end = message.size() - 1;  // the args' field stop follows
  ExtentScan scan;
  // The bytes reach into the string's first bytes: all of it is waited for.
  const std::size_t held = string_end - (1 << 20) + 10;
  EXPECT_EQ(resume_measure(GetParam(), std::span(message).first(held), kDefaultDecodeLimits, scan)
                .at_least,
            string_end);
  EXPECT_GT(scan.scanned, 100u);
  EXPECT_EQ(resume_measure(GetParam(), message, kDefaultDecodeLimits, scan).size, message.size());
}

TEST_P(MessageExtent, EachMessageOfAStreamIsScannedFromItsOwnStart) {
  std::vector<uint8_t> stream = list_of_structs(GetParam(), 50);
  const std::size_t first = stream.size();
  const std::vector<uint8_t> second = list_of_structs(GetParam(), 3);
  stream.insert(stream.end(), second.begin(), second.end());
  Framing framing = unframed(GetParam());
  NextMessage next =
      next_message(framing, std::span(stream).first(first / 2), kDefaultDecodeLimits);
  EXPECT_EQ(next.consumed, 0u);
  next = next_message(framing, stream, kDefaultDecodeLimits);
  EXPECT_EQ(next.consumed, first);
  EXPECT_EQ(framing.extent_scan.scanned, 0u);
  EXPECT_TRUE(framing.extent_scan.open.empty());
  // Once over each byte, and again over the first call's bytes (a try at a
  // whole message, then the walk that keeps levels) and the element they cut
  // (at most a field header and an i32).
  const std::size_t examined = framing.extent_scan.examined;
  EXPECT_GE(examined, first + first / 2);
  EXPECT_LE(examined, first + first / 2 + 7);
  next = next_message(framing, std::span(stream).subspan(first), kDefaultDecodeLimits);
  EXPECT_EQ(next.consumed, second.size());
  EXPECT_EQ(framing.extent_scan.examined, examined + second.size());
}

TEST_P(MessageExtent, AnErrorAfterAResumeStartsTheNextScanOver) {
  std::vector<uint8_t> message = list_of_structs(GetParam(), 10);
  DecodeLimits limits;
  limits.max_depth = 1;  // the args' list is too deep
  ExtentScan scan;
  // Cut before the list's elements are all there: its header is tried again.
  EXPECT_EQ(resume_measure(GetParam(), std::span(message).first(18), limits, scan).size, 0u);
  EXPECT_GT(scan.scanned, 0u);
  try {
    resume_measure(GetParam(), message, limits, scan);
    FAIL() << "no error";
  } catch (const ProtocolError& e) {
    EXPECT_EQ(e.kind(), ProtocolError::Kind::DepthLimit);
  }
  EXPECT_EQ(scan.scanned, 0u);
  EXPECT_FALSE(scan.in_body);
  EXPECT_TRUE(scan.open.empty());
}

TEST_P(MessageExtent, NoEndWithinTheFrameLimitIsRefusedAfterResuming) {
  const std::vector<uint8_t> message = list_of_structs(GetParam(), 1000);
  DecodeLimits limits;
  limits.max_frame_bytes = 4000;
  ExtentScan scan;
  EXPECT_EQ(resume_measure(GetParam(), std::span(message).first(3000), limits, scan).size, 0u);
  try {
    resume_measure(GetParam(), message, limits, scan);
    FAIL() << "no error";
  } catch (const ProtocolError& e) {
    EXPECT_EQ(e.kind(), ProtocolError::Kind::SizeLimit);
  }
  // No further than the frame limit, the first call's 3,000 bytes twice (a
  // try at a whole message, then the walk) and the element they cut.
  EXPECT_GE(scan.examined, 3000u + 4000);
  EXPECT_LE(scan.examined, 3000u + 4000 + 7);
  EXPECT_EQ(scan.scanned, 0u);
}

TEST_P(MessageExtent, FewerBytesThanMeasuredStartOver) {
  const std::vector<uint8_t> message = list_of_structs(GetParam(), 1000);
  ExtentScan scan;
  EXPECT_EQ(
      resume_measure(GetParam(), std::span(message).first(3000), kDefaultDecodeLimits, scan).size,
      0u);
  // Not the bytes measured (a caller's mistake): measured from their start.
  const auto fewer = std::span(message).first(40);
  EXPECT_EQ(resume_measure(GetParam(), fewer, kDefaultDecodeLimits, scan).at_least,
            measure_message_extent(GetParam(), fewer).at_least);
  EXPECT_EQ(resume_measure(GetParam(), message, kDefaultDecodeLimits, scan).size, message.size());
}

INSTANTIATE_TEST_SUITE_P(BinaryAndCompact, MessageExtent,
                         ::testing::Values(ProtocolKind::Binary, ProtocolKind::Compact),
                         [](const auto& info) {
                           return std::string(protocol_kind_name(info.param));
                         });

}  // namespace
