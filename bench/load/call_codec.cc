#include "load/call_codec.h"

#include <cstring>

#include "common/wire.h"

namespace bench {
namespace {

using wire::FieldType;
using wire::MessageType;

constexpr size_t kSeqidBytes = 4;

int32_t add_result(int32_t seqid, int32_t salt) {
  return static_cast<int32_t>(static_cast<uint32_t>(seqid) + static_cast<uint32_t>(salt));
}

std::string make_payload(size_t bytes) {
  std::string payload(bytes, '\0');
  for (size_t i = 0; i < bytes; ++i) payload[i] = static_cast<char>((i * 31 + 7) & 0xff);
  return payload;
}

// The result struct of both methods holds only field 0 (success).
bool read_success(wire::Reader& in, FieldType expected) {
  auto type = static_cast<FieldType>(in.byte());
  int16_t id = in.i16();
  return in.ok() && type == expected && id == 0;
}

}  // namespace

std::string_view describe(ReplyCheck check) {
  switch (check) {
    case ReplyCheck::kOk:
      return "ok";
    case ReplyCheck::kMalformed:
      return "malformed reply";
    case ReplyCheck::kNotReply:
      return "message type is not REPLY";
    case ReplyCheck::kWrongSeqid:
      return "seqid of no call in flight";
    case ReplyCheck::kWrongValue:
      return "wrong result value";
  }
  return "?";
}

CallCodec::CallCodec(CallKind kind, size_t payload_bytes, Wire wire)
    : kind_(kind), wire_(wire), payload_(make_payload(kind == CallKind::kEcho ? payload_bytes : 0)) {}

void CallCodec::append_request(int32_t seqid, int32_t salt, Outgoing& out) const {
  wire::Writer w(out.bytes);
  size_t frame = w.begin_frame();
  size_t referenced = 0;
  if (wire_ == Wire::kHeader) {
    for (uint8_t b : {0x0f, 0xff, 0x00, 0x00}) w.byte(b);  // magic, flags
    w.i32(seqid);
    for (uint8_t b : {0x00, 0x01, 0x00, 0x00, 0x00, 0x00}) w.byte(b);  // 1 word of header
  }
  if (kind_ == CallKind::kAdd) {
    w.message_begin("add", MessageType::kCall, seqid);
    w.field_begin(FieldType::kI32, 1);
    w.i32(seqid);
    w.field_begin(FieldType::kI32, 2);
    w.i32(salt);
  } else {
    w.message_begin("echo", MessageType::kCall, seqid);
    w.field_begin(FieldType::kString, 1);
    if (payload_.size() < kSeqidBytes) {
      w.string(payload_);
    } else {
      // The call's seqid, then the fixed pattern by reference.
      w.i32(static_cast<int32_t>(payload_.size()));
      w.i32(seqid);
      const auto* rest = reinterpret_cast<const uint8_t*>(payload_.data()) + kSeqidBytes;
      referenced = payload_.size() - kSeqidBytes;
      out.refs.push_back({out.bytes.size(), {rest, referenced}});
      out.referenced += referenced;
    }
  }
  w.field_stop();
  w.end_frame(frame, referenced);
}

std::span<const uint8_t> CallCodec::message_of(std::span<const uint8_t> body) const {
  if (wire_ == Wire::kFramed) return body;
  constexpr size_t kFixed = 10;  // magic, flags, seqid, header words
  if (body.size() < kFixed || body[0] != 0x0f || body[1] != 0xff) return {};
  size_t header = (size_t{body[8]} << 8 | body[9]) * 4;
  // Protocol 0 (binary), no transforms: what our request asked for.
  if (body.size() < kFixed + header || header < 2 || body[10] != 0 || body[11] != 0) return {};
  return body.subspan(kFixed + header);
}

bool CallCodec::reply_seqid(std::span<const uint8_t> body, int32_t& seqid) {
  wire::Reader in(body);
  wire::MessageHeader header;
  if (!wire::read_message_begin(in, header)) return false;
  seqid = header.seqid;
  return true;
}

ReplyCheck CallCodec::check_reply(std::span<const uint8_t> body, int32_t seqid,
                                  int32_t salt) const {
  wire::Reader in(body);
  wire::MessageHeader header;
  if (!wire::read_message_begin(in, header)) return ReplyCheck::kMalformed;
  if (header.type != MessageType::kReply) return ReplyCheck::kNotReply;
  if (header.seqid != seqid) return ReplyCheck::kWrongSeqid;
  bool add = kind_ == CallKind::kAdd;
  if (!read_success(in, add ? FieldType::kI32 : FieldType::kString)) return ReplyCheck::kMalformed;
  ReplyCheck check = add ? check_add(header.name, in.i32(), seqid, salt)
                         : check_echo(header.name, in.string(), seqid);
  if (check != ReplyCheck::kOk) return check;
  bool stop = static_cast<FieldType>(in.byte()) == FieldType::kStop;
  return stop && in.ok() && in.remaining() == 0 ? ReplyCheck::kOk : ReplyCheck::kMalformed;
}

ReplyCheck CallCodec::check_add(std::string_view name, int32_t value, int32_t seqid,
                                int32_t salt) const {
  if (name != "add") return ReplyCheck::kMalformed;
  return value == add_result(seqid, salt) ? ReplyCheck::kOk : ReplyCheck::kWrongValue;
}

// The first bytes must be this call's seqid, the rest the fixed pattern.
ReplyCheck CallCodec::check_echo(std::string_view name, std::string_view data,
                                 int32_t seqid) const {
  if (name != "echo") return ReplyCheck::kMalformed;
  if (data.size() != payload_.size()) return ReplyCheck::kWrongValue;
  size_t skip = 0;
  if (data.size() >= kSeqidBytes) {
    auto echoed = wire::load_be32(reinterpret_cast<const uint8_t*>(data.data()));
    if (echoed != static_cast<uint32_t>(seqid)) return ReplyCheck::kWrongValue;
    skip = kSeqidBytes;
  }
  bool same = std::memcmp(data.data() + skip, payload_.data() + skip, data.size() - skip) == 0;
  return same ? ReplyCheck::kOk : ReplyCheck::kWrongValue;
}

}  // namespace bench
