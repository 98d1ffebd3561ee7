#include "zlib_transform.h"

#include <corothrift/errors.h>
#include <corothrift/exception.h>

#include <zlib.h>

#include <algorithm>
#include <limits>

#include <fmt/core.h>

namespace corothrift::detail {
namespace {

// Ends a z_stream however the function using it leaves.
class InflateStream {
 public:
  InflateStream() {
    if (inflateInit(&z) != Z_OK) throw TransportError("zlib: inflateInit failed");
  }
  InflateStream(const InflateStream&) = delete;
  InflateStream& operator=(const InflateStream&) = delete;
  ~InflateStream() { inflateEnd(&z); }
  z_stream z{};
};

}  // namespace

void append_deflated(WriteBuffer& out, std::span<const uint8_t> payload) {
  if (payload.size() > std::numeric_limits<uLong>::max() / 2) {
    throw TransportError("zlib: payload too large to compress");
  }
  uLongf size = compressBound(static_cast<uLong>(payload.size()));
  uint8_t* at = out.tail(size);
  // compress2 is deflateInit + deflate(Z_FINISH) + deflateEnd, as Apache's
  // transports do it; the same level gives the same bytes.
  int rc = compress2(at, &size, payload.data(), static_cast<uLong>(payload.size()),
                     Z_DEFAULT_COMPRESSION);
  if (rc != Z_OK) throw TransportError(fmt::format("zlib: compress2 failed ({})", rc));
  out.advance(size);
}

void inflate_bounded(std::span<const uint8_t> stream, std::size_t max_bytes,
                     std::vector<uint8_t>& out) {
  out.clear();
  InflateStream s;
  s.z.next_in = const_cast<Bytef*>(stream.data());
  s.z.avail_in = static_cast<uInt>(std::min<std::size_t>(stream.size(), UINT32_MAX));
  if (s.z.avail_in != stream.size()) {
    throw_protocol_error(ProtocolError::Kind::SizeLimit, "zlib payload too large");
  }
  // Grows with what really comes out, doubling, never past max_bytes + 1
  // (one byte more tells a stream of exactly max_bytes from a longer one).
  std::size_t cap = std::min<std::size_t>(max_bytes + 1, stream.size() * 4 + 256);
  for (;;) {
    out.reserve(cap);  // exactly cap: resize alone may allocate up to twice it
    out.resize(cap);
    s.z.next_out = out.data() + s.z.total_out;
    s.z.avail_out = static_cast<uInt>(cap - s.z.total_out);
    int rc = inflate(&s.z, Z_NO_FLUSH);
    if (rc == Z_STREAM_END) break;
    if (rc != Z_OK && rc != Z_BUF_ERROR) {
      throw_protocol_error(ProtocolError::Kind::InvalidData,
                           fmt::format("corrupt zlib payload ({})", s.z.msg ? s.z.msg : "?"));
    }
    if (s.z.avail_out != 0) {
      throw_protocol_error(ProtocolError::Kind::InvalidData, "truncated zlib payload");
    }
    if (cap > max_bytes) {
      throw_protocol_error(
          ProtocolError::Kind::SizeLimit,
          fmt::format("zlib payload inflates past the frame limit of {} bytes", max_bytes));
    }
    cap = std::min(cap * 2, max_bytes + 1);
  }
  if (s.z.total_out > max_bytes) {
    throw_protocol_error(
        ProtocolError::Kind::SizeLimit,
        fmt::format("zlib payload inflates past the frame limit of {} bytes", max_bytes));
  }
  if (s.z.avail_in != 0) {
    throw_protocol_error(ProtocolError::Kind::InvalidData, "bytes after the zlib payload's end");
  }
  out.resize(s.z.total_out);
}

}  // namespace corothrift::detail
