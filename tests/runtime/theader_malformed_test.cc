// A bad THeader frame closes that one connection with its reason logged,
// while a well-behaved client of the same loop keeps being answered; and a
// zlib bomb never makes the inflater allocate past the frame limit.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "calc_fixture.h"
#include "raw_peer.h"
#include "theader.h"
#include "zlib_transform.h"

namespace {

using namespace corothrift;
using calc::RawClient;

constexpr std::size_t kFrameLimit = 1 << 20;

corothrift::ServerOptions one_loop() {
  corothrift::ServerOptions options;
  options.threads = 1;
  options.limits.max_frame_bytes = kFrameLimit;
  return options;
}

// add(a, b) in a THeader frame, as our client writes it.
std::string header_call(int32_t a, int32_t b, bool zlib = false, HeaderMap headers = {}) {
  calc::TwoInts args;
  args.a = a;
  args.b = b;
  WriteBuffer out;
  detail::append_header_message(out, {0, zlib, &headers}, 1 << 24,
                                &detail::encode_message<calc::TwoInts>, &args, nullptr,
                                ProtocolKind::Binary, "add", MessageType::Call, 3);
  return std::string(out.view());
}

// A frame of the fixed fields, the given header section and payload.
std::string frame(std::string_view header, std::string_view payload, uint16_t words) {
  std::string body = std::string("\x0f\xff\x00\x00\x00\x00\x00\x01", 8);
  body += static_cast<char>(words >> 8);
  body += static_cast<char>(words & 0xff);
  body += header;
  body += payload;
  return calc::framed(body);
}

std::string deflated(const std::string& plain) {
  WriteBuffer out;
  detail::append_deflated(out, {reinterpret_cast<const uint8_t*>(plain.data()), plain.size()});
  return std::string(out.view());
}

class THeaderMalformed : public ::testing::Test {
 protected:
  void SetUp() override {
    EXPECT_EQ(calc::add_on(good_, 1, 2), 3);
    good_.send(next_call_.substr(0, next_call_.size() / 2));
  }
  bool server_closes_after(std::string_view bytes) {
    RawClient raw(server_.server->port());
    raw.send(bytes);
    return raw.closed_by_server();
  }
  void expect_good_client_still_served() {
    EXPECT_TRUE(good_.send(next_call_.substr(next_call_.size() / 2)));
    EXPECT_EQ(calc::read_add_reply(good_), 42);
    EXPECT_EQ(calc::add_on(good_, 5, 6), 11);
  }

