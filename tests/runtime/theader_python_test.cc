// THeader frames against Apache's Python THeaderTransport (python3-thrift
// 0.17, run under Debian's /usr/bin/python3): byte for byte where the two
// Apache writers agree, and each side reads the other's frames.
//
// The one difference between Apache's writers: C++ pads an already aligned
// header section with 4 zero bytes, Python with none. We write what C++
// writes (theader_bytes_test), and read both.
#include <gtest/gtest.h>

#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include <fmt/core.h>

#include "calc_service.h"
#include "theader.h"

namespace {

using namespace corothrift;
using Bytes = std::vector<uint8_t>;

constexpr const char* kPython = "/usr/bin/python3";

// Writes add(-7, 2^30) as seqid 12 in a header frame with the given
// headers (key=value,...), protocol id and zlib flag; prints its hex.
constexpr const char* kWriteScript = R"(
import sys
from thrift.transport.TTransport import TMemoryBuffer
from thrift.transport.THeaderTransport import THeaderTransport, THeaderClientType, THeaderTransformID
from thrift.protocol.THeaderProtocol import THeaderProtocol
from thrift.Thrift import TMessageType, TType
headers, proto, zlib = sys.argv[1], int(sys.argv[2]), sys.argv[3] == "1"
buf = TMemoryBuffer()
p = THeaderProtocol(buf, (THeaderClientType.HEADERS,), proto)
for pair in filter(None, headers.split(",")):
    k, v = pair.split("=")
    p.set_header(k.encode(), v.encode())
if zlib:
    p.add_transform(THeaderTransformID.ZLIB)
p.writeMessageBegin("add", TMessageType.CALL, 12)
p.writeStructBegin("args")
p.writeFieldBegin("a", TType.I32, 1); p.writeI32(-7); p.writeFieldEnd()
p.writeFieldBegin("b", TType.I32, 2); p.writeI32(1 << 30); p.writeFieldEnd()
p.writeFieldStop(); p.writeStructEnd(); p.writeMessageEnd()
p.trans.flush()
print(buf.getvalue().hex())
)";

// Reads one frame given in hex; prints headers, name, seqid and the args.
constexpr const char* kReadScript = R"(
import sys
from thrift.transport.TTransport import TMemoryBuffer
from thrift.transport.THeaderTransport import THeaderClientType
from thrift.protocol.THeaderProtocol import THeaderProtocol
from thrift.Thrift import TType
p = THeaderProtocol(TMemoryBuffer(bytes.fromhex(sys.argv[1])), (THeaderClientType.HEADERS,))
name, kind, seqid = p.readMessageBegin()
p.readStructBegin()
values = []
while True:
    _, t, fid = p.readFieldBegin()
    if t == TType.STOP:
        break
    values.append(p.readI32())
    p.readFieldEnd()
headers = ",".join("%s=%s" % (k.decode(), v.decode()) for k, v in sorted(p.get_headers().items()))
print("%s %d %s %s" % (name, seqid, values, headers))
)";

std::string run(const std::string& command) {
  std::unique_ptr<FILE, int (*)(FILE*)> pipe(popen(command.c_str(), "r"), pclose);
  if (!pipe) return "popen failed";
  std::string out;
  char chunk[4096];
  while (std::size_t n = fread(chunk, 1, sizeof chunk, pipe.get())) out.append(chunk, n);
  while (!out.empty() && out.back() == '\n') out.pop_back();
  return out;
}

std::string shell_quoted(std::string_view s) { return "'" + std::string(s) + "'"; }

std::string hex(const Bytes& bytes) {
  std::string out;
  for (uint8_t b : bytes) out += fmt::format("{:02x}", b);
  return out;
}

Bytes ours(ProtocolKind protocol, bool zlib, const HeaderMap& headers) {
  WriteBuffer out;
  calc::TwoInts args;
  args.a = -7;
  args.b = 1 << 30;
  detail::append_header_message(out, {0, zlib, &headers}, 1 << 24,
                                &detail::encode_message<calc::TwoInts>, &args, nullptr, protocol,
                                "add", MessageType::Call, 12);
  return {out.data(), out.data() + out.size()};
}

