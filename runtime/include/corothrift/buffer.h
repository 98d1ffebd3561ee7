// Byte buffers the protocols write to and read from.
//
// WriteBuffer is a growable byte vector that owns its memory; writers append
// to it and a transport sends data()/size(). It is move-only and keeps its
// capacity across clear(), so one buffer per connection is reused. A buffer
// may also be told to hold large byte strings by reference instead of copying
// them (set_reference_threshold): the server does this for replies, which it
// sends with one gathered write.
// ReadBuffer is a cursor over bytes it does not own (one message, typically a
// transport's read buffer); the bytes must outlive it. Told the shared block
// they lie in, it lets large binaries point into it. Reading past the end
// throws ProtocolError (Kind::Truncated) and never reads out of bounds.
#pragma once

#include <bit>
#include <cassert>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <limits>
#include <memory>
#include <span>
#include <string_view>
#include <type_traits>
#include <vector>

#include <corothrift/detail/shared_block.h>
#include <corothrift/exception.h>

namespace corothrift {

namespace detail {

template <class T>
constexpr T byteswap(T v) noexcept {
  static_assert(std::is_unsigned_v<T>);
  if constexpr (sizeof(T) == 1) {
    return v;
  } else if constexpr (sizeof(T) == 2) {
    return __builtin_bswap16(v);
  } else if constexpr (sizeof(T) == 4) {
    return __builtin_bswap32(v);
  } else {
    return __builtin_bswap64(v);
  }
}

// Unsigned big-endian load/store of 1, 2, 4 or 8 bytes.
template <class T>
inline T load_be(const uint8_t* p) noexcept {
  T v;
  std::memcpy(&v, p, sizeof(T));
  return byteswap(v);
}

template <class T>
inline void store_be(uint8_t* p, T v) noexcept {
  v = byteswap(v);
  std::memcpy(p, &v, sizeof(T));
}

// A fixed-width number (int16_t, int32_t, int64_t, double) as the unsigned
// bits the binary protocol stores big-endian, and back.
template <class T>
constexpr auto number_bits(T v) noexcept {
  return std::bit_cast<
      std::make_unsigned_t<std::conditional_t<std::is_floating_point_v<T>, int64_t, T>>>(v);
}
template <class T>
inline T number_from_bits(const uint8_t* p) noexcept {
  return std::bit_cast<T>(load_be<decltype(number_bits(T{}))>(p));
}

}  // namespace detail

// `size` bytes at `data` that a WriteBuffer refers to instead of holding;
// they come right after the first `at` bytes it holds.
struct ByteRef {
  std::size_t at;
  const uint8_t* data;
  std::size_t size;
};

// An object a WriteBuffer keeps alive for bytes it refers to; destroy(object)
// ends it.
struct KeptObject {
  void* object;
  void (*destroy)(void* object) noexcept;
};

class WriteBuffer {
 public:
  WriteBuffer() = default;
  explicit WriteBuffer(std::size_t capacity) { reserve(capacity); }
  WriteBuffer(const WriteBuffer&) = delete;
  WriteBuffer& operator=(const WriteBuffer&) = delete;
  WriteBuffer(WriteBuffer&& other) noexcept;
  WriteBuffer& operator=(WriteBuffer&& other) noexcept;
  ~WriteBuffer();

  const uint8_t* data() const noexcept { return data_; }
  uint8_t* data() noexcept { return data_; }
  std::size_t size() const noexcept { return size_; }
  std::size_t capacity() const noexcept { return capacity_; }
  bool empty() const noexcept { return size_ == 0; }
  std::span<const uint8_t> bytes() const noexcept { return {data_, size_}; }
  std::string_view view() const noexcept { return {reinterpret_cast<const char*>(data_), size_}; }

  // Keeps the capacity; drops references and what keeps them alive.
  void clear() noexcept {
    size_ = 0;
    if (refs_) clear_references();
  }
  // clear(), and gives the storage back too: for a buffer that may stay
  // unused for long (an idle connection's output).
  void release() noexcept;
  void reserve(std::size_t capacity) {
    if (capacity > capacity_) grow_to(capacity);
  }
  // New bytes are uninitialised; shrinking keeps the capacity.
  void resize(std::size_t size) {
    reserve(size);
    size_ = size;
  }
  // Appends n uninitialised bytes and returns where they start.
  uint8_t* extend(std::size_t n) {
    if (capacity_ - size_ < n) grow_for(n);
    uint8_t* p = data_ + size_;
    size_ += n;
    return p;
  }
  // Makes room for at least n more bytes and returns where they start; call
  // advance(k <= n) after writing k of them.
  uint8_t* tail(std::size_t n) {
    if (capacity_ - size_ < n) grow_for(n);
    return data_ + size_;
  }
  void advance(std::size_t k) noexcept { size_ += k; }
  void append(const void* bytes, std::size_t n) {
    if (n != 0) std::memcpy(extend(n), bytes, n);
  }
  void append(std::span<const uint8_t> bytes) { append(bytes.data(), bytes.size()); }
  void push_back(uint8_t byte) {
    if (size_ == capacity_) grow_for(1);
    data_[size_++] = byte;
  }
  // Rewrites bytes already written, e.g. a frame length reserved up front.
  void overwrite(std::size_t offset, const void* bytes, std::size_t n) noexcept {
    std::memcpy(data_ + offset, bytes, n);
  }

