#include "message_extent.h"

#include <algorithm>
#include <limits>
#include <optional>
#include <type_traits>

#include <fmt/format.h>

#include <corothrift/buffer.h>
#include <corothrift/detail/binary_protocol.h>
#include <corothrift/detail/compact_protocol.h>
#include <corothrift/exception.h>

#include "decode_checks.h"

namespace corothrift::detail {
namespace {

using Kind = ProtocolError::Kind;
using Open = ExtentScan::Open;

// Types whose every value takes Reader::min_wire_size bytes: a container of
// them is passed over in one step (its header's check already found all of
// its bytes there), as the readers' skip does for binary.
template <class Reader>
bool fixed_width(TType type) noexcept {
  switch (type) {
    case TType::Bool:
    case TType::Byte:
    case TType::Double:
    case TType::Uuid:
      return true;
    case TType::I16:
    case TType::I32:
    case TType::I64:
      return std::is_same_v<Reader, BinaryReader>;  // compact: varints
    default:
      return false;
  }
}

// The scan keeps the depth itself (the reader sees one element at a time);
// the reader still checks every length and count against `limits`.
DecodeLimits depth_unbounded(DecodeLimits limits) noexcept {
  limits.max_depth = std::numeric_limits<int>::max();
  return limits;
}

// Walks the message from scan.scanned one element at a time with the
// protocol's reader: a struct's field (header and value), a list's element,
// a map's key or value. A value that is a struct or a container opens a
// level on scan.open; scan.scanned moves past each element only once it is
// whole, and nothing of the scan changes before that, so an element cut
// short by the end of the bytes (ProtocolError Truncated) is read again
// from its start by the next call.
template <class Reader>
class Walk {
 public:
  Walk(ReadBuffer& in, const DecodeLimits& limits, ExtentScan& scan)
      : in_(in), reader_(in, depth_unbounded(limits)), max_depth_(limits.max_depth), scan_(scan) {}

  // The message's size; throws ProtocolError where the one-shot measure does.
  std::size_t to_end() {
    if (!scan_.in_body) {
      (void)reader_.read_message_begin();
      std::optional<Open> body = read_value(TType::Struct);
      scan_.open.reserve(4);
      scan_.open.push_back(*body);
      scan_.in_body = true;
      scan_.scanned = in_.position();
    }
    while (!scan_.open.empty()) {
      step();
      scan_.scanned = in_.position();
    }
    return scan_.scanned;
  }

 private:
  // One element of the innermost open level (or its end).
  void step() {
    Open& top = scan_.open.back();
    std::optional<Open> inner;
    if (top.kind == Open::Kind::Struct) {
      FieldHeader field = reader_.read_field_begin();
      if (field.type == TType::Stop) {
        scan_.open.pop_back();
        return;
      }
      inner = read_value(field.type);
    } else if (top.left == 0) {
      scan_.open.pop_back();
      return;
    } else if (top.kind == Open::Kind::List) {
      inner = read_value(top.elem);
      --top.left;
    } else {
      inner = read_value(top.at_value ? top.value : top.elem);
      if (top.at_value) --top.left;
      top.at_value = !top.at_value;
    }
    if (inner) scan_.open.push_back(*inner);
  }

  // Reads a scalar whole, or a struct's or container's header; returns the
  // level it opens, if any. Changes nothing of the scan.
  std::optional<Open> read_value(TType type) {
    switch (type) {
      case TType::Struct:
        enter();
        return Open{};
      case TType::List:
      case TType::Set: {
        ListHeader h = reader_.read_list_begin();
        reader_.read_list_end();
        enter();
        if (h.size == 0 || fixed_width<Reader>(h.elem)) {
          in_.skip(h.size * Reader::min_wire_size(h.elem));
          return std::nullopt;
        }
        return Open{Open::Kind::List, h.elem, TType::Stop, false, h.size};
      }
      case TType::Map: {
        MapHeader h = reader_.read_map_begin();
        reader_.read_map_end();
        enter();
        if (h.size == 0 || (fixed_width<Reader>(h.key) && fixed_width<Reader>(h.value))) {
          in_.skip(h.size * (Reader::min_wire_size(h.key) + Reader::min_wire_size(h.value)));
          return std::nullopt;
        }
        return Open{Open::Kind::Map, h.key, h.value, false, h.size};
      }
      default:
        reader_.skip(type);
        return std::nullopt;
    }
  }

