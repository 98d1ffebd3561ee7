// How a ReadBuffer grows when a read fills the whole scratch space: the
// stream most likely holds more of the message (a 64 KiB message and its
// header do not fit 64 KiB), so the block gets room for as much again, and
// the rest lands behind what is held instead of moving it to a new block.
#include <corothrift/detail/transport.h>

#include <gtest/gtest.h>

#include <algorithm>
#include <cstddef>
#include <cstring>
#include <span>

namespace {

using corothrift::kDefaultReadBufferSize;
using corothrift::detail::ReadBuffer;

std::byte pattern(std::size_t i) { return std::byte(static_cast<unsigned char>(i * 31 + 7)); }

// Reads n bytes of the pattern (from `at`) through read_space/commit_read,
// as a stream read would; returns where they went.
std::byte* read_into(ReadBuffer& buffer, std::size_t missing, std::size_t at, std::size_t n) {
  std::span<std::byte> space = buffer.read_space(missing);
  EXPECT_GE(space.size(), n);
  for (std::size_t i = 0; i < n; ++i) space[i] = pattern(at + i);
  buffer.commit_read(n);
  return space.data();
}

TEST(ReadBufferGrowth, TheRestOfAMessageAfterAReadThatFilledTheScratchLandsBehindItInPlace) {
  ReadBuffer buffer;
  // The reader asked for a frame header (4 bytes) and got a full scratch.
  read_into(buffer, 4, 0, kDefaultReadBufferSize);
  ASSERT_NE(buffer.block(), nullptr);
  const corothrift::detail::SharedBlock* first = buffer.block();
  EXPECT_GE(first->capacity(), 2 * kDefaultReadBufferSize);
  // The header announced 34 more bytes than the scratch held.
  std::byte* tail = read_into(buffer, 34, kDefaultReadBufferSize, 34);
  EXPECT_EQ(buffer.block(), first) << "the held bytes moved to a new block";
  EXPECT_EQ(tail, buffer.data().data() + kDefaultReadBufferSize) << "read through the scratch";
  ASSERT_EQ(buffer.size(), kDefaultReadBufferSize + 34);
  for (std::size_t i = 0; i < buffer.size(); ++i) ASSERT_EQ(buffer.data()[i], pattern(i)) << i;
}

// An unframed message only ever says it needs a few bytes more than it has;
// reads of 1,000 bytes at a time, through the scratch space as a socket read
// is, must not move what is held to a new block at every read.
std::size_t blocks_for_a_growing_message(corothrift::detail::ReadGoal goal) {
  ReadBuffer buffer;
  std::size_t blocks = 0;
  const corothrift::detail::SharedBlock* last = nullptr;
  std::size_t at = 0;
  while (at < 1'000'000) {
    std::span<std::byte> space = buffer.read_space(1, goal);
    const std::size_t n = std::min<std::size_t>(space.size(), 1000);
    for (std::size_t i = 0; i < n; ++i) space[i] = pattern(at + i);
    buffer.commit_read(n);
    at += n;
    if (buffer.block() != last) ++blocks;
    last = buffer.block();
  }
  EXPECT_EQ(buffer.size(), at);
  for (std::size_t i = 0; i < buffer.size(); ++i) {
    if (buffer.data()[i] != pattern(i)) {
      ADD_FAILURE() << "byte " << i;
      break;
    }
  }
  return blocks;
}

TEST(ReadBufferGrowth, AMessageThatOnlyKnowsALowerBoundIsCopiedAFewTimesNotOncePerRead) {
  // Doubling: about log2(1,000,000 / 1,000) + a few blocks.
  EXPECT_LE(blocks_for_a_growing_message(corothrift::detail::ReadGoal::kAtLeast), 16u);
}

TEST(ReadBufferGrowth, AMessageEndThatIsKnownIsNotGrownPast) {
  ReadBuffer buffer;
  read_into(buffer, 2000, 0, 1024);
  ASSERT_NE(buffer.block(), nullptr);
  ASSERT_EQ(buffer.block()->capacity(), 1024u);
  // The block is full; the frame ends 10 bytes further: no room to double into.
  read_into(buffer, 10, 1024, 10);
  EXPECT_LT(buffer.block()->capacity(), 1100u);
  EXPECT_EQ(buffer.size(), 1034u);
}

TEST(ReadBufferGrowth, AReadThatLeftScratchRoomGetsABlockOfItsOwnSize) {
  ReadBuffer buffer;
  read_into(buffer, 4, 0, 100);
  ASSERT_NE(buffer.block(), nullptr);
  EXPECT_LT(buffer.block()->capacity(), 200u);
  EXPECT_EQ(buffer.size(), 100u);
}

}  // namespace
