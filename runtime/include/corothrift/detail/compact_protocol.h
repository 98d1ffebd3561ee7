// Apache Thrift's compact protocol: zigzag varints, field-id deltas, bools
// folded into field headers, size nibbles on lists and sets, little-endian
// doubles, message header 0x82 | version 1 | type << 5.
//
// Ownership and threading as for binary_protocol.h. The writer and reader keep
// the last field id of each open struct (the deltas are relative to it), so
// one instance must see a whole struct from read/write_struct_begin to _end.
#pragma once

#include <bit>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include <corothrift/buffer.h>
#include <corothrift/detail/compact_codes.h>
#include <corothrift/limits.h>
#include <corothrift/types.h>

namespace corothrift {

class CompactWriter {
 public:
  explicit CompactWriter(WriteBuffer& out) noexcept : out_(&out) {}
  WriteBuffer& buffer() noexcept { return *out_; }

  void write_message_begin(std::string_view name, MessageType type, int32_t seqid) {
    out_->push_back(compact::kProtocolId);
    out_->push_back(static_cast<uint8_t>(compact::kVersion | (static_cast<uint8_t>(type) << 5)));
    write_varint32(static_cast<uint32_t>(seqid));
    write_string(name);
  }
  void write_message_end() noexcept {}

  void write_struct_begin(std::string_view /*name*/) {
    stack_.push(last_id_);
    last_id_ = 0;
  }
  void write_struct_end() noexcept { last_id_ = stack_.pop(); }
  // A bool field's header is written by the following write_bool.
  void write_field_begin(std::string_view /*name*/, TType type, int16_t id) {
    if (type == TType::Bool) {
      pending_bool_id_ = id;
      has_pending_bool_ = true;
    } else {
      write_field_header(compact::to_ctype(type), id);
    }
  }
  void write_field_end() noexcept {}
  void write_field_stop() { out_->push_back(0); }

  void write_map_begin(TType key, TType value, uint32_t size) {
    if (size == 0) {
      out_->push_back(0);
      return;
    }
    write_varint32(size);
    out_->push_back(static_cast<uint8_t>(compact::to_ctype(key) << 4 | compact::to_ctype(value)));
  }
  void write_map_end() noexcept {}
  void write_list_begin(TType elem, uint32_t size) {
    uint8_t ctype = compact::to_ctype(elem);
    if (size <= 14) {
      out_->push_back(static_cast<uint8_t>(size << 4 | ctype));
    } else {
      out_->push_back(static_cast<uint8_t>(0xf0 | ctype));
      write_varint32(size);
    }
  }
  void write_list_end() noexcept {}
  void write_set_begin(TType elem, uint32_t size) { write_list_begin(elem, size); }
  void write_set_end() noexcept {}

  void write_bool(bool v) {
    auto ctype = static_cast<uint8_t>(v ? compact::CType::BoolTrue : compact::CType::BoolFalse);
    if (has_pending_bool_) {
      has_pending_bool_ = false;
      write_field_header(ctype, pending_bool_id_);
    } else {
      out_->push_back(ctype);
    }
  }
  void write_byte(int8_t v) { out_->push_back(static_cast<uint8_t>(v)); }
  void write_i16(int16_t v) { write_varint32(compact::zigzag32(v)); }
  void write_i32(int32_t v) { write_varint32(compact::zigzag32(v)); }
  void write_i64(int64_t v) { write_varint64(compact::zigzag64(v)); }
  void write_double(double v) {
    auto bits = std::bit_cast<uint64_t>(v);
    if constexpr (std::endian::native == std::endian::big) bits = detail::byteswap(bits);
    std::memcpy(out_->extend(8), &bits, 8);
  }
  void write_string(std::string_view v) { write_bytes(v.data(), v.size()); }
  void write_binary(std::span<const uint8_t> v) { write_bytes(v.data(), v.size()); }
  void write_binary(std::string_view v) { write_bytes(v.data(), v.size()); }
  void write_uuid(const Uuid& v) { out_->append(v.bytes().data(), 16); }

 private:
  void write_field_header(uint8_t ctype, int16_t id) {
    if (id > last_id_ && id - last_id_ <= 15) {
      out_->push_back(static_cast<uint8_t>((id - last_id_) << 4 | ctype));
    } else {
      out_->push_back(ctype);
      write_i16(id);
    }
    last_id_ = id;
  }
  void write_varint32(uint32_t v) {
    uint8_t* p = out_->tail(5);
    std::size_t n = 0;
    while (v >= 0x80) {
      p[n++] = static_cast<uint8_t>(v | 0x80);
      v >>= 7;
    }
    p[n++] = static_cast<uint8_t>(v);
    out_->advance(n);
  }
  void write_varint64(uint64_t v) {
    uint8_t* p = out_->tail(10);
    std::size_t n = 0;
    while (v >= 0x80) {
      p[n++] = static_cast<uint8_t>(v | 0x80);
      v >>= 7;
    }
    p[n++] = static_cast<uint8_t>(v);
    out_->advance(n);
  }
  void write_bytes(const void* data, std::size_t size) {
    write_varint32(static_cast<uint32_t>(size));
    if (size >= out_->reference_threshold()) [[unlikely]] {
      out_->add_reference(data, size);
      return;
    }
    detail::copy_bytes(out_->extend(size), data, size);
  }