  // References. Once a threshold is set, the protocol writers record a byte
  // string of at least that many bytes by reference (add_reference) instead
  // of copying it. Whoever sets it must keep such bytes valid until the
  // buffer is cleared (keep_alive() is one way), must send the whole content
  // (for_each_piece(), total_size()) rather than data()/size(), and must use
  // mark()/rollback() rather than resize() to take bytes back. Off by default.
  void set_reference_threshold(std::size_t threshold) noexcept { ref_threshold_ = threshold; }
  std::size_t reference_threshold() const noexcept { return ref_threshold_; }
  // Refers to n bytes at `bytes` as the next part of the content.
  void add_reference(const void* bytes, std::size_t n);
  // Owns `kept` until the next clear() (or a rollback to before it): what
  // keeps referenced bytes valid. Destroys it at once if it cannot be kept.
  void keep_alive(KeptObject kept);
  std::size_t reference_count() const noexcept;
  std::size_t referenced_size() const noexcept;
  // Held bytes plus referenced bytes.
  std::size_t total_size() const noexcept { return size_ + referenced_size(); }
  // Calls f(std::span<const uint8_t>) for each non-empty contiguous piece of
  // the content in order, skipping its first `offset` bytes (held and
  // referenced alike); stops early when f returns false.
  template <class F>
  void for_each_piece(std::size_t offset, F&& f) const;

  // A point to roll back to, e.g. when encoding a message fails midway.
  struct Mark {
    std::size_t size;
    std::size_t references;
    std::size_t owners;
  };
  Mark mark() const noexcept;
  void rollback(const Mark& mark) noexcept;

 private:
  struct References;
  void grow_for(std::size_t extra);
  void grow_to(std::size_t capacity);
  void clear_references() noexcept;

  uint8_t* data_ = nullptr;
  std::size_t size_ = 0;
  std::size_t capacity_ = 0;
  std::size_t ref_threshold_ = std::numeric_limits<std::size_t>::max();
  std::unique_ptr<References> refs_;  // allocated by the first reference
};

struct WriteBuffer::References {
  References() = default;
  References(const References&) = delete;
  References& operator=(const References&) = delete;
  ~References() { release_owners(0); }
  // Destroys the owners after the first `keep`, newest first.
  void release_owners(std::size_t keep) noexcept {
    while (owners.size() > keep) {
      KeptObject kept = owners.back();
      owners.pop_back();
      kept.destroy(kept.object);
    }
  }

  std::vector<ByteRef> refs;
  std::size_t bytes = 0;
  std::vector<KeptObject> owners;
};

inline std::size_t WriteBuffer::reference_count() const noexcept {
  return refs_ ? refs_->refs.size() : 0;
}

inline std::size_t WriteBuffer::referenced_size() const noexcept {
  return refs_ ? refs_->bytes : 0;
}

inline WriteBuffer::Mark WriteBuffer::mark() const noexcept {
  return {size_, reference_count(), refs_ ? refs_->owners.size() : 0};
}

template <class F>
void WriteBuffer::for_each_piece(std::size_t offset, F&& f) const {
  auto piece = [&](const uint8_t* p, std::size_t n) {
    if (offset >= n) {
      offset -= n;
      return true;
    }
    p += offset;
    n -= offset;
    offset = 0;
    return f(std::span<const uint8_t>(p, n));
  };
  std::size_t held = 0;
  if (refs_) {
    for (const ByteRef& ref : refs_->refs) {
      if (ref.at > held && !piece(data_ + held, ref.at - held)) return;
      held = ref.at;
      if (!piece(ref.data, ref.size)) return;
    }
  }
  if (size_ > held) piece(data_ + held, size_ - held);
}

class ReadBuffer {
 public:
  ReadBuffer() = default;
  explicit ReadBuffer(std::span<const uint8_t> bytes) noexcept
      : begin_(bytes.data()), cur_(bytes.data()), end_(bytes.data() + bytes.size()) {}
  // Bytes inside a shared block (a connection's read buffer): large binaries
  // decoded from them share the block instead of copying (Binary::assign).
  ReadBuffer(std::span<const uint8_t> bytes, detail::SharedBlock* block) noexcept
      : begin_(bytes.data()), cur_(bytes.data()), end_(bytes.data() + bytes.size()), block_(block) {
    assert(block == nullptr ||
           (reinterpret_cast<const std::byte*>(begin_) >= block->data() &&
            reinterpret_cast<const std::byte*>(end_) <= block->data() + block->capacity()));
  }
  explicit ReadBuffer(std::string_view bytes) noexcept
      : ReadBuffer(std::span<const uint8_t>(reinterpret_cast<const uint8_t*>(bytes.data()),
                                            bytes.size())) {}

  std::size_t size() const noexcept { return static_cast<std::size_t>(end_ - begin_); }
  std::size_t position() const noexcept { return static_cast<std::size_t>(cur_ - begin_); }
  std::size_t remaining() const noexcept { return static_cast<std::size_t>(end_ - cur_); }
  bool at_end() const noexcept { return cur_ == end_; }
  const uint8_t* current() const noexcept { return cur_; }
  std::span<const uint8_t> rest() const noexcept { return {cur_, remaining()}; }

  // Returns the next n bytes and moves past them.
  const uint8_t* take(std::size_t n) {
    if (remaining() < n) throw_truncated(n, remaining());
    const uint8_t* p = cur_;
    cur_ += n;
    return p;
  }
  uint8_t take_byte() {
    if (cur_ == end_) throw_truncated(1, 0);
    return *cur_++;
  }
  void skip(std::size_t n) { take(n); }
  // The block the bytes lie in; null when they are not shared.
  detail::SharedBlock* block() const noexcept { return block_; }

 private:
  const uint8_t* begin_ = nullptr;
  const uint8_t* cur_ = nullptr;
  const uint8_t* end_ = nullptr;
  detail::SharedBlock* block_ = nullptr;
};

}  // namespace corothrift
