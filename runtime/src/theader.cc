#include "theader.h"

#include <corothrift/errors.h>
#include <corothrift/exception.h>

#include <fmt/core.h>

#include "wire_framing.h"
#include "zlib_transform.h"

namespace corothrift::detail {
namespace {

constexpr uint32_t kBinaryProtocolId = 0;
constexpr uint32_t kCompactProtocolId = 2;
constexpr uint32_t kZlibTransform = 1;
constexpr uint32_t kKeyValueInfo = 1;
constexpr std::size_t kFixedBytes = 10;  // magic, flags, seqid, header size
// libthrift 0.17 refuses header sections of 16384 words (64 KiB) or more.
constexpr std::size_t kMaxHeaderWords = 16383;

[[noreturn]] void bad_header(std::string_view why) {
  throw_protocol_error(ProtocolError::Kind::InvalidData, fmt::format("THeader frame: {}", why));
}

// Reads within one header section; every read checks its end.
class HeaderCursor {
 public:
  HeaderCursor(const uint8_t* at, const uint8_t* end) noexcept : at_(at), end_(end) {}
  bool at_end() const noexcept { return at_ == end_; }

  uint32_t varint() {
    uint32_t value = 0;
    for (int shift = 0; shift < 35; shift += 7) {
      if (at_ == end_) bad_header("truncated varint in the header");
      uint8_t byte = *at_++;
      value |= static_cast<uint32_t>(byte & 0x7f) << shift;
      if ((byte & 0x80) == 0) return value;
    }
    bad_header("varint longer than 5 bytes in the header");
  }
  std::string string() {
    uint32_t length = varint();
    if (length > static_cast<std::size_t>(end_ - at_)) bad_header("info header runs past the header");
    std::string s(reinterpret_cast<const char*>(at_), length);
    at_ += length;
    return s;
  }

