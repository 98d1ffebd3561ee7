// Generic read/write of any IDL type, keyed by a type tag that spells the IDL
// type (design.md "Generated code stays thin"). Generated code prints one
// line per field and never a loop; this is exactly its shape:
//
//   // struct Example { 1: i32 id, 2: optional list<map<string,i32>> rows,
//   //                  3: required binary blob, 4: Example & next }
//   struct Example {
//     int32_t id = 0;
//     std::optional<std::vector<std::map<std::string, int32_t>>> rows;
//     corothrift::Binary blob;
//     corothrift::Box<Example> next;
//
//     template <class W>
//     void write(W& w) const {
//       namespace tag = corothrift::tag;
//       w.write_struct_begin("Example");
//       corothrift::write_field<tag::i32>(w, "id", 1, id);
//       corothrift::write_field<tag::list<tag::map<tag::string, tag::i32>>>(w, "rows", 2, rows);
//       corothrift::write_field<tag::binary>(w, "blob", 3, blob);
//       corothrift::write_field<tag::structure<Example>>(w, "next", 4, next);
//       w.write_field_stop();
//       w.write_struct_end();
//     }
//
//     template <class R>
//     void read(R& r) {
//       namespace tag = corothrift::tag;
//       bool has_blob = false;
//       r.read_struct_begin();
//       for (;;) {
//         corothrift::FieldHeader f = r.read_field_begin();
//         if (f.type == corothrift::TType::Stop) break;
//         switch (f.id) {
//           case 1: corothrift::read_field<tag::i32>(r, f.type, id); break;
//           case 2: corothrift::read_field<tag::list<tag::map<tag::string, tag::i32>>>(
//                       r, f.type, rows); break;
//           case 3: has_blob = corothrift::read_field<tag::binary>(r, f.type, blob); break;
//           case 4: corothrift::read_field<tag::structure<Example>>(r, f.type, next); break;
//           default: r.skip(f.type);
//         }
//         r.read_field_end();
//       }
//       r.read_struct_end();
//       if (!has_blob) corothrift::throw_missing_required_field("Example", "blob");
//     }
//     friend bool operator==(const Example&, const Example&) = default;
//     friend auto operator<=>(const Example&, const Example&) = default;
//   };
//
// The same struct is compiled and tested in tests/runtime/codec_test.cc.
//
// Rules the codec follows:
// - write_field skips an empty std::optional or Box (optional fields and null
//   `&` references are not sent); any other value is always sent.
// - read_field reads only when the wire type matches ttype_v<Tag>, else skips
//   the value and returns false; it fills an empty optional/Box first.
// - Containers: any type with begin/end/size works for writing; reading needs
//   clear() and emplace_back/push_back (lists), insert (sets) or try_emplace
//   (maps), so std::deque, std::unordered_map, ... all fit. A read
//   container is cleared first; a duplicate map key keeps the last value.
// - string and binary take std::string, Binary or (write only) string_view.
// - enumeration<E> travels as i32; any i32 is kept, even one E does not name.
// - structure<S> calls S's member templates `write(W&) const` / `read(R&)`.
#pragma once

#include <algorithm>
#include <concepts>
#include <cstdint>
#include <iterator>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>

#include <corothrift/box.h>
#include <corothrift/exception.h>
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

// Container sizes travel as i32.
inline uint32_t wire_size(std::size_t size) {
  if (size > 0x7fffffff) {
    throw_protocol_error(ProtocolError::Kind::SizeLimit, "container too large to encode");
  }
  return static_cast<uint32_t>(size);
}

[[noreturn]] void throw_element_type_mismatch(TType expected, TType got);

inline void check_element_type(TType expected, TType got, uint32_t size) {
  if (got != expected && size != 0) throw_element_type_mismatch(expected, got);
}

// Capacity reserved up front: the wire size is already checked against the
// bytes present, but elements may be much larger in memory than on the wire.
template <class C>
void reserve_for(C& c, uint32_t size) {
  if constexpr (requires { c.reserve(std::size_t{}); }) {
    constexpr std::size_t kMaxReserveBytes = 1 << 20;
    constexpr std::size_t kElemBytes = sizeof(typename C::value_type);
    c.reserve(std::min<std::size_t>(size, kMaxReserveBytes / kElemBytes + 1));
  }
}

// Whether reading Tag overwrites all of a value, so that an old value's
// storage (string capacity, tree nodes) may be reused. A struct's read sets
// only the fields present on the wire, so old structs are never reused.
template <class Tag>
inline constexpr bool kReadOverwrites = true;
template <class S>
inline constexpr bool kReadOverwrites<tag::structure<S>> = false;

template <class Tag, class T>
void reset_unless_overwritten(T& value) {
  if constexpr (!kReadOverwrites<Tag>) value = T{};
}

// std::map / std::set and the like: tree nodes can be taken out and reused.
template <class C>
concept OrderedNodeContainer = requires(C& c) {
  typename C::node_type;
  typename C::key_compare;
  c.extract(c.begin());
};

template <class C>
concept ResizableSequence = requires(C& c) {
  c.resize(std::size_t{});
  { *c.begin() } -> std::same_as<typename C::value_type&>;
};

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