std::string python_frame(const std::string& headers, ProtocolKind protocol, bool zlib) {
  return run(fmt::format("{} -c {} {} {} {}", kPython, shell_quoted(kWriteScript), shell_quoted(headers),
                         protocol == ProtocolKind::Compact ? 2 : 0, zlib ? 1 : 0));
}

struct Case {
  ProtocolKind protocol;
  bool zlib;
  HeaderMap headers;
  std::string flat;  // the same headers as the script takes them
};

// Header sections of 2 or 3 bytes (no info headers, without and with zlib)
// and 14 or 15 (one header): none aligned, so both Apache writers pad them
// alike.
std::vector<Case> unaligned_cases() {
  std::vector<Case> all;
  for (ProtocolKind protocol : {ProtocolKind::Binary, ProtocolKind::Compact}) {
    for (bool zlib : {false, true}) {
      all.push_back({protocol, zlib, {}, ""});
      all.push_back({protocol, zlib, {{"trace", "abc"}}, "trace=abc"});
    }
  }
  return all;
}

TEST(THeaderPython, FramesMatchApachePythonByteForByteWhenTheHeaderIsUnaligned) {
  if (FILE* f = fopen(kPython, "r")) {
    fclose(f);
  } else {
    FAIL() << kPython << " (Debian's, with python3-thrift) is required";
  }
  for (const Case& c : unaligned_cases()) {
    EXPECT_EQ(hex(ours(c.protocol, c.zlib, c.headers)),
              python_frame(c.flat, c.protocol, c.zlib))
        << protocol_kind_name(c.protocol) << " zlib=" << c.zlib << " " << c.flat;
  }
}

TEST(THeaderPython, AnAlignedHeaderDiffersOnlyByApacheCppsFourPaddingBytes) {
  // 2 + 2 + (1+3+1+3) = 12 header bytes.
  Bytes cpp_style = ours(ProtocolKind::Binary, false, {{"key", "val"}});
  std::string python = python_frame("key=val", ProtocolKind::Binary, false);
  Bytes expected = cpp_style;
  expected.erase(expected.begin() + 26, expected.begin() + 30);  // the 4 padding bytes
  expected[13] = 3;                                             // header words
  expected[3] = static_cast<uint8_t>(expected[3] - 4);          // frame length
  EXPECT_EQ(hex(expected), python);
  // And we read Python's unpadded frame.
  Bytes theirs;
  for (std::size_t i = 0; i + 1 < python.size(); i += 2) {
    theirs.push_back(static_cast<uint8_t>(std::stoi(python.substr(i, 2), nullptr, 16)));
  }
  ASSERT_GT(theirs.size(), 4u);
  detail::HeaderFrame frame;
  std::vector<uint8_t> inflated;
  detail::parse_header_frame(std::span(theirs).subspan(4), kDefaultDecodeLimits, frame, inflated);
  EXPECT_EQ(frame.headers, (HeaderMap{{"key", "val"}}));
  EXPECT_EQ(frame.seqid, 12);
}

TEST(THeaderPython, ApachePythonReadsOurFrames) {
  std::vector<Case> all = unaligned_cases();
  all.push_back({ProtocolKind::Compact, true, {{"a", "1"}, {"key", "val"}}, "a=1,key=val"});
  all.push_back({ProtocolKind::Binary, false, {{"key", "val"}}, "key=val"});  // aligned
  for (const Case& c : all) {
    std::string got = run(fmt::format("{} -c {} {}", kPython, shell_quoted(kReadScript),
                                      hex(ours(c.protocol, c.zlib, c.headers))));
    EXPECT_EQ(got, "add 12 [-7, 1073741824] " + c.flat)
        << protocol_kind_name(c.protocol) << " zlib=" << c.zlib;
  }
}

}  // namespace
