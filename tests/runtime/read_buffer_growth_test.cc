// How a ReadBuffer grows when a read fills the whole scratch space: the
// stream most likely holds more of the message (a 64 KiB message and its
// header do not fit 64 KiB), so the block gets room for as much again, and
// the rest lands behind what is held instead of moving it to a new block.
#include <corothrift/detail/transport.h>

#include <gtest/gtest.h>

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

TEST(ReadBufferGrowth, AReadThatLeftScratchRoomGetsABlockOfItsOwnSize) {
  ReadBuffer buffer;
  read_into(buffer, 4, 0, 100);
  ASSERT_NE(buffer.block(), nullptr);
  EXPECT_LT(buffer.block()->capacity(), 200u);
  EXPECT_EQ(buffer.size(), 100u);
}

}  // namespace
