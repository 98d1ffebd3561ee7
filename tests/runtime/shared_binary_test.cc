// Large binaries decoded from a connection's read buffer point into it instead
// of being copied: what they point to never changes while they live, they copy
// themselves before any change, they keep no more than a bounded block alive,
// and they compare, hash and print like binaries that own their bytes. Then
// the same through a server and a client that keep what they received while
// their connections go on reading.
#include <corothrift/detail/format.h>
#include <corothrift/detail/shared_block.h>
#include <corothrift/detail/transport.h>
#include <corothrift/protocol.h>
#include <corothrift/types.h>
#include <corothrift/when_all.h>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <atomic>
#include <cstring>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

#include "calc_fixture.h"

namespace {

using namespace corothrift;
using calc::pattern;
using calc::run;
using detail::BlockRef;
using detail::SharedBlock;

constexpr ProtocolKind kProtocols[] = {ProtocolKind::Binary, ProtocolKind::Compact};

// `value` as the protocol writes a binary.
WriteBuffer encoded(ProtocolKind protocol, const Binary& value) {
  WriteBuffer out;
  with_writer(protocol, out, [&](auto& w) { w.write_binary(value.bytes()); });
  return out;
}

// `value` encoded at the start of a fresh block of `capacity` bytes (at least
// the encoding's size).
struct EncodedInBlock {
  EncodedInBlock(ProtocolKind protocol, const Binary& value, std::size_t capacity) {
    WriteBuffer out = encoded(protocol, value);
    size = out.size();
    block = BlockRef::adopt(SharedBlock::create(std::max(capacity, size)));
    std::memcpy(block->data(), out.data(), size);
  }
  std::span<const uint8_t> bytes() const {
    return {reinterpret_cast<const uint8_t*>(block->data()), size};
  }
  // Decodes the value the way a connection does: from bytes in the block.
  Binary decode(ProtocolKind protocol) const {
    ReadBuffer in(bytes(), block.get());
    Binary v;
    with_reader(protocol, in, kDefaultDecodeLimits, [&](auto& r) { r.read_binary(v); });
    return v;
  }

