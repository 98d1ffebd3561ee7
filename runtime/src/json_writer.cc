#include <corothrift/json_protocol.h>

#include <charconv>

#include "json_text.h"

namespace corothrift {

using detail::JsonPlace;

namespace detail {

JsonPlace JsonPlaceStack::pop() noexcept {
  --size_;
  if (size_ < kInline) return inline_[size_];
  JsonPlace place = overflow_.back();
  overflow_.pop_back();
  return place;
}

}  // namespace detail

bool JsonWriter::separate() {
  const detail::JsonStep step = detail::json_step(place_);
  place_ = step.next;
  if (step.separator != 0) out_->push_back(static_cast<uint8_t>(step.separator));
  return step.key;
}

void JsonWriter::open(char bracket, detail::JsonPlace first) {
  separate();
  out_->push_back(static_cast<uint8_t>(bracket));
  stack_.push(place_);
  place_ = first;
}

void JsonWriter::close(char bracket) {
  place_ = stack_.pop();
  out_->push_back(static_cast<uint8_t>(bracket));
}

// An object key is quoted, numbers included.
void JsonWriter::write_integer(int64_t v) {
  const bool quoted = separate();
  constexpr std::size_t kRoom = 24;  // 20 digits and sign, plus quotes
  auto* begin = reinterpret_cast<char*>(out_->tail(kRoom));
  char* p = begin;
  if (quoted) *p++ = '"';
  p = std::to_chars(p, begin + kRoom - 1, v).ptr;
  if (quoted) *p++ = '"';
  out_->advance(static_cast<std::size_t>(p - begin));
}

void JsonWriter::write_double(double v) { detail::append_double(*out_, v, separate()); }

void JsonWriter::write_string(std::string_view v) {
  separate();
  out_->push_back('"');
  detail::append_json_escaped(*out_, v);
  out_->push_back('"');
}

void JsonWriter::write_binary(std::span<const uint8_t> v) {
  separate();
  out_->push_back('"');
  detail::append_base64(*out_, v);
  out_->push_back('"');
}

void JsonWriter::write_uuid(const Uuid& v) { write_string(v.to_string()); }

void JsonWriter::write_type_name(TType type) {
  std::string_view name = detail::json_type_name(type);
  separate();
  uint8_t* p = out_->extend(name.size() + 2);
  p[0] = '"';
  std::memcpy(p + 1, name.data(), name.size());
  p[name.size() + 1] = '"';
}

void JsonWriter::write_message_begin(std::string_view name, MessageType type, int32_t seqid) {
  begin_array();
  write_integer(1);
  write_string(name);
  write_integer(static_cast<int64_t>(type));
  write_integer(seqid);
  // The body's separator belongs to the header: a reader that starts at the
  // body (the server's) starts at a value.
  out_->push_back(',');
  place_ = JsonPlace::ListFirst;
}

void JsonWriter::write_message_end() { end_array(); }

void JsonWriter::write_field_begin(std::string_view /*name*/, TType type, int16_t id) {
  write_integer(id);
  begin_object();
  write_type_name(type);
}

void JsonWriter::write_map_begin(TType key, TType value, uint32_t size) {
  begin_array();
  write_type_name(key);
  write_type_name(value);
  write_integer(size);
  begin_object();
}

void JsonWriter::write_map_end() {
  end_object();
  end_array();
}

void JsonWriter::write_list_begin(TType elem, uint32_t size) {
  begin_array();
  write_type_name(elem);
  write_integer(size);
}

}  // namespace corothrift
