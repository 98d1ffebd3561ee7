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
#include <type_traits>
#include <utility>

#include <corothrift/binary_protocol.h>
#include <corothrift/buffer.h>
#include <corothrift/codec.h>
#include <corothrift/compact_protocol.h>
#include <corothrift/exception.h>
#include <corothrift/json_protocol.h>
#include <corothrift/limits.h>
#include <corothrift/types.h>

namespace corothrift {

enum class ProtocolKind : uint8_t { Binary, Compact, Json };

std::string_view protocol_kind_name(ProtocolKind kind) noexcept;

template <class F>
decltype(auto) with_writer(ProtocolKind kind, WriteBuffer& out, F&& f) {
  if (kind == ProtocolKind::Compact) {
    CompactWriter w(out);
    return std::forward<F>(f)(w);
  }
  if (kind == ProtocolKind::Json) {
    JsonWriter w(out);
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
  if (kind == ProtocolKind::Json) {
    JsonReader r(in, limits);
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

namespace detail {

// A whole message (header, body struct, end) encoded in the given protocol,
// and a message's body decoded into a struct (plus the message end). Each is
// instantiated once per struct and called through a pointer by the client
// channel and the server request, so their coroutines stay small (the decode
// and encode of both protocols were inlined into every generated method).
using EncodeMessageFn = void (*)(const void* body, ProtocolKind, WriteBuffer&,
                                 std::string_view name, MessageType, int32_t seqid);
using DecodeBodyFn = void (*)(void* body, ProtocolKind, ReadBuffer&, const DecodeLimits&);

// Moves an encoded body to the heap so that the bytes a WriteBuffer refers to
// (see WriteBuffer::set_reference_threshold) outlive the caller's object.
// Moving keeps them where they are: a string's or a container's move is
// constant-time and noexcept, so it takes over the heap block rather than
// copying it (only strings short enough to live inside the object move their
// bytes, and those are never referenced; a `cpp.type` holding as many bytes
// inline as the buffer's reference threshold would break this). A plain
// new/delete pair: make_shared here cost every generated service file a sixth
// more compile time.
using KeepFn = KeptObject (*)(void* body);
// Enables an overload for a non-const rvalue body that keep_moved may move:
// one whose move cannot throw, so cannot be a copy in disguise (a type with
// a user-declared destructor or copy constructor and no move constructor
// "moves" by copying, and the bytes referred to would die with the caller's
// object). Any other body takes the const& overload and is copied.
template <class Body>
using MovableBody = std::enable_if_t<!std::is_reference_v<Body> && !std::is_const_v<Body> &&
                                     std::is_nothrow_move_constructible_v<Body>>;
template <class Body>
KeptObject keep_moved(void* body) {
  return {new Body(std::move(*static_cast<Body*>(body))),
          [](void* object) noexcept { delete static_cast<Body*>(object); }};
}

template <class Body>
void encode_message(const void* body, ProtocolKind kind, WriteBuffer& out, std::string_view name,
                    MessageType type, int32_t seqid) {
  with_writer(kind, out, [&](auto& w) {
    w.write_message_begin(name, type, seqid);
    static_cast<const Body*>(body)->write(w);
    w.write_message_end();
  });
}

template <class Body>
void decode_body(void* body, ProtocolKind kind, ReadBuffer& in, const DecodeLimits& limits) {
  with_reader(kind, in, limits, [&](auto& r) {
    static_cast<Body*>(body)->read(r);
    r.read_message_end();
  });
}

}  // namespace detail
}  // namespace corothrift
