#include <corothrift/detail/compact_protocol.h>

#include <fmt/format.h>

#include "decode_checks.h"

namespace corothrift {

using Kind = ProtocolError::Kind;

MessageHeader CompactReader::read_message_begin() {
  if (in_->take_byte() != compact::kProtocolId) {
    throw_protocol_error(Kind::BadVersion, "bad compact protocol identifier");
  }
  uint8_t version_and_type = in_->take_byte();
  if ((version_and_type & 0x1f) != compact::kVersion) {
    throw_protocol_error(Kind::BadVersion, "bad compact protocol version");
  }
  MessageHeader header;
  header.type = static_cast<MessageType>((version_and_type >> 5) & 0x07);
  header.seqid = static_cast<int32_t>(read_varint32());
  read_string(header.name);
  return header;
}

MapHeader CompactReader::read_map_begin() {
  uint32_t size = read_varint32();
  MapHeader header;
  if (size != 0) {
    uint8_t types = in_->take_byte();
    header.key = to_ttype(types >> 4);
    header.value = to_ttype(types & 0x0f);
  }
  detail::check_container(static_cast<int32_t>(size),
                          min_wire_size(header.key) + min_wire_size(header.value), in_->remaining(),
                          limits_);
  header.size = size;
  if (++depth_ > limits_.max_depth) depth_exceeded();
  return header;
}

ListHeader CompactReader::read_list_begin() {
  uint8_t byte = in_->take_byte();
  uint32_t size = byte >> 4;
  if (size == 15) size = read_varint32();
  ListHeader header;
  // An empty list's element type is not needed; be lenient about it.
  header.elem = size == 0 && (byte & 0x0f) == 0 ? TType::Stop : to_ttype(byte & 0x0f);
  detail::check_container(static_cast<int32_t>(size), min_wire_size(header.elem), in_->remaining(),
                          limits_);
  header.size = size;
  if (++depth_ > limits_.max_depth) depth_exceeded();
  return header;
}

std::size_t CompactReader::min_wire_size(TType type) noexcept {
  switch (type) {
    case TType::Double:
      return 8;
    case TType::Uuid:
      return 16;
    default:
      return 1;
  }
}

void CompactReader::skip(TType type) {
  switch (type) {
    case TType::Bool:
      read_bool();
      return;
    case TType::Byte:
      in_->skip(1);
      return;
    case TType::I16:
    case TType::I32:
      read_varint32();
      return;
    case TType::I64:
      read_varint64();
      return;
    case TType::Double:
      in_->skip(8);
      return;
    case TType::Uuid:
      in_->skip(16);
      return;
    case TType::String:
      in_->skip(read_length());
      return;
    case TType::Struct: {
      read_struct_begin();
      for (FieldHeader f = read_field_begin(); f.type != TType::Stop; f = read_field_begin()) {
        skip(f.type);
      }
      read_struct_end();
      return;
    }
    case TType::Map: {
      MapHeader h = read_map_begin();
      for (uint32_t i = 0; i < h.size; ++i) {
        skip(h.key);
        skip(h.value);
      }
      read_map_end();
      return;
    }
    case TType::Set:
    case TType::List: {
      ListHeader h = read_list_begin();
      for (uint32_t i = 0; i < h.size; ++i) skip(h.elem);
      read_list_end();
      return;
    }
    default:
      detail::throw_cannot_skip(type);
  }
}

namespace {

// Decodes a varint of at most max_bytes from p, which holds at least that
// many bytes; returns the bytes used, 0 when the varint is longer.
template <class T>
std::size_t decode_varint(const uint8_t* p, std::size_t max_bytes, T& value) noexcept {
  T result = 0;
  for (std::size_t i = 0; i < max_bytes; ++i) {
    result |= static_cast<T>(p[i] & 0x7f) << (7 * i);
    if ((p[i] & 0x80) == 0) {
      value = result;
      return i + 1;
    }
  }
  return 0;
}

template <class T>
T read_varint(ReadBuffer& in, std::size_t max_bytes, const char* too_long) {
  T value = 0;
  if (in.remaining() >= max_bytes) {
    std::size_t used = decode_varint(in.current(), max_bytes, value);
    if (used == 0) throw_protocol_error(Kind::InvalidData, too_long);
    in.skip(used);
    return value;
  }
  // Near the end of the input: byte by byte, so a truncated varint reports
  // Truncated (a stream may simply need more bytes).
  for (std::size_t i = 0; i < max_bytes; ++i) {
    uint8_t byte = in.take_byte();
    value |= static_cast<T>(byte & 0x7f) << (7 * i);
    if ((byte & 0x80) == 0) return value;
  }
  throw_protocol_error(Kind::InvalidData, too_long);
}

}  // namespace

uint32_t CompactReader::read_varint32_slow() {
  return read_varint<uint32_t>(*in_, 5, "32-bit varint longer than 5 bytes");
}

uint64_t CompactReader::read_varint64_slow() {
  return read_varint<uint64_t>(*in_, 10, "64-bit varint longer than 10 bytes");
}

void CompactReader::depth_exceeded() { detail::throw_depth_exceeded(limits_.max_depth); }

void CompactReader::bad_type(uint8_t ctype) {
  throw ProtocolError(Kind::InvalidData, fmt::format("invalid compact type code {}", ctype));
}

void CompactReader::bad_length(uint64_t size) {
  detail::throw_bad_length(size > 0x7fffffff ? -1 : static_cast<int64_t>(size), in_->remaining(),
                           limits_);
}

}  // namespace corothrift
