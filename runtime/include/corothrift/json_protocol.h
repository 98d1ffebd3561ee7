// Apache Thrift's JSON protocol (TJSONProtocol), byte for byte as libthrift
// 0.17 writes it:
//
//   [1,"add",1,7,{"1":{"i32":2},"2":{"str":"hi"},"3":{"lst":["dbl",2,1.5,"NaN"]}}]
//
// A message is an array (version 1, name, type, seqid, body); a struct is an
// object keyed by field id whose values are {"<type name>":value}; a list or
// set is [elem type, size, elems...]; a map is [key type, value type, size,
// {key:value,...}] with every key quoted (numbers too). Bools are 0/1, binary
// is base64 without padding (padding is accepted), doubles are %.17g with NaN,
// Infinity and -Infinity as quoted strings. Type names: tf i8 i16 i32 i64 dbl
// str rec map lst set, and uid for uuid (as Apache's later releases write it).
//
// The reader is strict where Apache is lenient: exact type names, no
// whitespace, numbers within their type's range and at most 64 characters,
// escapes limited to JSON's (\" \\ \/ \b \f \n \r \t \uXXXX, surrogate pairs
// paired), valid base64. It accepts raw bytes other than '"' and '\' inside a
// string, as Apache's readers do (Apache Python writes control characters
// raw), and Apache Python's bare nan, inf and -inf doubles, which Apache's
// own readers reject. \u0000 decodes to a NUL byte (libthrift 0.17 drops it).
//
// Ownership and threading as for binary_protocol.h. A writer or reader keeps a
// stack of the JSON arrays and objects it is inside, so one instance must see
// a whole message or struct. The members are out of line: every generated
// struct's read and write is instantiated for each protocol, and calls cost
// less compile time than inlined bodies.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <corothrift/buffer.h>
#include <corothrift/limits.h>
#include <corothrift/types.h>

namespace corothrift {

namespace detail {

// Where a JSON writer or reader is: what comes before the next value.
enum class JsonPlace : uint8_t {
  Top,           // nothing
  ListFirst,     // nothing (first element)
  ListNext,      // ','
  PairFirstKey,  // nothing; the value is a key (numbers are quoted)
  PairValue,     // ':'
  PairKey,       // ','; the value is a key
};

// The places of the enclosing arrays and objects; no allocation for the
// first kInline levels.
class JsonPlaceStack {
 public:
  void push(JsonPlace place) {
    if (size_ < kInline) {
      inline_[size_] = place;
    } else {
      overflow_.push_back(place);
    }
    ++size_;
  }
  JsonPlace pop() noexcept;
  std::size_t size() const noexcept { return size_; }

 private:
  static constexpr std::size_t kInline = 32;
  JsonPlace inline_[kInline] = {};
  std::size_t size_ = 0;
  std::vector<JsonPlace> overflow_;
};

}  // namespace detail

class JsonWriter {
 public:
  explicit JsonWriter(WriteBuffer& out) noexcept : out_(&out) {}
  WriteBuffer& buffer() noexcept { return *out_; }

  // Writes `[1,"name",type,seqid,`: the body follows without a separator.
  void write_message_begin(std::string_view name, MessageType type, int32_t seqid);
  void write_message_end();

  void write_struct_begin(std::string_view /*name*/) { begin_object(); }
  void write_struct_end() { end_object(); }
  void write_field_begin(std::string_view /*name*/, TType type, int16_t id);
  void write_field_end() { end_object(); }
  void write_field_stop() noexcept {}

  void write_map_begin(TType key, TType value, uint32_t size);
  void write_map_end();
  void write_list_begin(TType elem, uint32_t size);
  void write_list_end() { end_array(); }
  void write_set_begin(TType elem, uint32_t size) { write_list_begin(elem, size); }
  void write_set_end() { end_array(); }

