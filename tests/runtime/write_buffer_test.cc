// WriteBuffer holding large byte strings by reference: what the protocol
// writers record, the pieces a sender walks, rollback, and ownership.
#include <corothrift/buffer.h>
#include <corothrift/detail/binary_protocol.h>
#include <corothrift/detail/compact_protocol.h>

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <utility>

namespace {

using namespace corothrift;

std::string pattern(std::size_t size, char seed) {
  std::string s(size, '\0');
  for (std::size_t i = 0; i < size; ++i) s[i] = static_cast<char>(seed + static_cast<char>(i));
  return s;
}

// Keeps a shared_ptr copy alive inside the buffer, so use_count and
// weak_ptr show when the buffer lets go of it.
template <class T>
KeptObject keep(const std::shared_ptr<T>& owner) {
  return {new std::shared_ptr<T>(owner),
          [](void* object) noexcept { delete static_cast<std::shared_ptr<T>*>(object); }};
}

// The whole content of a buffer, held and referenced bytes in order.
std::string content(const WriteBuffer& out, std::size_t offset = 0) {
  std::string all;
  out.for_each_piece(offset, [&](std::span<const uint8_t> piece) {
    EXPECT_FALSE(piece.empty());
    all.append(reinterpret_cast<const char*>(piece.data()), piece.size());
    return true;
  });
  return all;
}

// A message with small and large strings, in the middle and at the end.
template <class Writer>
void write_sample(WriteBuffer& out, const std::string& big1, const std::string& big2) {
  Writer w(out);
  w.write_message_begin("m", MessageType::Reply, 7);
  w.write_struct_begin("s");
  w.write_field_begin("a", TType::String, 1);
  w.write_string("small");
  w.write_field_end();
  w.write_field_begin("b", TType::String, 2);
  w.write_binary(std::string_view(big1));
  w.write_field_end();
  w.write_field_begin("c", TType::String, 3);
  w.write_binary(std::string_view(big2));
  w.write_field_end();
  w.write_field_begin("d", TType::I32, 4);
  w.write_i32(-1);
  w.write_field_end();
  w.write_field_stop();
  w.write_struct_end();
  w.write_message_end();
}

template <class Writer>
class References : public ::testing::Test {};

using Writers = ::testing::Types<BinaryWriter, CompactWriter>;
TYPED_TEST_SUITE(References, Writers);

TYPED_TEST(References, LargeStringsAreReferencedAndTheContentIsUnchanged) {
  const std::string big1 = pattern(100, 'a');
  const std::string big2 = pattern(64, 'A');
  WriteBuffer copied;
  write_sample<TypeParam>(copied, big1, big2);

  WriteBuffer out;
  out.set_reference_threshold(64);
  write_sample<TypeParam>(out, big1, big2);

  EXPECT_EQ(out.reference_count(), 2u);
  EXPECT_EQ(out.referenced_size(), big1.size() + big2.size());
  EXPECT_EQ(out.size() + out.referenced_size(), copied.size());
  EXPECT_EQ(out.total_size(), copied.size());
  EXPECT_EQ(content(out), std::string(copied.view()));
}

TYPED_TEST(References, StringsBelowTheThresholdAreCopied) {
  const std::string big1 = pattern(100, 'a');
  const std::string big2 = pattern(64, 'A');
  WriteBuffer out;
  out.set_reference_threshold(101);
  write_sample<TypeParam>(out, big1, big2);
  EXPECT_EQ(out.reference_count(), 0u);
  EXPECT_EQ(out.total_size(), out.size());
}

TEST(WriteBufferReferences, PiecesSkipAnyOffsetAcrossHeldAndReferencedBytes) {
  const std::string big1 = pattern(40, 'a');
  const std::string big2 = pattern(33, 'A');
  WriteBuffer out;
  out.set_reference_threshold(32);
  write_sample<BinaryWriter>(out, big1, big2);
  const std::string whole = content(out);
  ASSERT_EQ(whole.size(), out.total_size());
  for (std::size_t offset = 0; offset <= whole.size(); ++offset) {
    EXPECT_EQ(content(out, offset), whole.substr(offset)) << "offset " << offset;
  }
}

TEST(WriteBufferReferences, AReferenceFirstOrLastIsAPieceOfItsOwn) {
  const std::string big = pattern(50, 'x');
  WriteBuffer out;
  out.set_reference_threshold(10);
  out.add_reference(big.data(), big.size());
  EXPECT_EQ(content(out), big);
  out.append("tail", 4);
  EXPECT_EQ(content(out), big + "tail");
  out.add_reference(big.data(), 10);
  EXPECT_EQ(content(out), big + "tail" + big.substr(0, 10));
}

TEST(WriteBufferReferences, ThePieceFunctionCanStopTheWalk) {
  const std::string big = pattern(50, 'x');
  WriteBuffer out;
  out.append("head", 4);
  out.add_reference(big.data(), big.size());
  out.append("tail", 4);
  int calls = 0;
  out.for_each_piece(0, [&](std::span<const uint8_t>) { return ++calls < 2; });
  EXPECT_EQ(calls, 2);
}

TEST(WriteBufferReferences, RollbackDropsWhatCameAfterTheMark) {
  const std::string big = pattern(50, 'x');
  WriteBuffer out;
  out.append("one", 3);
  out.add_reference(big.data(), big.size());
  auto first_owner = std::make_shared<int>(1);
  out.keep_alive(keep(first_owner));
  const WriteBuffer::Mark mark = out.mark();

  out.append("two", 3);
  out.add_reference(big.data(), 20);
  auto second_owner = std::make_shared<int>(2);
  out.keep_alive(keep(second_owner));
  std::weak_ptr<int> second = second_owner;
  second_owner.reset();

  out.rollback(mark);
  EXPECT_EQ(content(out), "one" + big);
  EXPECT_EQ(out.reference_count(), 1u);
  EXPECT_EQ(out.referenced_size(), big.size());
  EXPECT_TRUE(second.expired());
  EXPECT_EQ(first_owner.use_count(), 2);
}

TEST(WriteBufferReferences, ClearReleasesTheOwnersAndKeepsTheThreshold) {
  WriteBuffer out;
  out.set_reference_threshold(16);
  auto owner = std::make_shared<std::string>(pattern(32, 'q'));
  out.add_reference(owner->data(), owner->size());
  out.keep_alive(keep(owner));
  std::weak_ptr<std::string> watch = owner;
  owner.reset();
  EXPECT_FALSE(watch.expired());
  out.clear();
  EXPECT_TRUE(watch.expired());
  EXPECT_EQ(out.total_size(), 0u);
  EXPECT_EQ(out.reference_count(), 0u);
  EXPECT_EQ(out.reference_threshold(), 16u);
}

TEST(WriteBufferReferences, MovingABufferMovesItsReferencesAndOwners) {
  const std::string big = pattern(30, 'm');
  WriteBuffer out;
  out.set_reference_threshold(8);
  out.append("ab", 2);
  out.add_reference(big.data(), big.size());
  auto owner = std::make_shared<int>(0);
  out.keep_alive(keep(owner));
  WriteBuffer moved(std::move(out));
  EXPECT_EQ(content(moved), "ab" + big);
  EXPECT_EQ(moved.reference_threshold(), 8u);
  EXPECT_EQ(owner.use_count(), 2);
  WriteBuffer assigned;
  assigned = std::move(moved);
  EXPECT_EQ(content(assigned), "ab" + big);
  EXPECT_EQ(owner.use_count(), 2);
}

TEST(WriteBufferReferences, OwnersEndWithTheBufferOrWhenAnotherIsMovedOverIt) {
  auto first = std::make_shared<int>(1);
  auto second = std::make_shared<int>(2);
  {
    WriteBuffer a;
    a.keep_alive(keep(first));
    WriteBuffer b;
    b.keep_alive(keep(second));
    a = std::move(b);
    EXPECT_EQ(first.use_count(), 1);
    EXPECT_EQ(second.use_count(), 2);
  }
  EXPECT_EQ(second.use_count(), 1);
}

}  // namespace
