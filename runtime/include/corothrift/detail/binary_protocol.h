// Apache Thrift's binary protocol: big-endian fixed-width values, i32 length
// prefixes, strict message headers on write (0x80010000 | type) and both
// strict and old-style headers on read.
//
// BinaryWriter appends to a WriteBuffer it does not own; BinaryReader reads
// from a ReadBuffer it does not own and enforces DecodeLimits (a copy is
// kept). Neither is thread-safe; both are cheap to construct per message.
// The member set is the same as CompactWriter/CompactReader: code that must
// work with both is a template over the protocol (see codec.h).
#pragma once

#include <bit>
#include <cstdint>
#include <iterator>
#include <span>
#include <string>
#include <string_view>

#include <corothrift/buffer.h>
#include <corothrift/limits.h>
#include <corothrift/types.h>

namespace corothrift {

class BinaryWriter {
 public:
  static constexpr uint32_t kVersion1 = 0x80010000;

  explicit BinaryWriter(WriteBuffer& out) noexcept : out_(&out) {}
  WriteBuffer& buffer() noexcept { return *out_; }

  void write_message_begin(std::string_view name, MessageType type, int32_t seqid) {
    write_u32(kVersion1 | static_cast<uint32_t>(type));
    write_string(name);
    write_i32(seqid);
  }
  void write_message_end() noexcept {}

  void write_struct_begin(std::string_view /*name*/) noexcept {}
  void write_struct_end() noexcept {}
  void write_field_begin(std::string_view /*name*/, TType type, int16_t id) {
    uint8_t* p = out_->extend(3);
    p[0] = static_cast<uint8_t>(type);
    detail::store_be(p + 1, static_cast<uint16_t>(id));
  }
  void write_field_end() noexcept {}
  void write_field_stop() { out_->push_back(0); }

  void write_map_begin(TType key, TType value, uint32_t size) {
    uint8_t* p = out_->extend(6);
    p[0] = static_cast<uint8_t>(key);
    p[1] = static_cast<uint8_t>(value);
    detail::store_be(p + 2, size);
  }
  void write_map_end() noexcept {}
  void write_list_begin(TType elem, uint32_t size) {
    uint8_t* p = out_->extend(5);
    p[0] = static_cast<uint8_t>(elem);
    detail::store_be(p + 1, size);
  }
  void write_list_end() noexcept {}
  void write_set_begin(TType elem, uint32_t size) { write_list_begin(elem, size); }
  void write_set_end() noexcept {}

  void write_bool(bool v) { out_->push_back(v ? 1 : 0); }
  void write_byte(int8_t v) { out_->push_back(static_cast<uint8_t>(v)); }
  void write_i16(int16_t v) { detail::store_be(out_->extend(2), static_cast<uint16_t>(v)); }
  void write_i32(int32_t v) { write_u32(static_cast<uint32_t>(v)); }
  void write_i64(int64_t v) { detail::store_be(out_->extend(8), static_cast<uint64_t>(v)); }
  void write_double(double v) { detail::store_be(out_->extend(8), std::bit_cast<uint64_t>(v)); }
  void write_string(std::string_view v) { write_bytes(v.data(), v.size()); }
  void write_binary(std::span<const uint8_t> v) { write_bytes(v.data(), v.size()); }
  void write_binary(std::string_view v) { write_bytes(v.data(), v.size()); }
  void write_uuid(const Uuid& v) { out_->append(v.bytes().data(), 16); }
  // `n` numbers (int16_t, int32_t, int64_t or double) from `first` on, each
  // as write_i16/i32/i64/double writes it, with one bounds check for all:
  // the body of a list of fixed-width numbers.
  template <class T, class It>
  void write_number_run(It first, std::size_t n) {
    uint8_t* p = out_->extend(n * sizeof(T));
    for (std::size_t i = 0; i < n; ++i, ++first, p += sizeof(T)) {
      detail::store_be(p, detail::number_bits(static_cast<T>(*first)));
    }
  }

 private:
  void write_u32(uint32_t v) { detail::store_be(out_->extend(4), v); }
  void write_bytes(const void* data, std::size_t size) {
    if (size >= out_->reference_threshold()) [[unlikely]] {
      write_u32(static_cast<uint32_t>(size));
      out_->add_reference(data, size);
      return;
    }
    uint8_t* p = out_->extend(4 + size);
    detail::store_be(p, static_cast<uint32_t>(size));
    detail::copy_bytes(p + 4, data, size);
  }

  WriteBuffer* out_;
};

class BinaryReader {
 public:
  explicit BinaryReader(ReadBuffer& in, const DecodeLimits& limits = kDefaultDecodeLimits,
                        bool strict_read = false) noexcept
      : in_(&in), limits_(limits), strict_read_(strict_read) {}
  ReadBuffer& buffer() noexcept { return *in_; }
  const DecodeLimits& limits() const noexcept { return limits_; }

  MessageHeader read_message_begin();
  void read_message_end() noexcept {}

  void read_struct_begin() { enter(); }
  void read_struct_end() noexcept { --depth_; }
  FieldHeader read_field_begin() {
    auto type = static_cast<TType>(in_->take_byte());
    if (type == TType::Stop) return {};
    return {type, read_i16()};
  }
  void read_field_end() noexcept {}

  MapHeader read_map_begin();
  void read_map_end() noexcept { --depth_; }
  ListHeader read_list_begin();
  void read_list_end() noexcept { --depth_; }
  ListHeader read_set_begin() { return read_list_begin(); }
  void read_set_end() noexcept { --depth_; }

  bool read_bool() { return in_->take_byte() != 0; }
  int8_t read_byte() { return static_cast<int8_t>(in_->take_byte()); }
  int16_t read_i16() { return static_cast<int16_t>(detail::load_be<uint16_t>(in_->take(2))); }
  int32_t read_i32() { return static_cast<int32_t>(detail::load_be<uint32_t>(in_->take(4))); }
  int64_t read_i64() { return static_cast<int64_t>(detail::load_be<uint64_t>(in_->take(8))); }
  double read_double() { return std::bit_cast<double>(detail::load_be<uint64_t>(in_->take(8))); }
  // The reverse of BinaryWriter::write_number_run: `n` numbers into `first`
  // and on, one bounds check for all.
  template <class T, class It>
  void read_number_run(It first, std::size_t n) {
    const uint8_t* p = in_->take(n * sizeof(T));
    for (std::size_t i = 0; i < n; ++i, ++first, p += sizeof(T)) {
      *first = static_cast<std::iter_value_t<It>>(detail::number_from_bits<T>(p));
    }
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

  // Skips one value of the given type, however nested; depth-limited.
  void skip(TType type);
  // Bytes the smallest value of the type takes (a container's header).
  static std::size_t min_wire_size(TType type) noexcept;

 private:
  void enter() {
    if (++depth_ > limits_.max_depth) depth_exceeded();
  }
  [[noreturn]] void depth_exceeded();
  // A string/binary length: checked against the limits and the bytes left.
  std::size_t read_length() {
    int32_t size = read_i32();
    if (size < 0 || static_cast<std::size_t>(size) > limits_.max_string_bytes ||
        static_cast<std::size_t>(size) > in_->remaining()) {
      bad_length(size);
    }
    return static_cast<std::size_t>(size);
  }
  [[noreturn]] void bad_length(int64_t size);

  ReadBuffer* in_;
  DecodeLimits limits_;
  int depth_ = 0;
  bool strict_read_;
};

}  // namespace corothrift
