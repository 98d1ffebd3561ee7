// What the load generator sends and how it checks each answer: `add(a, b)`
// with arguments that change on every call, or `echo(data)` whose payload
// carries the call's seqid in its first bytes.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace bench {

enum class CallKind { kAdd, kEcho };

// How calls are framed: a 4-byte length (TFramedTransport), or a THeader
// frame around the same binary message (header section: protocol 0, no
// transforms, no info headers, padded to one word as Apache's C++ pads it).
enum class Wire { kFramed, kHeader };

enum class ReplyCheck { kOk, kMalformed, kNotReply, kWrongSeqid, kWrongValue };

std::string_view describe(ReplyCheck check);

// Requests waiting to be sent: bytes, plus runs of bytes that never change
// (the echo pattern) referenced where they belong instead of copied, so the
// load generator does not copy every payload once more before send copies it.
struct Outgoing {
  struct Ref {
    size_t at;  // comes after the first `at` bytes
    std::span<const uint8_t> data;
  };
  std::vector<uint8_t> bytes;
  std::vector<Ref> refs;
  size_t referenced = 0;

  size_t total() const { return bytes.size() + referenced; }
  void clear() {
    bytes.clear();
    refs.clear();
    referenced = 0;
  }
};

class CallCodec {
 public:
  CallCodec(CallKind kind, size_t payload_bytes, Wire wire = Wire::kFramed);

  // Appends the framed CALL for `seqid`; `salt` varies add's second argument
  // between connections.
  void append_request(int32_t seqid, int32_t salt, Outgoing& out) const;

  // The message inside a reply frame's body (the body itself when framed);
  // empty when a header frame is malformed.
  std::span<const uint8_t> message_of(std::span<const uint8_t> body) const;

  // The seqid a reply message carries, to find the call it answers.
  static bool reply_seqid(std::span<const uint8_t> body, int32_t& seqid);

  // Checks a reply message against the call append_request(seqid, salt) sent.
  ReplyCheck check_reply(std::span<const uint8_t> body, int32_t seqid, int32_t salt) const;

 private:
  ReplyCheck check_add(std::string_view name, int32_t value, int32_t seqid, int32_t salt) const;
  ReplyCheck check_echo(std::string_view name, std::string_view data, int32_t seqid) const;

  CallKind kind_;
  Wire wire_;
  std::string payload_;
};

}  // namespace bench
