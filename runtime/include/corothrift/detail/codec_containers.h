// Codecs of list, set and map over any C++ container (see codec.h for what
// each container must offer), with storage reuse when decoding into a value
// that already holds elements.
#pragma once

#include <algorithm>
#include <concepts>
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <type_traits>
#include <string>
#include <string_view>
#include <utility>

#include <corothrift/detail/codec_base.h>
#include <corothrift/exception.h>
#include <corothrift/types.h>

namespace corothrift {

namespace detail {

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

// How many elements are allocated ahead of decoding them. The wire size is
// already checked against the bytes present, but an element may be much
// larger in memory than on the wire: beyond this many bytes, storage grows
// only as elements actually decode.
template <class C>
constexpr std::size_t kAheadElements = (std::size_t{1} << 20) / sizeof(typename C::value_type) + 1;

template <class C>
void reserve_for(C& c, uint32_t size) {
  if constexpr (requires { c.reserve(std::size_t{}); }) {
    c.reserve(std::min<std::size_t>(size, kAheadElements<C>));
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

// The C++ number type of a fixed-width number tag (void for other tags):
// lists of these are read and written as one run where the protocol can
// (write_number_run / read_number_run), not one value at a time.
template <class Tag>
struct RunNumber {
  using type = void;
};
template <>
struct RunNumber<tag::i16> {
  using type = int16_t;
};
template <>
struct RunNumber<tag::i32> {
  using type = int32_t;
};
template <>
struct RunNumber<tag::i64> {
  using type = int64_t;
};
template <>
struct RunNumber<tag::double_> {
  using type = double;
};

template <class Tag, class W, class C>
concept WritesNumberRun = !std::is_void_v<typename RunNumber<Tag>::type> &&
                          requires(W& w, const C& c) {
                            w.template write_number_run<typename RunNumber<Tag>::type>(
                                std::begin(c), std::size_t{});
                          };

template <class Tag, class R, class C>
concept ReadsNumberRun = !std::is_void_v<typename RunNumber<Tag>::type> && ResizableSequence<C> &&
                         requires(R& r, C& c) {
                           r.template read_number_run<typename RunNumber<Tag>::type>(
                               c.begin(), std::size_t{});
                         };

}  // namespace detail

template <class E>
struct Codec<tag::list<E>> {
  static constexpr TType kType = TType::List;
  template <class W, class C>
  static void write(W& w, const C& c) {
    w.write_list_begin(ttype_v<E>, detail::wire_size(std::size(c)));
    if constexpr (detail::WritesNumberRun<E, W, C>) {
      w.template write_number_run<typename detail::RunNumber<E>::type>(std::begin(c),
                                                                       std::size(c));
    } else {
      for (const auto& elem : c) write_value<E>(w, elem);
    }
    w.write_list_end();
  }
  template <class R, class C>
  static void read(R& r, C& c) {
    ListHeader h = r.read_list_begin();
    detail::check_element_type(ttype_v<E>, h.elem, h.size);
    if constexpr (detail::ReadsNumberRun<E, R, C>) {
      // The size is already checked against the bytes present, and a number
      // takes no more memory than a few times its wire size.
      c.resize(h.size);
      r.template read_number_run<typename detail::RunNumber<E>::type>(c.begin(), h.size);
    } else if constexpr (detail::kReadOverwrites<E> && detail::ResizableSequence<C>) {
      // Elements already there keep their storage (e.g. string capacity).
      std::size_t ahead = std::max(c.size(), detail::kAheadElements<C>);
      std::size_t reused = std::min<std::size_t>(h.size, ahead);
      c.resize(reused);
      for (auto& elem : c) read_value<E>(r, elem);
      for (std::size_t i = reused; i < h.size; ++i) append(r, c);
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
      if constexpr (std::is_same_v<K, tag::string> && std::is_same_v<Key, std::string> &&
                    requires { r.read_string_view(); }) {
        // Compared where it lies: a key equal to the one held is not copied.
        std::string_view wire = r.read_string_view();
        if (wire.size() == it->first.size() &&
            detail::same_bytes(wire.data(), it->first.data(), wire.size())) {
          detail::reset_unless_overwritten<V>(it->second);
          read_value<V>(r, it->second);
          ++it;
          continue;
        }
        detail::assign_bytes(key, wire.data(), wire.size());
      } else {
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
