// THeader frames byte for byte as libthrift 0.17's C++ THeaderProtocol /
// THeaderTransport write them (info headers, binary and compact inside, the
// zlib transform), and each side reads the other's frames.
#include <thrift/protocol/THeaderProtocol.h>
#include <thrift/transport/THeaderTransport.h>

#include <fmt/core.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "apache_adapter.h"
#include "calc_service.h"
#include "theader.h"

namespace {

using namespace corothrift;
using corothrift::testing::ApacheReader;
using corothrift::testing::ApacheWriter;
using Bytes = std::vector<uint8_t>;
namespace at = apache::thrift::transport;
namespace ap = apache::thrift::protocol;

struct Case {
  ProtocolKind protocol;
  bool zlib;
  HeaderMap headers;
};

std::vector<Case> cases() {
  std::vector<Case> all;
  const HeaderMap header_sets[] = {
      {},
      {{"trace-id", "4bf92f3577b34da6"}, {"a", ""}, {"deadline-ms", "250"}},
      // 2 + 2 + (1+3+1+3) = 12 header bytes: aligned, so Apache pads 4.
      {{"key", "val"}},
      {{std::string(200, 'k'), std::string(300, 'v')}},  // two-byte varints
  };
  for (ProtocolKind protocol : {ProtocolKind::Binary, ProtocolKind::Compact}) {
    for (bool zlib : {false, true}) {
      for (const HeaderMap& headers : header_sets) all.push_back({protocol, zlib, headers});
    }
  }
  return all;
}

calc::TwoInts args(int32_t a, int32_t b) {
  calc::TwoInts t;
  t.a = a;
  t.b = b;
  return t;
}

Bytes ours(const Case& c, int32_t seqid) {
  WriteBuffer out;
  calc::TwoInts body = args(-7, 1 << 30);
  detail::append_header_message(out, {0, c.zlib, &c.headers}, 1 << 24,
                                &detail::encode_message<calc::TwoInts>, &body, nullptr, c.protocol,
                                "add", MessageType::Call, seqid);
  return {out.data(), out.data() + out.size()};
}

ap::PROTOCOL_TYPES apache_id(ProtocolKind kind) {
  return kind == ProtocolKind::Compact ? ap::T_COMPACT_PROTOCOL : ap::T_BINARY_PROTOCOL;
}

Bytes theirs(const Case& c, int32_t seqid) {
  auto buffer = std::make_shared<at::TMemoryBuffer>();
  ap::THeaderProtocol p(buffer, apache_id(c.protocol));
  auto transport = std::dynamic_pointer_cast<at::THeaderTransport>(p.getTransport());
  if (c.zlib) transport->setTransform(at::THeaderTransport::ZLIB_TRANSFORM);
  for (const auto& [k, v] : c.headers) p.setHeader(k, v);
  ApacheWriter w(p);
  w.write_message_begin("add", MessageType::Call, seqid);
  args(-7, 1 << 30).write(w);
  w.write_message_end();
  transport->flush();
  std::string s = buffer->getBufferAsString();
  return {s.begin(), s.end()};
}

std::string describe(const Case& c) {
  return fmt::format("{} zlib={} headers={}", protocol_kind_name(c.protocol), c.zlib,
                     c.headers.size());
}

TEST(THeaderBytes, FramesAreByteForByteWhatApacheCppWrites) {
  for (const Case& c : cases()) {
    EXPECT_EQ(ours(c, 77), theirs(c, 77)) << describe(c);
  }
}

TEST(THeaderBytes, AnAlignedHeaderIsPaddedWithFourZeroBytesAsApacheCppDoes) {
  Case c{ProtocolKind::Binary, false, {{"key", "val"}}};
  Bytes bytes = ours(c, 1);
  // Header section: 12 bytes of content + 4 of padding = 4 words.
  EXPECT_EQ(bytes[12], 0);
  EXPECT_EQ(bytes[13], 4);
  EXPECT_EQ(Bytes(bytes.begin() + 26, bytes.begin() + 30), Bytes(4, 0));
}

TEST(THeaderBytes, ApacheCppReadsOurFrames) {
  for (const Case& c : cases()) {
    Bytes bytes = ours(c, 9);
    auto buffer = std::make_shared<at::TMemoryBuffer>(bytes.data(),
                                                      static_cast<uint32_t>(bytes.size()),
                                                      at::TMemoryBuffer::COPY);
    ap::THeaderProtocol p(buffer, apache_id(ProtocolKind::Binary));
    ApacheReader r(p);
    MessageHeader header = r.read_message_begin();
    calc::TwoInts got;
    got.read(r);
    r.read_message_end();
    EXPECT_EQ(header.name, "add") << describe(c);
    EXPECT_EQ(header.seqid, 9) << describe(c);
    EXPECT_EQ(got.a, -7) << describe(c);
    EXPECT_EQ(got.b, 1 << 30) << describe(c);
    HeaderMap received(p.getHeaders().begin(), p.getHeaders().end());
    EXPECT_EQ(received, c.headers) << describe(c);
  }
}

TEST(THeaderBytes, WeReadApacheCppFrames) {
  for (const Case& c : cases()) {
    Bytes bytes = theirs(c, 31);
    ASSERT_GT(bytes.size(), 4u);
    detail::HeaderFrame frame;
    std::vector<uint8_t> inflated;
    detail::parse_header_frame(std::span(bytes).subspan(4), kDefaultDecodeLimits, frame, inflated);
    EXPECT_EQ(frame.protocol, c.protocol) << describe(c);
    EXPECT_EQ(frame.zlib, c.zlib) << describe(c);
    EXPECT_EQ(frame.seqid, 31) << describe(c);
    EXPECT_EQ(frame.headers, c.headers) << describe(c);
    ReadBuffer in(frame.payload);
    calc::TwoInts got;
    with_reader(frame.protocol, in, kDefaultDecodeLimits, [&](auto& r) {
      MessageHeader header = r.read_message_begin();
      EXPECT_EQ(header.name, "add");
      got.read(r);
      r.read_message_end();
    });
    EXPECT_TRUE(in.at_end()) << describe(c);
    EXPECT_EQ(got.a, -7) << describe(c);
  }
}

TEST(THeaderBytes, ApacheCppServerSideEchoesFlagsAndProtocolWhichWeRead) {
  // Apache answers in the protocol and flags of the request it read.
  Bytes request = ours({ProtocolKind::Compact, false, {}}, 5);
  request[6] = 0x12;  // flags, as a client might set them
  request[7] = 0x34;
  auto in = std::make_shared<at::TMemoryBuffer>(request.data(),
                                                static_cast<uint32_t>(request.size()),
                                                at::TMemoryBuffer::COPY);
  auto out = std::make_shared<at::TMemoryBuffer>();
  ap::THeaderProtocol p(in, out, ap::T_BINARY_PROTOCOL);
  ApacheReader r(p);
  r.read_message_begin();
  calc::TwoInts got;
  got.read(r);
  r.read_message_end();
  p.setHeader("reply-key", "reply-value");
  ApacheWriter w(p);
  calc::Calc_add_result result;
  result.value = 42;
  w.write_message_begin("add", MessageType::Reply, 5);
  result.write(w);
  w.write_message_end();
  p.getTransport()->flush();
  std::string s = out->getBufferAsString();
  Bytes reply(s.begin(), s.end());
  detail::HeaderFrame frame;
  std::vector<uint8_t> inflated;
  detail::parse_header_frame(std::span(reply).subspan(4), kDefaultDecodeLimits, frame, inflated);
  EXPECT_EQ(frame.protocol, ProtocolKind::Compact);
  EXPECT_EQ(frame.flags, 0x1234);
  EXPECT_EQ(frame.headers, (HeaderMap{{"reply-key", "reply-value"}}));
}

}  // namespace
