// Value types shared by every protocol and by generated code.
//
// TType and MessageType carry Apache Thrift's wire codes. Binary is the C++
// type of IDL `binary`: a byte string that is deliberately not std::string so
// that overloads (and the codec) can tell text from bytes. Uuid is IDL `uuid`:
// 16 bytes in wire order (RFC 4122 text order), canonical text via to_string.
#pragma once

#include <array>
#include <compare>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <functional>
#include <initializer_list>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include <corothrift/detail/shared_block.h>

namespace corothrift {

// Apache Thrift's TType codes (binary protocol values).
enum class TType : uint8_t {
  Stop = 0,
  Void = 1,
  Bool = 2,
  Byte = 3,  // IDL i8 / byte
  Double = 4,
  I16 = 6,
  I32 = 8,
  I64 = 10,
  String = 11,  // string and binary
  Struct = 12,  // struct, union, exception
  Map = 13,
  Set = 14,
  List = 15,
  Uuid = 16,
};

enum class MessageType : uint8_t {
  Call = 1,
  Reply = 2,
  Exception = 3,
  Oneway = 4,
};

std::string_view ttype_name(TType type) noexcept;
// True for the codes above other than Stop and Void: those a value can have.
constexpr bool is_value_type(TType type) noexcept {
  switch (type) {
    case TType::Bool:
    case TType::Byte:
    case TType::Double:
    case TType::I16:
    case TType::I32:
    case TType::I64:
    case TType::String:
    case TType::Struct:
    case TType::Map:
    case TType::Set:
    case TType::List:
    case TType::Uuid:
      return true;
    default:
      return false;
  }
}
std::string_view message_type_name(MessageType type) noexcept;

namespace detail {

// memcpy for byte strings that are usually short (field names, map keys):
// fixed-size copies compile to a few moves instead of a library call.
inline void copy_bytes(void* to, const void* from, std::size_t n) noexcept {
  auto* d = static_cast<uint8_t*>(to);
  const auto* s = static_cast<const uint8_t*>(from);
  if (n >= 8 && n <= 16) {
    std::memcpy(d, s, 8);
    std::memcpy(d + n - 8, s + n - 8, 8);
  } else if (n >= 4 && n < 8) {
    std::memcpy(d, s, 4);
    std::memcpy(d + n - 4, s + n - 4, 4);
  } else if (n > 16) {
    std::memcpy(d, s, n);
  } else {
    for (std::size_t i = 0; i < n; ++i) d[i] = s[i];
  }
}

// memcmp(a, b, n) == 0 for byte strings that are usually short (map keys):
// two overlapping word compares instead of a library call up to 16 bytes.
inline bool same_bytes(const void* a, const void* b, std::size_t n) noexcept {
  const auto* x = static_cast<const uint8_t*>(a);
  const auto* y = static_cast<const uint8_t*>(b);
  if (n >= 8 && n <= 16) {
    uint64_t x0, x1, y0, y1;
    std::memcpy(&x0, x, 8);
    std::memcpy(&x1, x + n - 8, 8);
    std::memcpy(&y0, y, 8);
    std::memcpy(&y1, y + n - 8, 8);
    return ((x0 ^ y0) | (x1 ^ y1)) == 0;
  }
  if (n >= 4 && n < 8) {
    uint32_t x0, x1, y0, y1;
    std::memcpy(&x0, x, 4);
    std::memcpy(&x1, x + n - 4, 4);
    std::memcpy(&y0, y, 4);
    std::memcpy(&y1, y + n - 4, 4);
    return ((x0 ^ y0) | (x1 ^ y1)) == 0;
  }
  if (n > 16) return std::memcmp(x, y, n) == 0;
  for (std::size_t i = 0; i < n; ++i) {
    if (x[i] != y[i]) return false;
  }
  return true;
}

// std::string::assign goes through a general replace routine; decoding into a
// reused string of the same or greater length needs only a copy. Growing by
// resize would first zero the new bytes, which costs as much as the copy for
// a large value, so large growth takes assign.
inline void assign_bytes(std::string& to, const void* data, std::size_t size) {
  constexpr std::size_t kAssignAbove = 256;
  if (size > kAssignAbove && size > to.size()) {
    to.assign(static_cast<const char*>(data), size);
    return;
  }
  to.resize(size);
  copy_bytes(to.data(), data, size);
}

}  // namespace detail

// What a reader returns for a field header; type Stop ends the struct.
struct FieldHeader {
  TType type = TType::Stop;
  int16_t id = 0;
};

// List and set headers.
struct ListHeader {
  TType elem = TType::Stop;
  uint32_t size = 0;
};

// For an empty map the compact protocol sends no types: both are Stop then.
struct MapHeader {
  TType key = TType::Stop;
  TType value = TType::Stop;
  uint32_t size = 0;
};

struct MessageHeader {
  std::string name;
  MessageType type = MessageType::Call;
  int32_t seqid = 0;