  void write_bool(bool v) { write_integer(v ? 1 : 0); }
  void write_byte(int8_t v) { write_integer(v); }
  void write_i16(int16_t v) { write_integer(v); }
  void write_i32(int32_t v) { write_integer(v); }
  void write_i64(int64_t v) { write_integer(v); }
  void write_double(double v);
  void write_string(std::string_view v);
  void write_binary(std::span<const uint8_t> v);
  void write_binary(std::string_view v) {
    write_binary(std::span(reinterpret_cast<const uint8_t*>(v.data()), v.size()));
  }
  void write_uuid(const Uuid& v);

 private:
  // Writes what comes before a value; true when the value is an object key.
  bool separate();
  void write_integer(int64_t v);
  void write_type_name(TType type);
  void open(char bracket, detail::JsonPlace first);
  void close(char bracket);
  void begin_object() { open('{', detail::JsonPlace::PairFirstKey); }
  void end_object() { close('}'); }
  void begin_array() { open('[', detail::JsonPlace::ListFirst); }
  void end_array() { close(']'); }

  WriteBuffer* out_;
  detail::JsonPlace place_ = detail::JsonPlace::Top;
  detail::JsonPlaceStack stack_;
};

class JsonReader {
 public:
  explicit JsonReader(ReadBuffer& in, const DecodeLimits& limits = kDefaultDecodeLimits) noexcept
      : in_(&in), limits_(limits) {}
  ReadBuffer& buffer() noexcept { return *in_; }
  const DecodeLimits& limits() const noexcept { return limits_; }

  // Reads `[1,"name",type,seqid,`; read_message_end reads the closing `]`.
  MessageHeader read_message_begin();
  void read_message_end();
  // The same header with the name as a view into the ReadBuffer's bytes, for
  // the server, which keeps names as views: a name with escapes is a
  // ProtocolError (Apache escapes only control characters, '"' and '\').
  struct HeaderView {
    std::string_view name;
    MessageType type = MessageType::Call;
    int32_t seqid = 0;
  };
  HeaderView read_message_begin_view();

  void read_struct_begin();
  void read_struct_end();
  FieldHeader read_field_begin();
  void read_field_end();

  MapHeader read_map_begin();
  void read_map_end();
  ListHeader read_list_begin();
  void read_list_end();
  ListHeader read_set_begin() { return read_list_begin(); }
  void read_set_end() { read_list_end(); }

  bool read_bool();
  int8_t read_byte();
  int16_t read_i16();
  int32_t read_i32();
  int64_t read_i64();
  double read_double();
  void read_string(std::string& v);
  void read_binary(Binary& v);
  void read_binary(std::string& v);
  Uuid read_uuid();

  // Skips one value of the given type, however nested; depth-limited.
  void skip(TType type);

 private:
  // Reads what comes before a value; true when the value is an object key.
  bool separate();
  void expect(char c);
  void read_version();
  void read_type_and_seqid(MessageType& type, int32_t& seqid);
  // A string without escapes after its separator, as a view into the bytes.
  std::string_view read_plain_string();
  int64_t read_integer(int64_t min, int64_t max);
  std::string_view take_number();
  TType read_type_name();
  void open(char bracket, detail::JsonPlace first);
  void close(char bracket);
  void begin_object() { open('{', detail::JsonPlace::PairFirstKey); }
  void end_object() { close('}'); }
  void begin_array() { open('[', detail::JsonPlace::ListFirst); }
  void end_array() { close(']'); }
  void enter();
  void leave() noexcept { --depth_; }
  // The string at the current position (after its separator), unescaped.
  void read_string_body(std::string& v);
  void decode_base64(std::string& text, std::string& v);

  ReadBuffer* in_;
  DecodeLimits limits_;
  int depth_ = 0;
  detail::JsonPlace place_ = detail::JsonPlace::Top;
  detail::JsonPlaceStack stack_;
  std::string scratch_;
};

}  // namespace corothrift
