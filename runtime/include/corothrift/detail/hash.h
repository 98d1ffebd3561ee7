// Hashing for generated types. A generated struct hashes its fields with
//
//   template <>
//   struct std::hash<ns::Point> {
//     std::size_t operator()(const ns::Point& p) const {
//       return corothrift::hash_values(p.x, p.y, p.tags);
//     }
//   };
//
// hash_value handles what std::hash does not: std::optional is std's, but
// containers, pairs and enums are covered here. Unordered containers hash
// independently of iteration order, so equal values hash equal.
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <type_traits>
#include <utility>

#include <corothrift/box.h>
#include <corothrift/types.h>

namespace corothrift {

inline void hash_combine(std::size_t& seed, std::size_t h) noexcept {
  seed ^= h + 0x9e3779b97f4a7c15ULL + (seed << 6) + (seed >> 2);
}

template <class T>
std::size_t hash_value(const T& value);

namespace detail {

template <class T>
concept StdHashable = requires(const T& v) {
  { std::hash<T>{}(v) } -> std::convertible_to<std::size_t>;
};

template <class T>
concept Range = requires(const T& v) {
  v.begin();
  v.end();
};

template <class T>
struct IsPair : std::false_type {};
template <class A, class B>
struct IsPair<std::pair<A, B>> : std::true_type {};

}  // namespace detail

template <class T>
std::size_t hash_value(const T& value) {
  if constexpr (std::is_enum_v<T>) {
    return std::hash<std::underlying_type_t<T>>{}(static_cast<std::underlying_type_t<T>>(value));
  } else if constexpr (detail::IsBox<T>::value) {
    // Not std::hash<Box<T>>: it needs std::hash<T>, which a container lacks
    // (a field boxed because it holds its own struct in a map).
    return value ? hash_value(*value) : 0x5bd1e995;
  } else if constexpr (detail::IsPair<T>::value) {
    std::size_t seed = hash_value(value.first);
    hash_combine(seed, hash_value(value.second));
    return seed;
  } else if constexpr (detail::StdHashable<T>) {
    return std::hash<T>{}(value);
  } else if constexpr (requires {
                         typename T::value_type;
                         value.has_value();
                       }) {
    return value ? hash_value(*value) + 1 : 0;  // std::optional of a non-std-hashable T
  } else if constexpr (requires { typename T::hasher; } && detail::Range<T>) {
    std::size_t sum = 0;  // unordered: order-independent
    for (const auto& elem : value) sum += hash_value(elem);
    return sum ^ value.size();
  } else {
    static_assert(detail::Range<T>, "no hash for this type");
    std::size_t seed = 0;
    for (const auto& elem : value) hash_combine(seed, hash_value(elem));
    return seed;
  }
}

template <class... Ts>
std::size_t hash_values(const Ts&... values) {
  std::size_t seed = 0;
  (hash_combine(seed, hash_value(values)), ...);
  return seed;
}

}  // namespace corothrift
