// Box<T>: the C++ type of a recursive `&` field. A nullable heap box that
// copies deeply and compares by value, so generated structs keep value
// semantics (defaulted `==`, `<=>`, copies) while referring to themselves.
//
// An empty Box is an absent field: write_field skips it (as Apache skips a
// null reference field) and read_value fills it. Empty boxes compare equal
// to each other and before any full one. T may be incomplete where Box<T> is
// declared as a member.
#pragma once

#include <compare>
#include <concepts>
#include <cstddef>
#include <functional>
#include <memory>
#include <type_traits>
#include <utility>

namespace corothrift {

template <class T>
class Box {
 public:
  using value_type = T;

  Box() noexcept = default;
  Box(const T& value) : ptr_(std::make_unique<T>(value)) {}        // NOLINT: implicit by design
  Box(T&& value) : ptr_(std::make_unique<T>(std::move(value))) {}  // NOLINT
  Box(const Box& other) : ptr_(other.ptr_ ? std::make_unique<T>(*other.ptr_) : nullptr) {}
  Box(Box&&) noexcept = default;
  Box& operator=(const Box& other) {
    if (this != &other) ptr_ = other.ptr_ ? std::make_unique<T>(*other.ptr_) : nullptr;
    return *this;
  }
  Box& operator=(Box&&) noexcept = default;
  ~Box() = default;

  bool has_value() const noexcept { return ptr_ != nullptr; }
  explicit operator bool() const noexcept { return has_value(); }
  T& operator*() noexcept { return *ptr_; }
  const T& operator*() const noexcept { return *ptr_; }
  T* operator->() noexcept { return ptr_.get(); }
  const T* operator->() const noexcept { return ptr_.get(); }
  T* get() noexcept { return ptr_.get(); }
  const T* get() const noexcept { return ptr_.get(); }

  template <class... Args>
  T& emplace(Args&&... args) {
    ptr_ = std::make_unique<T>(std::forward<Args>(args)...);
    return *ptr_;
  }
  void reset() noexcept { ptr_.reset(); }

  friend bool operator==(const Box& a, const Box& b) {
    if (!a.ptr_ || !b.ptr_) return !a.ptr_ && !b.ptr_;
    return *a.ptr_ == *b.ptr_;
  }
  // A fixed result type keeps `auto operator<=>` of a self-referring struct
  // deducible; every ordering category converts to partial_ordering.
  friend std::partial_ordering operator<=>(const Box& a, const Box& b) {
    if (!a.ptr_ || !b.ptr_) return a.has_value() <=> b.has_value();
    if constexpr (std::three_way_comparable<T>) {
      return *a.ptr_ <=> *b.ptr_;
    } else {
      if (*a.ptr_ < *b.ptr_) return std::partial_ordering::less;
      if (*b.ptr_ < *a.ptr_) return std::partial_ordering::greater;
      return std::partial_ordering::equivalent;
    }
  }

 private:
  std::unique_ptr<T> ptr_;
};

template <class T>
Box(T) -> Box<T>;

namespace detail {

template <class T>
struct IsBox : std::false_type {};
template <class T>
struct IsBox<Box<T>> : std::true_type {};

}  // namespace detail

}  // namespace corothrift

template <class T>
struct std::hash<corothrift::Box<T>> {
  std::size_t operator()(const corothrift::Box<T>& box) const {
    return box ? std::hash<T>{}(*box) : 0x5bd1e995;
  }
};
