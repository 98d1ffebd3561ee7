// Codecs of the scalar tags, strings, uuid, enums and structs.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include <corothrift/detail/codec_base.h>
#include <corothrift/types.h>

namespace corothrift {

template <>
struct Codec<tag::bool_> {
  static constexpr TType kType = TType::Bool;
  template <class W>
  static void write(W& w, bool v) {
    w.write_bool(v);
  }
  template <class R, class T>
  static void read(R& r, T& v) {
    v = r.read_bool();
  }
};

template <>
struct Codec<tag::i8> {
  static constexpr TType kType = TType::Byte;
  template <class W>
  static void write(W& w, int8_t v) {
    w.write_byte(v);
  }
  template <class R, class T>
  static void read(R& r, T& v) {
    v = static_cast<T>(r.read_byte());
  }
};

template <>
struct Codec<tag::i16> {
  static constexpr TType kType = TType::I16;
  template <class W>
  static void write(W& w, int16_t v) {
    w.write_i16(v);
  }
  template <class R, class T>
  static void read(R& r, T& v) {
    v = static_cast<T>(r.read_i16());
  }
};

template <>
struct Codec<tag::i32> {
  static constexpr TType kType = TType::I32;
  template <class W>
  static void write(W& w, int32_t v) {
    w.write_i32(v);
  }
  template <class R, class T>
  static void read(R& r, T& v) {
    v = static_cast<T>(r.read_i32());
  }
};

template <>
struct Codec<tag::i64> {
  static constexpr TType kType = TType::I64;
  template <class W>
  static void write(W& w, int64_t v) {
    w.write_i64(v);
  }
  template <class R, class T>
  static void read(R& r, T& v) {
    v = static_cast<T>(r.read_i64());
  }
};

template <>
struct Codec<tag::double_> {
  static constexpr TType kType = TType::Double;
  template <class W>
  static void write(W& w, double v) {
    w.write_double(v);
  }
  template <class R, class T>
  static void read(R& r, T& v) {
    v = r.read_double();
  }
};

// string and binary are the same bytes on the wire.
struct BytesCodec {
  static constexpr TType kType = TType::String;
  template <class W>
  static void write(W& w, std::string_view v) {
    w.write_string(v);
  }
  template <class W>
  static void write(W& w, const Binary& v) {
    w.write_binary(v.bytes());
  }
  template <class R>
  static void read(R& r, std::string& v) {
    r.read_string(v);
  }
  template <class R>
  static void read(R& r, Binary& v) {
    r.read_binary(v);
  }
};

template <>
struct Codec<tag::string> : BytesCodec {};
template <>
struct Codec<tag::binary> : BytesCodec {};

template <>
struct Codec<tag::uuid> {
  static constexpr TType kType = TType::Uuid;
  template <class W>
  static void write(W& w, const Uuid& v) {
    w.write_uuid(v);
  }
  template <class R>
  static void read(R& r, Uuid& v) {
    v = r.read_uuid();
  }
};

template <class E>
struct Codec<tag::enumeration<E>> {
  static constexpr TType kType = TType::I32;
  template <class W>
  static void write(W& w, E v) {
    w.write_i32(static_cast<int32_t>(v));
  }
  template <class R>
  static void read(R& r, E& v) {
    v = static_cast<E>(r.read_i32());
  }
};

template <class S>
struct Codec<tag::structure<S>> {
  static constexpr TType kType = TType::Struct;
  template <class W, class T>
  static void write(W& w, const T& v) {
    v.write(w);
  }
  template <class R, class T>
  static void read(R& r, T& v) {
    v.read(r);
  }
};

}  // namespace corothrift
