// The protocols in one include, and run-time choice between them.
//
// Protocols are concrete classes with the same members; code that works with
// both is a template over the writer/reader type. Where the protocol is known
// only at run time (a server answering in the client's protocol), with_writer /
// with_reader call a generic lambda with the concrete one:
//
//   corothrift::WriteBuffer out;
//   corothrift::with_writer(kind, out, [&](auto& w) {
//     w.write_message_begin("add", corothrift::MessageType::Call, seqid);
//     args.write(w);
//     w.write_message_end();
//   });
//
// serialize/deserialize do the same for one struct without a message header.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>
#include <utility>

#include <corothrift/binary_protocol.h>
#include <corothrift/buffer.h>
#include <corothrift/codec.h>
#include <corothrift/compact_protocol.h>
#include <corothrift/exception.h>
#include <corothrift/limits.h>
#include <corothrift/types.h>

namespace corothrift {

enum class ProtocolKind : uint8_t { Binary, Compact };

std::string_view protocol_kind_name(ProtocolKind kind) noexcept;

template <class F>
decltype(auto) with_writer(ProtocolKind kind, WriteBuffer& out, F&& f) {
  if (kind == ProtocolKind::Compact) {
    CompactWriter w(out);
    return std::forward<F>(f)(w);
  }
  BinaryWriter w(out);
  return std::forward<F>(f)(w);
}

template <class F>
decltype(auto) with_reader(ProtocolKind kind, ReadBuffer& in, const DecodeLimits& limits, F&& f) {
  if (kind == ProtocolKind::Compact) {
    CompactReader r(in, limits);
    return std::forward<F>(f)(r);
  }
  BinaryReader r(in, limits);
  return std::forward<F>(f)(r);
}

// Appends value (anything with `template <class W> void write(W&) const`).
template <class T>
void serialize(ProtocolKind kind, const T& value, WriteBuffer& out) {
  with_writer(kind, out, [&](auto& w) { value.write(w); });
}

// Reads value from the start of bytes; returns the number of bytes used.
template <class T>
std::size_t deserialize(ProtocolKind kind, std::span<const uint8_t> bytes, T& value,
                        const DecodeLimits& limits = kDefaultDecodeLimits) {
  ReadBuffer in(bytes);
  with_reader(kind, in, limits, [&](auto& r) { value.read(r); });
  return in.position();
}

}  // namespace corothrift