  calc::LogCapture log_;
  calc::CalcServer server_{one_loop()};
  RawClient good_{server_.server->port()};
  const std::string next_call_ = calc::add_call(20, 22);
};

TEST_F(THeaderMalformed, UnknownProtocolIdClosesTheConnection) {
  std::string call = header_call(1, 2);
  call[14] = 0x05;
  EXPECT_TRUE(server_closes_after(call));
  EXPECT_TRUE(log_.contains("unknown protocol id 5"));
  expect_good_client_still_served();
}

TEST_F(THeaderMalformed, UnknownTransformIdClosesTheConnection) {
  std::string call = header_call(1, 2, true);
  ASSERT_EQ(call[16], 0x01);  // the zlib transform's id
  call[16] = 0x07;
  EXPECT_TRUE(server_closes_after(call));
  EXPECT_TRUE(log_.contains("unknown transform id 7"));
  expect_good_client_still_served();
}

TEST_F(THeaderMalformed, HeaderSizeBeyondTheFrameClosesTheConnection) {
  std::string call = header_call(1, 2);
  call[12] = 0x01;  // 256 words = 1 KiB of header in a frame of ~40 bytes
  call[13] = 0x00;
  EXPECT_TRUE(server_closes_after(call));
  EXPECT_TRUE(log_.contains("beyond the frame"));
  expect_good_client_still_served();
}

TEST_F(THeaderMalformed, HeaderOf64KiBOrMoreIsRefusedAsLibthriftDoes) {
  // 16384 words, all present: within the frame, beyond Apache's bound.
  EXPECT_TRUE(server_closes_after(frame(std::string(65536, '\0'), "", 0x4000)));
  EXPECT_TRUE(log_.contains("header size of 16384 words"));
  expect_good_client_still_served();
}

TEST_F(THeaderMalformed, TruncatedVarintInTheHeaderClosesTheConnection) {
  EXPECT_TRUE(server_closes_after(frame(std::string(4, '\x80'), "", 1)));
  EXPECT_TRUE(log_.contains("truncated varint"));
  expect_good_client_still_served();
}

TEST_F(THeaderMalformed, MoreInfoHeadersAnnouncedThanPresentClosesTheConnection) {
  // binary, no transforms, key/value info with 0x7f pairs, one present.
  std::string header = std::string("\x00\x00\x01\x7f\x01k\x01v", 8);
  EXPECT_TRUE(server_closes_after(frame(header, "", 2)));
  EXPECT_TRUE(log_.contains("fewer info headers than announced"));
  expect_good_client_still_served();
}

TEST_F(THeaderMalformed, InfoHeaderLongerThanTheHeaderClosesTheConnection) {
  std::string header = std::string("\x00\x00\x01\x01\x40k\x00\x00", 8);  // key of 64 bytes
  EXPECT_TRUE(server_closes_after(frame(header, "", 2)));
  EXPECT_TRUE(log_.contains("info header runs past the header"));
  expect_good_client_still_served();
}

TEST_F(THeaderMalformed, ZlibBombClosesTheConnection) {
  // 8 MiB of zeros compress to about 8 KiB; the limit is 1 MiB.
  std::string bomb = deflated(std::string(8 << 20, '\0'));
  ASSERT_LT(bomb.size(), 64u << 10);
  EXPECT_TRUE(server_closes_after(frame(std::string("\x00\x01\x01\x00", 4), bomb, 1)));
  EXPECT_TRUE(log_.contains("inflates past the frame limit"));
  expect_good_client_still_served();
}

TEST_F(THeaderMalformed, CorruptZlibPayloadClosesTheConnection) {
  std::string payload = deflated(calc::message(ProtocolKind::Binary, "add", MessageType::Call, 1,
                                               calc::TwoInts{}));
  payload[payload.size() / 2] ^= 0x5a;
  payload[2] ^= 0xff;
  EXPECT_TRUE(server_closes_after(frame(std::string("\x00\x01\x01\x00", 4), payload, 1)));
  EXPECT_TRUE(log_.contains("zlib payload"));
  expect_good_client_still_served();
}

TEST_F(THeaderMalformed, BadMagicAfterAHeaderFrameIsAnsweredThenClosed) {
  RawClient raw(server_.server->port());
  std::string second = header_call(3, 4);
  second[5] = static_cast<char>(0xfe);
  raw.send(header_call(1, 2) + second);
  std::string length = raw.read(4);
  ASSERT_EQ(length.size(), 4u);
  std::string reply = raw.read(2);
  EXPECT_EQ(reply, "\x0f\xff");  // the first call was answered in a header frame
  EXPECT_TRUE(raw.closed_by_server());
  EXPECT_TRUE(log_.contains("bad magic"));
  expect_good_client_still_served();
}

TEST(ZlibTransform, ABombNeverAllocatesPastTheLimit) {
  std::string plain(4 << 20, '\0');
  std::string bomb = deflated(plain);
  std::vector<uint8_t> out;
  const std::size_t limit = 100000;
  EXPECT_THROW(detail::inflate_bounded({reinterpret_cast<const uint8_t*>(bomb.data()), bomb.size()},
                                       limit, out),
               ProtocolError);
  EXPECT_LE(out.capacity(), limit + 1);
}

TEST(ZlibTransform, APayloadOfExactlyTheLimitInflates) {
  std::string plain(100000, 'x');
  std::string stream = deflated(plain);
  std::vector<uint8_t> out;
  detail::inflate_bounded({reinterpret_cast<const uint8_t*>(stream.data()), stream.size()},
                          plain.size(), out);
  EXPECT_EQ(std::string(out.begin(), out.end()), plain);
  EXPECT_THROW(
      detail::inflate_bounded({reinterpret_cast<const uint8_t*>(stream.data()), stream.size()},
                              plain.size() - 1, out),
      ProtocolError);
}

TEST(ZlibTransform, ATruncatedStreamOrTrailingBytesAreRefused) {
  std::string stream = deflated(std::string(5000, 'y'));
  std::vector<uint8_t> out;
  std::string cut = stream.substr(0, stream.size() - 3);
  EXPECT_THROW(detail::inflate_bounded({reinterpret_cast<const uint8_t*>(cut.data()), cut.size()},
                                       1 << 20, out),
               ProtocolError);
  std::string extra = stream + "z";
  EXPECT_THROW(detail::inflate_bounded(
                   {reinterpret_cast<const uint8_t*>(extra.data()), extra.size()}, 1 << 20, out),
               ProtocolError);
}

}  // namespace
