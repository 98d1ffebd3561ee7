// The harness every protocol's decoder target shares (binary_decoder_fuzz.cc,
// compact_decoder_fuzz.cc; a new protocol's target is one such file).
//
// The first input byte picks what the rest is decoded as, and with which
// limits; the rest is the encoded value:
//   - a struct of unknown shape, through skip() (what a server does with
//     fields it does not know), or a whole message (header, struct) that
//     measure_message_extent measured first, as an unframed stream does,
//     and that the resumable measure a connection uses answers alike when
//     the bytes come in pieces (the choice byte's top three bits and the
//     bytes pick the pieces' sizes);
//   - one of the generated types of test-idl/e2e/e2e.thrift (containers,
//     unions, recursion, required fields, uuid) or a TApplicationException.
// Malformed input must end in ProtocolError and nothing else. A value that
// decoded must encode, decode again and encode to the same bytes (decoders
// and encoders agree), and be formattable.
#pragma once

#include <corothrift/detail/message.h>
#include <corothrift/protocol.h>

#include <algorithm>

#include <fmt/format.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <span>
#include <string>
#include <vector>

#include "e2e_types.h"
#include "fuzz_bytes.h"
#include "json_extent.h"  // runtime/src: the measures a connection resumes
#include "message_extent.h"

namespace corothrift::fuzz {

// Small limits reach each limit's error path with small inputs; the
// defaults are what servers run with.
inline DecodeLimits pick_limits(uint8_t choice) noexcept {
  DecodeLimits limits;
  if (choice & 1) {
    limits.max_frame_bytes = 512;
    limits.max_string_bytes = 64;
    limits.max_container_elements = 16;
    limits.max_depth = 6;
  }
  return limits;
}

[[noreturn]] inline void fuzz_failure(const char* what) {
  std::fprintf(stderr, "fuzz target invariant broken: %s\n", what);
  std::abort();
}

inline std::vector<uint8_t> flatten(const WriteBuffer& out) {
  std::vector<uint8_t> bytes;
  out.for_each_piece(0, [&](std::span<const uint8_t> piece) {
    bytes.insert(bytes.end(), piece.begin(), piece.end());
    return true;
  });
  return bytes;
}

template <class Reader, class Writer, class T>
std::vector<uint8_t> encode(const T& value) {
  WriteBuffer out;
  Writer w(out);
  write_struct(w, value);
  return flatten(out);
}

// Decodes a T; on success checks the round trip. Returns whether it decoded.
template <class Reader, class Writer, class T>
bool decode_typed(std::span<const uint8_t> bytes, const DecodeLimits& limits) {
  T value;
  try {
    ReadBuffer in(bytes);
    Reader r(in, limits);
    read_struct(r, value);
  } catch (const ProtocolError&) {
    return false;
  }
  std::vector<uint8_t> first = encode<Reader, Writer>(value);
  T again;
  try {
    ReadBuffer in{std::span<const uint8_t>(first)};
    Reader r(in, limits);
    read_struct(r, again);
    if (!in.at_end()) fuzz_failure("a re-encoded value decodes from fewer bytes than written");
  } catch (const ProtocolError& e) {
    std::fprintf(stderr, "%s\n", e.what());
    fuzz_failure("a value that decoded does not decode once re-encoded");
  }
  if (encode<Reader, Writer>(again) != first) fuzz_failure("a decoded value encodes two ways");
  if constexpr (fmt::is_formattable<T>::value) (void)fmt::format("{}", value);
  return true;
}

// skip() of a struct of unknown shape.
template <class Reader>
void skip_struct(std::span<const uint8_t> bytes, const DecodeLimits& limits) {
  try {
    ReadBuffer in(bytes);
    Reader r(in, limits);
    r.skip(TType::Struct);
  } catch (const ProtocolError&) {
  }
}

// A message as an unframed stream finds it: measured, then read, which must
// end exactly where measured. What measuring accepts, reading must accept,
// except for JSON, whose extent only matches brackets (json_extent.h: the
// reader checks the rest).
template <class Reader>
void measured_message(ProtocolKind kind, std::span<const uint8_t> bytes,
                      const DecodeLimits& limits) {
  MessageExtent extent;
  try {
    extent = measure_message_extent(kind, bytes, limits);
  } catch (const ProtocolError&) {
    return;
  }
  if (extent.size == 0) {
    if (extent.at_least <= bytes.size())
      fuzz_failure("an incomplete message asks for no more bytes");
    return;
  }
  if (extent.size > bytes.size()) fuzz_failure("a measured message is longer than its bytes");
  ReadBuffer in(bytes.first(extent.size));
  try {
    Reader r(in, limits);
    (void)r.read_message_begin();
    r.skip(TType::Struct);
    r.read_message_end();
  } catch (const ProtocolError& e) {
    if (kind == ProtocolKind::Json) return;
    std::fprintf(stderr, "%s\n", e.what());
    fuzz_failure("a message that measured fine does not read");
  }
  if (!in.at_end()) fuzz_failure("a message reads shorter than measured");
}

// One measure's answer, comparable: size, bytes to wait for, or the error.
struct MeasureAnswer {
  MessageExtent extent;
  int error = -1;  // a ProtocolError's kind
  std::string what;

