#include <corothrift/detail/binary_protocol.h>

#include "decode_checks.h"

namespace corothrift {

MessageHeader BinaryReader::read_message_begin() {
  MessageHeader header;
  int32_t first = read_i32();
  if (first < 0) {
    auto word = static_cast<uint32_t>(first);
    if ((word & 0xffff0000) != BinaryWriter::kVersion1) {
      throw_protocol_error(ProtocolError::Kind::BadVersion, "bad binary protocol version");
    }
    header.type = static_cast<MessageType>(word & 0xff);
    read_string(header.name);
    header.seqid = read_i32();
    return header;
  }
  if (strict_read_) {
    throw_protocol_error(ProtocolError::Kind::BadVersion,
                         "message without version in strict read mode");
  }
  // Old (non-strict) header: the first word was the name's length.
  if (static_cast<std::size_t>(first) > limits_.max_string_bytes ||
      static_cast<std::size_t>(first) > in_->remaining()) {
    bad_length(first);
  }
  header.name.assign(reinterpret_cast<const char*>(in_->take(static_cast<std::size_t>(first))),
                     static_cast<std::size_t>(first));
  header.type = static_cast<MessageType>(in_->take_byte());
  header.seqid = read_i32();
  return header;
}

MapHeader BinaryReader::read_map_begin() {
  const uint8_t* p = in_->take(6);
  MapHeader header{static_cast<TType>(p[0]), static_cast<TType>(p[1]), 0};
  auto size = static_cast<int32_t>(detail::load_be<uint32_t>(p + 2));
  detail::check_value_type(header.key, size);
  detail::check_value_type(header.value, size);
  detail::check_container(size, min_wire_size(header.key) + min_wire_size(header.value),
                          in_->remaining(), limits_);
  header.size = static_cast<uint32_t>(size);
  enter();
  return header;
}

ListHeader BinaryReader::read_list_begin() {
  const uint8_t* p = in_->take(5);
  ListHeader header{static_cast<TType>(p[0]), 0};
  auto size = static_cast<int32_t>(detail::load_be<uint32_t>(p + 1));
  detail::check_value_type(header.elem, size);
  detail::check_container(size, min_wire_size(header.elem), in_->remaining(), limits_);
  header.size = static_cast<uint32_t>(size);
  enter();
  return header;
}

std::size_t BinaryReader::min_wire_size(TType type) noexcept {
  switch (type) {
    case TType::Bool:
    case TType::Byte:
    case TType::Struct:
      return 1;
    case TType::I16:
      return 2;
    case TType::I32:
    case TType::String:
      return 4;
    case TType::Double:
    case TType::I64:
      return 8;
    case TType::List:
    case TType::Set:
      return 5;
    case TType::Map:
      return 6;
    case TType::Uuid:
      return 16;
    default:
      return 0;
  }
}

namespace {

bool is_fixed_width(TType type) noexcept {
  switch (type) {
    case TType::Bool:
    case TType::Byte:
    case TType::I16:
    case TType::I32:
    case TType::I64:
    case TType::Double:
    case TType::Uuid:
      return true;
    default:
      return false;
  }
}

}  // namespace

void BinaryReader::skip(TType type) {
  switch (type) {
    case TType::Bool:
    case TType::Byte:
    case TType::I16:
    case TType::I32:
    case TType::I64:
    case TType::Double:
    case TType::Uuid:
      in_->skip(min_wire_size(type));
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
      if (is_fixed_width(h.key) && is_fixed_width(h.value)) {
        in_->skip(h.size * (min_wire_size(h.key) + min_wire_size(h.value)));
      } else {
        for (uint32_t i = 0; i < h.size; ++i) {
          skip(h.key);
          skip(h.value);
        }
      }
      read_map_end();
      return;
    }
    case TType::Set:
    case TType::List: {
      ListHeader h = read_list_begin();
      if (is_fixed_width(h.elem)) {
        in_->skip(h.size * min_wire_size(h.elem));
      } else {
        for (uint32_t i = 0; i < h.size; ++i) skip(h.elem);
      }
      read_list_end();
      return;
    }
    default:
      detail::throw_cannot_skip(type);
  }
}

void BinaryReader::depth_exceeded() { detail::throw_depth_exceeded(limits_.max_depth); }

void BinaryReader::bad_length(int64_t size) {
  detail::throw_bad_length(size, in_->remaining(), limits_);
}

}  // namespace corothrift