 private:
  const uint8_t* at_;
  const uint8_t* end_;
};

ProtocolKind protocol_of_id(uint32_t id) {
  if (id == kBinaryProtocolId) return ProtocolKind::Binary;
  if (id == kCompactProtocolId) return ProtocolKind::Compact;
  bad_header(fmt::format("unknown protocol id {}", id));
}

uint32_t id_of_protocol(ProtocolKind kind) {
  return kind == ProtocolKind::Compact ? kCompactProtocolId : kBinaryProtocolId;
}

void read_info_headers(HeaderCursor& in, HeaderMap& headers) {
  while (!in.at_end()) {
    uint32_t id = in.varint();
    // 0 is padding; an id we do not know ends what we can read (the spec
    // orders infos oldest first, so none after it is known either).
    if (id != kKeyValueInfo) return;
    for (uint32_t count = in.varint(); count > 0; --count) {
      if (in.at_end()) bad_header("fewer info headers than announced");
      std::string key = in.string();
      headers.insert_or_assign(std::move(key), in.string());
    }
  }
}

void write_varint(WriteBuffer& out, uint32_t value) {
  while (value >= 0x80) {
    out.push_back(static_cast<uint8_t>(value | 0x80));
    value >>= 7;
  }
  out.push_back(static_cast<uint8_t>(value));
}

void write_string(WriteBuffer& out, const std::string& s) {
  if (s.size() > kMaxHeaderWords * 4) throw TransportError("THeader: info header too long");
  write_varint(out, static_cast<uint32_t>(s.size()));
  out.append(s.data(), s.size());
}

// The fixed part and the header section of a frame; the length is patched
// once the payload is in.
void write_frame_start(WriteBuffer& out, const HeaderWrite& header, ProtocolKind protocol,
                       int32_t seqid) {
  uint8_t* fixed = out.extend(4 + kFixedBytes);
  fixed[4] = kHeaderMagic0;
  fixed[5] = kHeaderMagic1;
  store_be(fixed + 6, header.flags);
  store_be(fixed + 8, static_cast<uint32_t>(seqid));
  const std::size_t start = out.size();
  write_varint(out, id_of_protocol(protocol));
  write_varint(out, header.zlib ? 1 : 0);
  if (header.zlib) write_varint(out, kZlibTransform);
  if (header.headers != nullptr && !header.headers->empty()) {
    write_varint(out, kKeyValueInfo);
    write_varint(out, static_cast<uint32_t>(header.headers->size()));
    for (const auto& [key, value] : *header.headers) {
      write_string(out, key);
      write_string(out, value);
    }
  }
  // Apache's C++ writer pads with 1 to 4 zero bytes (4 when already
  // aligned); its Python writer with 0 to 3. Both read either.
  const std::size_t padding = 4 - (out.size() - start) % 4;
  for (std::size_t i = 0; i < padding; ++i) out.push_back(0);
  const std::size_t words = (out.size() - start) / 4;
  if (words > kMaxHeaderWords) throw TransportError("THeader: info headers exceed 64 KiB");
  uint8_t size[2];
  store_be(size, static_cast<uint16_t>(words));
  out.overwrite(start - 2, size, 2);
}

}  // namespace

void parse_header_frame(std::span<const uint8_t> frame, const DecodeLimits& limits,
                        HeaderFrame& out, std::vector<uint8_t>& inflated) {
  if (frame.size() < kFixedBytes) bad_header("shorter than its fixed fields");
  if (!is_header_frame(frame)) bad_header("bad magic");
  out.flags = load_be<uint16_t>(frame.data() + 2);
  out.seqid = static_cast<int32_t>(load_be<uint32_t>(frame.data() + 4));
  const std::size_t words = load_be<uint16_t>(frame.data() + 8);
  if (words > kMaxHeaderWords) bad_header(fmt::format("header size of {} words", words));
  const std::size_t header_bytes = words * 4;
  if (header_bytes > frame.size() - kFixedBytes) {
    bad_header(fmt::format("header size {} beyond the frame's {} bytes", header_bytes,
                           frame.size() - kFixedBytes));
  }
  const uint8_t* header = frame.data() + kFixedBytes;
  HeaderCursor in(header, header + header_bytes);
  out.protocol = protocol_of_id(in.varint());
  const uint32_t transforms = in.varint();
  out.zlib = false;
  for (uint32_t i = 0; i < transforms; ++i) {
    uint32_t id = in.varint();
    if (id != kZlibTransform) bad_header(fmt::format("unknown transform id {}", id));
    if (out.zlib) bad_header("zlib transform given twice");
    out.zlib = true;
  }
  out.headers.clear();
  read_info_headers(in, out.headers);
  out.payload = frame.subspan(kFixedBytes + header_bytes);
  if (out.zlib) {
    inflate_bounded(out.payload, limits.max_frame_bytes, inflated);
    out.payload = inflated;
  }
}

std::size_t append_header_message(WriteBuffer& out, const HeaderWrite& header,
                                  std::size_t max_size, EncodeMessageFn encode, const void* body,
                                  KeepFn keep, ProtocolKind protocol, std::string_view name,
                                  MessageType type, int32_t seqid) {
  const WriteBuffer::Mark mark = out.mark();
  try {
    write_frame_start(out, header, protocol, seqid);
    const std::size_t prefix = out.size() - mark.size - 4;
    std::size_t payload = 0;
    if (header.zlib) {
      WriteBuffer plain;
      append_message(plain, false, max_size, encode, body, nullptr, protocol, name, type, seqid);
      const std::size_t before = out.size();
      append_deflated(out, plain.bytes());
      payload = out.size() - before;
    } else {
      payload = append_message(out, false, max_size, encode, body, keep, protocol, name, type,
                               seqid);
    }
    const std::size_t size = prefix + payload;
    check_message_size(size, max_size);
    write_frame_length(out, mark.size, size);
    return size;
  } catch (...) {
    out.rollback(mark);
    throw;
  }
}

}  // namespace corothrift::detail