  template <class F>
  static MeasureAnswer of(F&& measure) {
    MeasureAnswer answer;
    try {
      answer.extent = measure();
    } catch (const ProtocolError& e) {
      answer.error = static_cast<int>(e.kind());
      answer.what = e.what();
    }
    return answer;
  }
  bool finished() const noexcept { return error >= 0 || extent.size != 0; }
  bool operator==(const MeasureAnswer& o) const noexcept {
    return extent.size == o.extent.size && extent.at_least == o.extent.at_least &&
           error == o.error && what == o.what;
  }
};

// The message handed over in pieces, as a connection's reads bring it: the
// resumable measure a connection uses (it goes on from where the last piece
// stopped) must answer at every piece as the one-shot measure of the same
// bytes does. `pattern` (3 bits) and the bytes give the pieces' sizes.
inline void measured_in_pieces(ProtocolKind kind, std::span<const uint8_t> bytes,
                               const DecodeLimits& limits, uint8_t pattern) {
  static constexpr std::size_t kLargestPiece[8] = {1, 2, 3, 5, 8, 16, 64, 4096};
  detail::ExtentScan scan;
  detail::JsonScan json_scan;
  std::size_t held = 0;
  for (;;) {
    const auto prefix = bytes.first(held);
    MeasureAnswer once =
        MeasureAnswer::of([&] { return measure_message_extent(kind, prefix, limits); });
    MeasureAnswer resumed = MeasureAnswer::of([&] {
      return kind == ProtocolKind::Json ? detail::measure_json_message(prefix, limits, json_scan)
                                        : detail::resume_measure(kind, prefix, limits, scan);
    });
    if (!(resumed == once)) {
      std::fprintf(stderr, "after %zu bytes: resumed %zu/%zu/%d %s, one-shot %zu/%zu/%d %s\n", held,
                   resumed.extent.size, resumed.extent.at_least, resumed.error,
                   resumed.what.c_str(), once.extent.size, once.extent.at_least, once.error,
                   once.what.c_str());
      fuzz_failure("measured in pieces, a message answers otherwise than measured at once");
    }
    if (once.finished() || held == bytes.size()) return;
    const std::size_t piece = 1 + bytes[held] % kLargestPiece[pattern & 7];
    held = std::min(bytes.size(), held + piece);
  }
}

template <class Reader, class Writer>
int fuzz_decoder(ProtocolKind kind, const uint8_t* data, std::size_t size) {
  FuzzBytes input(data, size);
  const uint8_t choice = input.choice();
  const DecodeLimits limits = pick_limits(choice >> 4);
  std::span<const uint8_t> bytes = input.rest();
  switch (choice & 0x0f) {
    case 0:
      skip_struct<Reader>(bytes, limits);
      break;
    case 1:
      measured_message<Reader>(kind, bytes, limits);
      measured_in_pieces(kind, bytes, limits, choice >> 5);
      break;
    case 2:
      decode_typed<Reader, Writer, e2e::Bag>(bytes, limits);
      break;
    case 3:
      decode_typed<Reader, Writer, e2e::Options>(bytes, limits);
      break;
    case 4:
      decode_typed<Reader, Writer, e2e::Value>(bytes, limits);
      break;
    case 5:
      decode_typed<Reader, Writer, e2e::Tree>(bytes, limits);
      break;
    case 6:
      decode_typed<Reader, Writer, e2e::Chain>(bytes, limits);
      break;
    case 7:
      decode_typed<Reader, Writer, e2e::NotFound>(bytes, limits);
      break;
    case 8:
      decode_typed<Reader, Writer, TApplicationException>(bytes, limits);
      break;
    default:
      break;
  }
  return 0;
}

}  // namespace corothrift::fuzz
