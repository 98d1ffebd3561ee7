// detail::RecycledBytes: freed large byte blocks come back to the next
// allocation that fits, within a bound for the whole process.
#include <corothrift/buffer.h>
#include <corothrift/detail/recycled_bytes.h>
#include <corothrift/detail/shared_block.h>
#include <gtest/gtest.h>

#include <cstddef>
#include <vector>

namespace {

using corothrift::WriteBuffer;
using corothrift::detail::RecycledBytes;
using corothrift::detail::SharedBlock;

class RecycledBytesTest : public ::testing::Test {
 protected:
  void SetUp() override { RecycledBytes::drop_all(); }
  void TearDown() override { RecycledBytes::drop_all(); }
};

TEST_F(RecycledBytesTest, AFreedLargeBlockServesTheNextRequestThatFits) {
  std::size_t capacity = 0;
  void* block = RecycledBytes::take(64 * 1024, capacity);
  EXPECT_EQ(capacity, 64u * 1024);
  RecycledBytes::give(block, capacity);
  EXPECT_EQ(RecycledBytes::kept_bytes(), 64u * 1024);
  std::size_t again = 0;
  EXPECT_EQ(RecycledBytes::take(40 * 1024, again), block);
  EXPECT_EQ(again, 64u * 1024);  // the whole block, not what was asked
  EXPECT_EQ(RecycledBytes::kept_bytes(), 0u);
  RecycledBytes::give(block, again);
}

TEST_F(RecycledBytesTest, SmallAndHugeBlocksAreNotKept) {
  std::size_t capacity = 0;
  void* small = RecycledBytes::take(RecycledBytes::kMinBytes - 1, capacity);
  RecycledBytes::give(small, capacity);
  void* huge = RecycledBytes::take(RecycledBytes::kMaxBytes + 1, capacity);
  RecycledBytes::give(huge, capacity);
  EXPECT_EQ(RecycledBytes::kept_bytes(), 0u);
}

TEST_F(RecycledBytesTest, AtMostKSlotsBlocksAreKept) {
  std::vector<void*> blocks;
  for (std::size_t i = 0; i < RecycledBytes::kSlots + 3; ++i) {
    std::size_t capacity = 0;
    blocks.push_back(RecycledBytes::take(32 * 1024, capacity));
  }
  for (void* block : blocks) RecycledBytes::give(block, 32 * 1024);
  EXPECT_EQ(RecycledBytes::kept_bytes(), RecycledBytes::kSlots * 32 * 1024);
}

// The two users: a read block and a write buffer given back per message
// reuse the same storage instead of asking malloc each time.
TEST_F(RecycledBytesTest, ReadBlocksAndWriteBuffersReuseFreedStorage) {
  SharedBlock* first = SharedBlock::create(64 * 1024);
  const void* where = first;
  first->release();
  SharedBlock* second = SharedBlock::create(60 * 1024);
  EXPECT_EQ(static_cast<const void*>(second), where);
  EXPECT_GE(second->capacity(), 60u * 1024);
  second->release();

  WriteBuffer out(0);
  out.extend(100 * 1024);
  const uint8_t* data = out.data();
  out.release();
  WriteBuffer next(0);
  next.extend(70 * 1024);
  EXPECT_EQ(next.data(), data);
}

}  // namespace