  friend bool operator==(const MessageHeader&, const MessageHeader&) = default;
};

// Decoders make a binary of at least this many bytes share the received
// message's memory instead of copying it (see Binary)...
inline constexpr std::size_t kShareBinaryAtLeast = 16 * 1024;
// ...unless the block it would keep alive is more than this many times its
// size (a small value kept from a huge message is copied instead).
inline constexpr std::size_t kShareBinaryMaxPin = 8;

namespace detail {
// Whether `size` bytes lying in `block` (null: not shared) are worth sharing
// rather than copying, by the two rules above.
inline bool worth_sharing(const SharedBlock* block, std::size_t size) noexcept {
  return block != nullptr && size >= kShareBinaryAtLeast &&
         block->capacity() <= size * kShareBinaryMaxPin;
}
}  // namespace detail

// A byte string. Storage is a std::string (small-buffer optimised, cheap to
// move); the bytes are exposed as uint8_t / std::byte views.
//
// A binary of kShareBinaryAtLeast bytes or more that a server or client
// decodes from the wire instead points into the received message (a shared,
// reference-counted block), so a large request argument or reply value is not
// copied. Such a binary keeps the memory the message was read into alive
// (at most kShareBinaryMaxPin times its own size) until it is destroyed,
// reassigned or modified: mutable access (non-const data(),
// storage()) first copies the bytes into the binary's own storage, as does
// unshare(). Copies of a sharing binary share too. Values are the same
// whichever way they are stored: ==, <=>, hashing and formatting only see
// the bytes.
class Binary {
 public:
  Binary() = default;
  explicit Binary(std::string_view bytes) : bytes_(bytes) {}
  explicit Binary(std::string&& bytes) noexcept : bytes_(std::move(bytes)) {}
  explicit Binary(std::span<const uint8_t> bytes)
      : bytes_(reinterpret_cast<const char*>(bytes.data()), bytes.size()) {}
  explicit Binary(std::span<const std::byte> bytes)
      : bytes_(reinterpret_cast<const char*>(bytes.data()), bytes.size()) {}
  Binary(std::initializer_list<uint8_t> bytes)
      : bytes_(reinterpret_cast<const char*>(std::data(bytes)), bytes.size()) {}
  Binary(const uint8_t* data, std::size_t size)
      : bytes_(reinterpret_cast<const char*>(data), size) {}

  const uint8_t* data() const noexcept {
    return block_ ? shared_ : reinterpret_cast<const uint8_t*>(bytes_.data());
  }
  uint8_t* data() {
    unshare();
    return reinterpret_cast<uint8_t*>(bytes_.data());
  }
  std::size_t size() const noexcept { return block_ ? shared_size_ : bytes_.size(); }
  bool empty() const noexcept { return size() == 0; }
  uint8_t operator[](std::size_t i) const noexcept { return data()[i]; }

  std::span<const uint8_t> bytes() const noexcept { return {data(), size()}; }
  // The same bytes seen as chars, for I/O and hashing; not a claim of text.
  std::string_view view() const noexcept {
    return {reinterpret_cast<const char*>(data()), size()};
  }
  // Mutable access to the storage (resize, append) without a copy, once the
  // binary owns its bytes.
  std::string& storage() {
    unshare();
    return bytes_;
  }

  void assign(const void* data, std::size_t size) {
    // `data` may lie in the shared block: copy before letting go of it.
    detail::assign_bytes(bytes_, data, size);
    block_.reset();
  }
  // What decoders call: `data` lies in `block` (or block is null). Shares the
  // block when the value is large enough and the block not too large for it,
  // copies otherwise.
  void assign(const void* data, std::size_t size, detail::SharedBlock* block) {
    if (!detail::worth_sharing(block, size)) {
      assign(data, size);
      return;
    }
    block_ = detail::BlockRef::share(block);
    shared_ = static_cast<const uint8_t*>(data);
    shared_size_ = size;
    bytes_.clear();
  }
  void clear() noexcept {
    block_.reset();
    bytes_.clear();
  }
  // True while the bytes lie in a received message rather than in storage().
  bool shares_buffer() const noexcept { return static_cast<bool>(block_); }
  // Copies shared bytes into the binary's own storage and lets go of the
  // message they came from; nothing when it owns its bytes already.
  void unshare() {
    if (!block_) return;
    bytes_.assign(reinterpret_cast<const char*>(shared_), shared_size_);
    block_.reset();
  }

  friend bool operator==(const Binary& a, const Binary& b) noexcept {
    return a.view() == b.view();
  }
  // Orders as unsigned bytes (char_traits<char> compares as unsigned char).
  friend std::strong_ordering operator<=>(const Binary& a, const Binary& b) noexcept {
    return a.view().compare(b.view()) <=> 0;
  }

 private:
  std::string bytes_;
  // When set, the bytes are [shared_, shared_ + shared_size_) inside it and
  // bytes_ is empty.
  detail::BlockRef block_;
  const uint8_t* shared_ = nullptr;
  std::size_t shared_size_ = 0;
};

class Uuid {
 public:
  constexpr Uuid() = default;
  constexpr explicit Uuid(const std::array<uint8_t, 16>& bytes) : bytes_(bytes) {}

  // Accepts "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx", optionally in braces,
  // hex digits of either case; nullopt on anything else.
  static std::optional<Uuid> parse(std::string_view text) noexcept;
  // Lower-case canonical 36-character form.
  std::string to_string() const;

  const std::array<uint8_t, 16>& bytes() const noexcept { return bytes_; }
  std::array<uint8_t, 16>& bytes() noexcept { return bytes_; }
  bool is_nil() const noexcept { return *this == Uuid{}; }

  friend constexpr bool operator==(const Uuid&, const Uuid&) = default;
  friend constexpr auto operator<=>(const Uuid&, const Uuid&) = default;

 private:
  std::array<uint8_t, 16> bytes_{};
};

}  // namespace corothrift

template <>
struct std::hash<corothrift::Binary> {
  std::size_t operator()(const corothrift::Binary& b) const noexcept {
    return std::hash<std::string_view>{}(b.view());
  }
};

template <>
struct std::hash<corothrift::Uuid> {
  std::size_t operator()(const corothrift::Uuid& u) const noexcept {
    uint64_t hi = 0;
    uint64_t lo = 0;
    std::memcpy(&hi, u.bytes().data(), 8);
    std::memcpy(&lo, u.bytes().data() + 8, 8);
    return std::hash<uint64_t>{}(hi ^ (lo * 0x9e3779b97f4a7c15ULL));
  }
};
