// The codec's entry points and type tags (see codec.h for how generated code
// uses them): write_value / read_value for one value, write_field /
// read_field for one struct field, and the Codec<Tag> each tag specialises.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <type_traits>

#include <corothrift/box.h>
#include <corothrift/types.h>

namespace corothrift {

namespace tag {
struct bool_ {};
struct i8 {};
struct i16 {};
struct i32 {};
struct i64 {};
struct double_ {};
struct string {};
struct binary {};
struct uuid {};
template <class T>
struct list {};
template <class T>
struct set {};
template <class K, class V>
struct map {};
template <class E>
struct enumeration {};
template <class S>
struct structure {};
}  // namespace tag

template <class Tag>
struct Codec;

// The wire type of a tag.
template <class Tag>
inline constexpr TType ttype_v = Codec<Tag>::kType;

namespace detail {

template <class T>
struct IsNullable : std::false_type {};
template <class T>
struct IsNullable<std::optional<T>> : std::true_type {};
template <class T>
struct IsNullable<Box<T>> : std::true_type {};

template <class T>
inline constexpr bool kIsNullable = IsNullable<std::remove_cvref_t<T>>::value;

}  // namespace detail

template <class Tag, class W, class T>
void write_value(W& w, const T& value) {
  if constexpr (detail::kIsNullable<T>) {
    write_value<Tag>(w, *value);
  } else {
    Codec<Tag>::write(w, value);
  }
}

template <class Tag, class R, class T>
void read_value(R& r, T& value) {
  if constexpr (detail::kIsNullable<T>) {
    if (!value) value.emplace();
    read_value<Tag>(r, *value);
  } else {
    Codec<Tag>::read(r, value);
  }
}

// One whole struct, union or exception: the entry point for a message body
// or a struct serialized alone. Dispatches to Codec<tag::structure<S>>, which
// a generated header specialises (so generated types have no `write`/`read`
// members for an IDL field of that name to clash with).
template <class W, class S>
void write_struct(W& w, const S& value) {
  Codec<tag::structure<S>>::write(w, value);
}

template <class R, class S>
void read_struct(R& r, S& value) {
  Codec<tag::structure<S>>::read(r, value);
}

template <class Tag, class W, class T>
void write_field(W& w, std::string_view name, int16_t id, const T& value) {
  if constexpr (detail::kIsNullable<T>) {
    if (!value) return;
  }
  w.write_field_begin(name, ttype_v<Tag>, id);
  write_value<Tag>(w, value);
  w.write_field_end();
}

// Returns whether the field was read (the wire type matched).
template <class Tag, class R, class T>
bool read_field(R& r, TType wire_type, T& value) {
  if (wire_type != ttype_v<Tag>) {
    r.skip(wire_type);
    return false;
  }
  read_value<Tag>(r, value);
  return true;
}

}  // namespace corothrift