  BlockRef block;
  std::size_t size = 0;
};

TEST(SharedBinary, DecodingAtTheThresholdSharesTheBlockAndBelowItCopies) {
  for (ProtocolKind protocol : kProtocols) {
    SCOPED_TRACE(protocol_kind_name(protocol));
    Binary big = pattern(kShareBinaryAtLeast, 1);
    EncodedInBlock at(protocol, big, 64 * 1024);
    {
      Binary got = at.decode(protocol);
      EXPECT_TRUE(got.shares_buffer());
      EXPECT_EQ(got, big);
      EXPECT_FALSE(at.block->unique());
      // The bytes are the block's own, not a copy.
      const void* bytes = std::as_const(got).data();
      EXPECT_GE(bytes, static_cast<const void*>(at.block->data()));
      EXPECT_LT(bytes, static_cast<const void*>(at.block->data() + at.size));
    }
    EXPECT_TRUE(at.block->unique());

    Binary small = pattern(kShareBinaryAtLeast - 1, 2);
    EncodedInBlock below(protocol, small, 64 * 1024);
    Binary got = below.decode(protocol);
    EXPECT_FALSE(got.shares_buffer());
    EXPECT_EQ(got, small);
    EXPECT_TRUE(below.block->unique());
  }
}

TEST(SharedBinary, BytesOutsideASharedBlockAreCopied) {
  Binary big = pattern(100'000, 3);
  WriteBuffer out = encoded(ProtocolKind::Binary, big);
  ReadBuffer in(out.bytes());
  Binary got;
  BinaryReader r(in);
  r.read_binary(got);
  EXPECT_FALSE(got.shares_buffer());
  EXPECT_EQ(got, big);
}

TEST(SharedBinary, AValueSmallNextToItsBlockIsCopiedNotKeptWithIt) {
  const std::size_t size = kShareBinaryAtLeast;
  Binary value = pattern(size, 4);
  // Exactly kShareBinaryMaxPin times the value's size is still shared...
  EncodedInBlock fits(ProtocolKind::Binary, value, size * kShareBinaryMaxPin);
  EXPECT_TRUE(fits.decode(ProtocolKind::Binary).shares_buffer());
  // ...a block any larger than that is not kept for it.
  EncodedInBlock huge(ProtocolKind::Binary, value, size * kShareBinaryMaxPin + 1);
  Binary got = huge.decode(ProtocolKind::Binary);
  EXPECT_FALSE(got.shares_buffer());
  EXPECT_EQ(got, value);
  EXPECT_TRUE(huge.block->unique());
}

TEST(SharedBinary, ChangingASharingBinaryCopiesItFirstAndLeavesTheMessageAndItsCopiesAlone) {
  Binary value = pattern(40'000, 5);
  EncodedInBlock message(ProtocolKind::Binary, value, 64 * 1024);
  const std::vector<std::byte> before(message.block->data(), message.block->data() + message.size);

  Binary changed = message.decode(ProtocolKind::Binary);
  Binary copy = changed;  // copies share too
  EXPECT_TRUE(copy.shares_buffer());
  EXPECT_EQ(std::as_const(copy).data(), std::as_const(changed).data());

  changed.storage()[0] = static_cast<char>(~value[0]);
  EXPECT_FALSE(changed.shares_buffer());
  EXPECT_EQ(changed.size(), value.size());
  EXPECT_NE(changed, value);
  EXPECT_EQ(changed.view().substr(1), value.view().substr(1));
  EXPECT_EQ(copy, value);
  EXPECT_TRUE(copy.shares_buffer());

  Binary other = copy;
  other.data()[1] = static_cast<uint8_t>(~value[1]);  // non-const data() copies too
  EXPECT_FALSE(other.shares_buffer());
  EXPECT_EQ(copy, value);

  copy.unshare();
  EXPECT_FALSE(copy.shares_buffer());
  EXPECT_EQ(copy, value);
  EXPECT_TRUE(message.block->unique());
  EXPECT_TRUE(std::equal(before.begin(), before.end(), message.block->data()));
}

TEST(SharedBinary, ComparesHashesAndPrintsExactlyLikeAnOwnedBinary) {
  Binary owned = pattern(20'000, 6);
  EncodedInBlock message(ProtocolKind::Compact, owned, 64 * 1024);
  Binary shared = message.decode(ProtocolKind::Compact);
  ASSERT_TRUE(shared.shares_buffer());
  EXPECT_EQ(shared, owned);
  EXPECT_EQ(shared <=> owned, std::strong_ordering::equal);
  EXPECT_EQ(std::hash<Binary>{}(shared), std::hash<Binary>{}(owned));
  EXPECT_EQ(fmt::format("{}", shared), fmt::format("{}", owned));
  EXPECT_EQ(shared.size(), owned.size());
  EXPECT_FALSE(shared.empty());
  Binary larger = owned;
  larger.storage().push_back('\0');
  EXPECT_LT(shared, larger);
}

TEST(SharedBinary, MovingPassesTheReferenceAndAssigningOrClearingLetsTheBlockGo) {
  Binary value = pattern(30'000, 7);
  EncodedInBlock message(ProtocolKind::Binary, value, 64 * 1024);

  Binary first = message.decode(ProtocolKind::Binary);
  Binary moved = std::move(first);
  EXPECT_TRUE(moved.shares_buffer());
  EXPECT_EQ(moved, value);
  moved.clear();
  EXPECT_TRUE(moved.empty());
  EXPECT_TRUE(message.block->unique());

  // Assigning the binary's own shared bytes to it copies them before letting go.
  Binary self = message.decode(ProtocolKind::Binary);
  self.assign(std::as_const(self).data() + 10, 1000);
  EXPECT_FALSE(self.shares_buffer());
  EXPECT_EQ(self.view(), value.view().substr(10, 1000));
  EXPECT_TRUE(message.block->unique());
}

TEST(SharedBinary, IsCopiedAndDestroyedOnSeveralThreadsAtOnce) {
  Binary value = pattern(50'000, 8);
  EncodedInBlock message(ProtocolKind::Binary, value, 64 * 1024);
  Binary first = message.decode(ProtocolKind::Binary);
  ASSERT_TRUE(first.shares_buffer());
  // Copies made and dropped on two threads while this one watches the count:
  // a count that lost an update would leave the block held (or free it early,
  // which ASan reports).
  std::atomic<bool> go{false};
  auto churn = [&] {
    while (!go.load()) {
    }
    for (int i = 0; i < 100'000; ++i) {
      Binary copy = first;
      if (copy.size() != value.size()) ADD_FAILURE();
    }
  };
  std::thread a(churn);
  std::thread b(churn);
  go = true;
  int seen_unique = 0;
  for (int i = 0; i < 100'000; ++i) seen_unique += message.block->unique();
  a.join();
  b.join();
  EXPECT_EQ(seen_unique, 0);  // `first` holds it throughout
  EXPECT_EQ(first, value);
  std::thread([taken = std::move(first)] {}).join();
  EXPECT_TRUE(message.block->unique());
}

// A connection's read buffer (transport.h) as the server and channel use it.
class ConnectionReadBuffer : public ::testing::Test {
 protected:
  // Appends bytes as a socket read would.
  void receive(std::span<const uint8_t> bytes) {
    std::span<std::byte> room = buffer.tail(bytes.size());
    std::memcpy(room.data(), bytes.data(), bytes.size());
    buffer.commit(bytes.size());
  }
  // Receives `value` encoded, decodes it from the buffer and consumes it.
  Binary receive_and_decode(const Binary& value) {
    receive(encoded(ProtocolKind::Binary, value).bytes());
    return decode_front();
  }
  // Decodes the binary at the front of the buffer, as a connection does, and
  // consumes its bytes.
  Binary decode_front() {
    auto data = buffer.data();
    ReadBuffer in(std::span(reinterpret_cast<const uint8_t*>(data.data()), data.size()),
                  buffer.block());
    Binary got;
    BinaryReader(in).read_binary(got);
    buffer.consume(in.position());
    return got;
  }

  detail::ReadBuffer buffer{64 * 1024};
};

TEST_F(ConnectionReadBuffer, NeverWritesOverBytesThatABinaryStillHolds) {
  std::vector<Binary> kept;
  std::vector<Binary> expected;
  for (int i = 0; i < 40; ++i) {
    expected.push_back(pattern(16'384 + static_cast<std::size_t>(i) * 997, i));
    kept.push_back(receive_and_decode(expected.back()));
    ASSERT_TRUE(kept.back().shares_buffer()) << i;
    // Some small traffic in between, as other messages would be.
    receive_and_decode(pattern(100, 1000 + i));
  }
  for (int i = 0; i < 40; ++i) EXPECT_EQ(kept[i], expected[i]) << i;
}

TEST_F(ConnectionReadBuffer, HoldsNoBlockUntilBytesArriveNorOnceTheyAreConsumed) {
  EXPECT_EQ(buffer.block(), nullptr);
  Binary held = receive_and_decode(pattern(20'000, 1));
  ASSERT_TRUE(held.shares_buffer());
  // Everything consumed: the buffer lets go; the binary keeps its bytes.
  EXPECT_EQ(buffer.block(), nullptr);
  EXPECT_EQ(held, pattern(20'000, 1));
}

TEST_F(ConnectionReadBuffer, CompactsInPlaceOnlyOnceNothingHoldsItsBlock) {
  // A partial message keeps the block, and the held binary keeps the
  // bytes before it.
  WriteBuffer first = encoded(ProtocolKind::Binary, pattern(20'000, 1));
  std::vector<uint8_t> arriving(first.data(), first.data() + first.size());
  arriving.insert(arriving.end(), {0x0b, 0x00});
  receive(arriving);
  SharedBlock* block = buffer.block();
  Binary held = decode_front();
  ASSERT_TRUE(held.shares_buffer());
  ASSERT_EQ(buffer.data().size(), 2u);
  held.clear();
  // Nobody else holds it: room at the front is made by moving the two
  // unread bytes there, in the same block.
  std::span<std::byte> room = buffer.tail(block->capacity() - 2);
  EXPECT_EQ(buffer.block(), block);
  EXPECT_EQ(room.data(), block->data() + 2);
  EXPECT_EQ(buffer.data()[0], std::byte{0x0b});
}

TEST_F(ConnectionReadBuffer, LeavesAHugeHeldBlockForOneSizedToWhatItNeeds) {
  // One huge message grows the buffer and arrives with the start of the next
  // one, so the buffer never empties (emptying drops a huge block anyway);
  // the huge message's binary is kept.
  WriteBuffer first = encoded(ProtocolKind::Binary, pattern(3 << 20, 1));
  WriteBuffer next = encoded(ProtocolKind::Binary, pattern(1000, 2));
  std::vector<uint8_t> arriving(first.data(), first.data() + first.size());
  arriving.insert(arriving.end(), next.data(), next.data() + 10);
  receive(arriving);
  Binary huge = decode_front();
  ASSERT_TRUE(huge.shares_buffer());
  ASSERT_EQ(buffer.data().size(), 10u);
  const std::size_t grown = buffer.block()->capacity();
  ASSERT_GT(grown, std::size_t{3} << 20);

  // More room than is left after end(): the buffer must move, and not to
  // another block as huge as the held one.
  const std::size_t free_now = grown - first.size() - 10;
  std::span<std::byte> room = buffer.tail(free_now + 1);
  EXPECT_GE(room.size(), free_now + 1);
  EXPECT_LT(buffer.block()->capacity(), grown / 2);
  EXPECT_EQ(buffer.data().size(), 10u);
  EXPECT_TRUE(std::equal(buffer.data().begin(), buffer.data().end(),
                         reinterpret_cast<const std::byte*>(next.data())));
  EXPECT_EQ(huge, pattern(3 << 20, 1));
}

TEST_F(ConnectionReadBuffer, MovesToAFreshBlockWhenTheHeldOneIsFull) {
  std::vector<Binary> kept;
  for (int i = 0; i < 8; ++i) kept.push_back(receive_and_decode(pattern(20'000, i)));
  for (int i = 0; i < 8; ++i) EXPECT_EQ(kept[i], pattern(20'000, i)) << i;
}

// The Calc echo handler, keeping a copy of every argument it is given.
class KeepingHandler : public calc::TestHandler {
 public:
  Task<Binary> echo(Binary data) override {
    std::lock_guard lock(mutex);
    kept.push_back(data);
    co_return data;
  }
  std::mutex mutex;
  std::vector<Binary> kept;
};

// The payload of echo_many's call i.
Binary payload(int i) { return pattern(16'384 + static_cast<std::size_t>(i) * 1500, i); }

// `count` echoes of distinct payloads (16 KiB and up), `batch` in flight at
// once on one connection; returns what came back.
Task<void> echo_many(std::shared_ptr<ClientChannel> channel, int count, int batch,
                     std::vector<Binary>& back) {
  calc::CalcClient client(channel);
  for (int first = 0; first < count; first += batch) {
    std::vector<Task<Binary>> calls;
    for (int i = first; i < first + batch; ++i) {
      calls.push_back(client.echo(payload(i)));
    }
    std::vector<Binary> got = co_await when_all(std::move(calls));
    for (Binary& b : got) back.push_back(std::move(b));
  }
}

// echo_many on one new connection to `server`; returns what came back.
std::vector<Binary> echo_over(EventLoop& loop, const calc::CalcServer& server,
                              const ChannelOptions& options, int count, int batch) {
  std::vector<Binary> back;
  run(loop, [&]() -> Task<void> {
    auto channel = co_await calc::connect(loop, server.address(), options);
    co_await echo_many(channel, count, batch, back);
  }());
  return back;
}

TEST(SharedBinaryOverTheWire, AServerHandlerKeepsLargeArgumentsWhileItsConnectionReadsOn) {
  calc::for_each_wire([&](const ChannelOptions& options) {
    SCOPED_TRACE(fmt::format("{} {}", protocol_kind_name(options.protocol),
                             options.transport == TransportKind::Framed ? "framed" : "unframed"));
    auto handler = std::make_shared<KeepingHandler>();
    calc::CalcServer server({}, calc::make_processor(handler));
    EventLoop loop;
    std::vector<Binary> back = echo_over(loop, server, options, 48, 4);
    ASSERT_EQ(handler->kept.size(), 48u);
    int shared = 0;
    // The order the server saw them in is not the order of the calls.
    std::vector<Binary> kept = handler->kept;
    std::sort(kept.begin(), kept.end(),
              [](const Binary& a, const Binary& b) { return a.size() < b.size(); });
    for (int i = 0; i < 48; ++i) {
      EXPECT_EQ(kept[i], payload(i)) << i;
      EXPECT_EQ(back[i], payload(i)) << i;
      shared += kept[i].shares_buffer();
    }
    // Otherwise this test would prove nothing about sharing. JSON's base64
    // is decoded into a copy: nothing there can share the read buffer.
    if (options.protocol == ProtocolKind::Json) {
      EXPECT_EQ(shared, 0);
    } else {
      EXPECT_GT(shared, 0);
    }
  });
}

TEST(SharedBinaryOverTheWire, AClientKeepsLargeRepliesWhileItsConnectionReadsOn) {
  calc::CalcServer server;
  EventLoop loop;
  calc::for_each_wire([&](const ChannelOptions& options) {
    std::vector<Binary> back = echo_over(loop, server, options, 48, 3);
    ASSERT_EQ(back.size(), 48u);
    int shared = 0;
    for (int i = 0; i < 48; ++i) {
      EXPECT_EQ(back[i], payload(i)) << i;
      shared += back[i].shares_buffer();
    }
    EXPECT_EQ(shared > 0, options.protocol != ProtocolKind::Json);
  });
}

// Suspends before every request (until the loop's next turn), so each is
// still unread when dispatch returns and the connection reads the next ones
// into its buffer (ServerRequest::own_bytes).
class SlowToStart : public Processor {
 public:
  explicit SlowToStart(std::shared_ptr<Processor> inner) : inner_(std::move(inner)) {}
  Task<bool> process(ServerRequest& req) override {
    co_await EventLoop::current()->yield();
    co_return co_await inner_->process(req);
  }

 private:
  std::shared_ptr<Processor> inner_;
};

TEST(SharedBinaryOverTheWire, ARequestThatWaitsBeforeReadingItsArgsStillReadsItsOwnBytes) {
  auto handler = std::make_shared<KeepingHandler>();
  calc::CalcServer server({}, std::make_shared<SlowToStart>(calc::make_processor(handler)));
  EventLoop loop;
  calc::for_each_wire([&](const ChannelOptions& options) {
    std::vector<Binary> back = echo_over(loop, server, options, 32, 16);
    ASSERT_EQ(back.size(), 32u);
    for (int i = 0; i < 32; ++i) EXPECT_EQ(back[i], payload(i)) << i;
  });
}

}  // namespace