template <class E>
struct Codec<tag::list<E>> {
  static constexpr TType kType = TType::List;
  template <class W, class C>
  static void write(W& w, const C& c) {
    w.write_list_begin(ttype_v<E>, detail::wire_size(std::size(c)));
    for (const auto& elem : c) write_value<E>(w, elem);
    w.write_list_end();
  }
  template <class R, class C>
  static void read(R& r, C& c) {
    ListHeader h = r.read_list_begin();
    detail::check_element_type(ttype_v<E>, h.elem, h.size);
    if constexpr (detail::kReadOverwrites<E> && detail::ResizableSequence<C>) {
      // Elements already there keep their storage (e.g. string capacity).
      c.resize(h.size);
      for (auto& elem : c) read_value<E>(r, elem);
    } else {
      c.clear();
      detail::reserve_for(c, h.size);
      for (uint32_t i = 0; i < h.size; ++i) append(r, c);
    }
    r.read_list_end();
  }

 private:
  template <class R, class C>
  static void append(R& r, C& c) {
    using Elem = typename C::value_type;
    if constexpr (requires {
                    { c.emplace_back() } -> std::same_as<Elem&>;
                  }) {
      read_value<E>(r, c.emplace_back());
    } else {
      Elem elem{};
      read_value<E>(r, elem);
      if constexpr (requires { c.push_back(std::move(elem)); }) {
        c.push_back(std::move(elem));
      } else {
        c.insert(c.end(), std::move(elem));
      }
    }
  }
};

template <class E>
struct Codec<tag::set<E>> {
  static constexpr TType kType = TType::Set;
  template <class W, class C>
  static void write(W& w, const C& c) {
    w.write_set_begin(ttype_v<E>, detail::wire_size(std::size(c)));
    for (const auto& elem : c) write_value<E>(w, elem);
    w.write_set_end();
  }
  // Insertion is hinted at the end: writers send ordered sets in order.
  template <class R, class C>
  static void read(R& r, C& c) {
    ListHeader h = r.read_set_begin();
    detail::check_element_type(ttype_v<E>, h.elem, h.size);
    if constexpr (detail::OrderedNodeContainer<C>) {
      C old;
      old.swap(c);  // its nodes are reused for the new elements
      for (uint32_t i = 0; i < h.size; ++i) {
        if (old.empty()) {
          typename C::value_type elem{};
          read_value<E>(r, elem);
          c.insert(c.end(), std::move(elem));
        } else {
          auto node = old.extract(old.begin());
          detail::reset_unless_overwritten<E>(node.value());
          read_value<E>(r, node.value());
          c.insert(c.end(), std::move(node));  // a duplicate stays in node and is freed
        }
      }
    } else {
      c.clear();
      detail::reserve_for(c, h.size);
      for (uint32_t i = 0; i < h.size; ++i) {
        typename C::value_type elem{};
        read_value<E>(r, elem);
        c.insert(c.end(), std::move(elem));
      }
    }
    r.read_set_end();
  }
};

template <class K, class V>
struct Codec<tag::map<K, V>> {
  static constexpr TType kType = TType::Map;
  template <class W, class C>
  static void write(W& w, const C& c) {
    w.write_map_begin(ttype_v<K>, ttype_v<V>, detail::wire_size(std::size(c)));
    for (const auto& [key, value] : c) {
      write_value<K>(w, key);
      write_value<V>(w, value);
    }
    w.write_map_end();
  }
  template <class R, class C>
  static void read(R& r, C& c) {
    MapHeader h = r.read_map_begin();
    detail::check_element_type(ttype_v<K>, h.key, h.size);
    detail::check_element_type(ttype_v<V>, h.value, h.size);
    if constexpr (detail::OrderedNodeContainer<C>) {
      read_reusing(r, c, h.size);
    } else {
      c.clear();
      detail::reserve_for(c, h.size);
      for (uint32_t i = 0; i < h.size; ++i) {
        typename C::key_type key{};
        read_value<K>(r, key);
        put(r, c, std::move(key));
      }
    }
    r.read_map_end();
  }

 private:
  // Decoding into a map that already holds entries (a reused value): while
  // the keys arrive as the map holds them, values are overwritten in place;
  // after that, the remaining tree nodes are reused for the new entries.
  template <class R, class C>
  static void read_reusing(R& r, C& c, uint32_t size) {
    using Key = typename C::key_type;
    auto it = c.begin();
    uint32_t i = 0;
    Key key{};
    bool pending = false;
    for (; i < size && it != c.end(); ++i) {
      detail::reset_unless_overwritten<K>(key);
      read_value<K>(r, key);
      if constexpr (std::equality_comparable<Key>) {
        if (key == it->first) {
          detail::reset_unless_overwritten<V>(it->second);
          read_value<V>(r, it->second);
          ++it;
          continue;
        }
      }
      pending = true;
      break;
    }
    C spare;
    while (it != c.end()) spare.insert(spare.end(), c.extract(it++));
    if (pending) {
      take_node(spare, std::move(key), r, c);
      ++i;
    }
    for (; i < size; ++i) {
      Key next{};
      read_value<K>(r, next);
      take_node(spare, std::move(next), r, c);
    }
  }

  template <class C, class R>
  static void take_node(C& spare, typename C::key_type&& key, R& r, C& c) {
    if (spare.empty()) {
      put(r, c, std::move(key));
      return;
    }
    auto node = spare.extract(spare.begin());
    node.key() = std::move(key);
    std::size_t before = c.size();
    auto it = c.insert(c.end(), std::move(node));  // a duplicate stays in node and is freed
    if (c.size() == before || !detail::kReadOverwrites<V>) it->second = typename C::mapped_type{};
    read_value<V>(r, it->second);
  }

  // A duplicate key keeps the last value, as Apache's generated code does.
  template <class R, class C>
  static void put(R& r, C& c, typename C::key_type&& key) {
    std::size_t before = c.size();
    auto it = c.try_emplace(c.end(), std::move(key));
    if (c.size() == before) it->second = typename C::mapped_type{};
    read_value<V>(r, it->second);
  }
};

}  // namespace corothrift