  // The readers check depth as a level opens, after its header's checks.
  void enter() const {
    if (static_cast<int64_t>(scan_.open.size()) + 1 > max_depth_) throw_depth_exceeded(max_depth_);
  }

  ReadBuffer& in_;
  Reader reader_;
  int max_depth_;
  ExtentScan& scan_;
};

template <class Reader>
std::size_t walk(std::span<const uint8_t> window, const DecodeLimits& limits, ExtentScan& scan) {
  ReadBuffer in(window);
  const std::size_t start = scan.scanned;
  in.skip(start);
  try {
    std::size_t size = Walk<Reader>(in, limits, scan).to_end();
    scan.examined += size - start;
    return size;
  } catch (...) {
    scan.examined += in.position() - start;
    throw;
  }
}

// A message whole in the first bytes measured (the usual case, a small
// message in one read) is measured by the reader's own skip, which keeps no
// levels and is about twice as fast as the walk; nullopt when the bytes end
// first (the walk then starts over, keeping levels).
template <class Reader>
std::optional<std::size_t> whole(std::span<const uint8_t> window, const DecodeLimits& limits,
                                 ExtentScan& scan) {
  ReadBuffer in(window);
  try {
    Reader r(in, limits);
    (void)r.read_message_begin();
    r.skip(TType::Struct);
    scan.examined += in.position();
    return in.position();
  } catch (const ProtocolError& e) {
    scan.examined += in.position();
    if (e.kind() != Kind::Truncated) throw;
    return std::nullopt;
  }
}

template <class Reader>
std::size_t measure(std::span<const uint8_t> window, const DecodeLimits& limits, ExtentScan& scan) {
  if (scan.scanned == 0 && !scan.in_body) {
    if (std::optional<std::size_t> size = whole<Reader>(window, limits, scan)) return *size;
  }
  return walk<Reader>(window, limits, scan);
}

void restart(ExtentScan& scan) noexcept {
  scan.scanned = 0;
  scan.in_body = false;
  // Given back: an idle connection keeps no levels.
  std::vector<Open>().swap(scan.open);
}

// Restarts the scan on the way out unless told to keep it.
class RestartUnlessKept {
 public:
  explicit RestartUnlessKept(ExtentScan& scan) noexcept : scan_(scan) {}
  ~RestartUnlessKept() {
    if (!keep_) restart(scan_);
  }
  RestartUnlessKept(const RestartUnlessKept&) = delete;
  RestartUnlessKept& operator=(const RestartUnlessKept&) = delete;
  void keep() noexcept { keep_ = true; }

 private:
  ExtentScan& scan_;
  bool keep_ = false;
};

}  // namespace

MessageExtent resume_measure(ProtocolKind kind, std::span<const uint8_t> bytes,
                             const DecodeLimits& limits, ExtentScan& scan) {
  std::span<const uint8_t> window = bytes.first(std::min(bytes.size(), limits.max_frame_bytes));
  // Fewer bytes than measured: not the same message (never so from a
  // connection; a caller's mistake must not skip bytes unexamined).
  if (scan.scanned > window.size()) restart(scan);
  RestartUnlessKept guard(scan);
  std::size_t missing = 0;
  try {
    std::size_t size = kind == ProtocolKind::Compact ? measure<CompactReader>(window, limits, scan)
                                                     : measure<BinaryReader>(window, limits, scan);
    return {size, 0};
  } catch (const ProtocolError& e) {
    if (e.kind() != Kind::Truncated) throw;
    missing = e.missing_bytes();
  }
  MessageExtent extent = incomplete_extent(window.size(), bytes.size(), missing, limits);
  guard.keep();
  return extent;
}

MessageExtent incomplete_extent(std::size_t window, std::size_t available, std::size_t missing,
                                const DecodeLimits& limits) {
  const std::size_t at_least = window + missing;
  if (available >= limits.max_frame_bytes || at_least > limits.max_frame_bytes) {
    throw ProtocolError(
        Kind::SizeLimit,
        fmt::format("no message completes within the {}-byte frame limit", limits.max_frame_bytes));
  }
  return {0, at_least};
}

}  // namespace corothrift::detail