  WriteBuffer* out_;
  int16_t last_id_ = 0;
  int16_t pending_bool_id_ = 0;
  bool has_pending_bool_ = false;
  compact::FieldIdStack stack_;
};

class CompactReader {
 public:
  explicit CompactReader(ReadBuffer& in, const DecodeLimits& limits = kDefaultDecodeLimits) noexcept
      : in_(&in), limits_(limits) {}
  ReadBuffer& buffer() noexcept { return *in_; }
  const DecodeLimits& limits() const noexcept { return limits_; }

  MessageHeader read_message_begin();
  void read_message_end() noexcept {}

  void read_struct_begin() {
    if (++depth_ > limits_.max_depth) depth_exceeded();
    stack_.push(last_id_);
    last_id_ = 0;
  }
  void read_struct_end() noexcept {
    --depth_;
    last_id_ = stack_.pop();
  }
  FieldHeader read_field_begin() {
    uint8_t byte = in_->take_byte();
    uint8_t ctype = byte & 0x0f;
    if (ctype == 0) return {};
    auto delta = static_cast<int16_t>(byte >> 4);
    int16_t id = delta != 0 ? static_cast<int16_t>(last_id_ + delta) : read_i16();
    TType type = to_ttype(ctype);
    if (type == TType::Bool) {
      has_pending_bool_ = true;
      pending_bool_ = ctype == static_cast<uint8_t>(compact::CType::BoolTrue);
    }
    last_id_ = id;
    return {type, id};
  }
  void read_field_end() noexcept {}

  MapHeader read_map_begin();
  void read_map_end() noexcept { --depth_; }
  ListHeader read_list_begin();
  void read_list_end() noexcept { --depth_; }
  ListHeader read_set_begin() { return read_list_begin(); }
  void read_set_end() noexcept { --depth_; }

  bool read_bool() {
    if (has_pending_bool_) {
      has_pending_bool_ = false;
      return pending_bool_;
    }
    return in_->take_byte() == static_cast<uint8_t>(compact::CType::BoolTrue);
  }
  int8_t read_byte() { return static_cast<int8_t>(in_->take_byte()); }
  int16_t read_i16() { return static_cast<int16_t>(compact::unzigzag32(read_varint32())); }
  int32_t read_i32() { return compact::unzigzag32(read_varint32()); }
  int64_t read_i64() { return compact::unzigzag64(read_varint64()); }
  double read_double() {
    uint64_t bits;
    std::memcpy(&bits, in_->take(8), 8);
    if constexpr (std::endian::native == std::endian::big) bits = detail::byteswap(bits);
    return std::bit_cast<double>(bits);
  }
  // The view points into the ReadBuffer's bytes.
  std::string_view read_string_view() {
    std::size_t size = read_length();
    return {reinterpret_cast<const char*>(in_->take(size)), size};
  }
  void read_string(std::string& v) {
    std::string_view bytes = read_string_view();
    detail::assign_bytes(v, bytes.data(), bytes.size());
  }
  void read_binary(Binary& v) {
    std::string_view bytes = read_string_view();
    v.assign(bytes.data(), bytes.size(), in_->block());
  }
  void read_binary(std::string& v) { read_string(v); }
  Uuid read_uuid() {
    Uuid v;
    std::memcpy(v.bytes().data(), in_->take(16), 16);
    return v;
  }

  void skip(TType type);
  static std::size_t min_wire_size(TType type) noexcept;

  // Varints of more than 5 (32-bit) or 10 (64-bit) bytes are rejected.
  uint32_t read_varint32() {
    const uint8_t* p = in_->current();
    if (in_->remaining() >= 1 && p[0] < 0x80) {
      in_->take(1);
      return p[0];
    }
    return read_varint32_slow();
  }
  uint64_t read_varint64() {
    const uint8_t* p = in_->current();
    if (in_->remaining() >= 1 && p[0] < 0x80) {
      in_->take(1);
      return p[0];
    }
    return read_varint64_slow();
  }

 private:
  TType to_ttype(uint8_t ctype) {
    if (ctype >= sizeof(compact::kToTType) || ctype == 0) bad_type(ctype);
    return compact::kToTType[ctype];
  }
  std::size_t read_length() {
    uint32_t size = read_varint32();
    if (size > 0x7fffffff || size > limits_.max_string_bytes || size > in_->remaining()) {
      bad_length(size);
    }
    return size;
  }
  uint32_t read_varint32_slow();
  uint64_t read_varint64_slow();
  [[noreturn]] void depth_exceeded();
  [[noreturn]] void bad_type(uint8_t ctype);
  [[noreturn]] void bad_length(uint64_t size);

  ReadBuffer* in_;
  DecodeLimits limits_;
  int depth_ = 0;
  int16_t last_id_ = 0;
  bool has_pending_bool_ = false;
  bool pending_bool_ = false;
  compact::FieldIdStack stack_;
};

}  // namespace corothrift
