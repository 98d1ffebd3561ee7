#include "ceiling/replies.h"

#include <cstring>
#include <string_view>

#include "common/wire.h"

namespace bench::ceiling {
namespace {

using wire::FieldType;
using wire::MessageType;

// A reply prefix built once; `seqid_at` and `value_at` are the byte offsets
// to patch: the seqid, then the i32 result (add) or the string length (echo).
struct Template {
  std::vector<uint8_t> bytes;
  size_t seqid_at = 0;
  size_t value_at = 0;
};

Template make_template(std::string_view name, FieldType result) {
  Template t;
  wire::Writer out(t.bytes);
  out.begin_frame();
  out.message_begin(name, MessageType::kReply, 0);
  t.seqid_at = t.bytes.size() - 4;
  out.field_begin(result, 0);
  t.value_at = t.bytes.size();
  out.i32(0);
  if (result == FieldType::kI32) out.field_stop();
  out.end_frame(0);
  return t;
}

const Template kAddReply = make_template("add", FieldType::kI32);
const Template kEchoReply = make_template("echo", FieldType::kString);

struct Args {
  int32_t a = 0;
  int32_t b = 0;
  std::string_view data;
};

// Reads the i32 and string fields the Bench methods take.
bool read_args(wire::Reader& in, Args& args) {
  for (;;) {
    auto type = static_cast<FieldType>(in.byte());
    if (type == FieldType::kStop) return in.ok();
    int16_t id = in.i16();
    if (type == FieldType::kI32) {
      (id == 1 ? args.a : args.b) = in.i32();
    } else if (type == FieldType::kString) {
      args.data = in.string();
    } else {
      return false;
    }
    if (!in.ok()) return false;
  }
}

size_t append_template(const Template& t, int32_t seqid, int32_t value, std::vector<uint8_t>& out) {
  size_t at = out.size();
  out.insert(out.end(), t.bytes.begin(), t.bytes.end());
  wire::store_be32(out.data() + at + t.seqid_at, static_cast<uint32_t>(seqid));
  wire::store_be32(out.data() + at + t.value_at, static_cast<uint32_t>(value));
  return at;
}

void append_echo(int32_t seqid, std::string_view data, std::vector<uint8_t>& out) {
  size_t at = append_template(kEchoReply, seqid, static_cast<int32_t>(data.size()), out);
  // uint8_t pointers: one memmove (char iterators made it a byte loop).
  const auto* first = reinterpret_cast<const uint8_t*>(data.data());
  out.insert(out.end(), first, first + data.size());
  out.push_back(static_cast<uint8_t>(FieldType::kStop));
  wire::store_be32(out.data() + at,
                   static_cast<uint32_t>(out.size() - at - wire::kFrameHeaderBytes));
}

}  // namespace

bool append_reply(std::span<const uint8_t> request, std::vector<uint8_t>& out) {
  wire::Reader in(request);
  wire::MessageHeader header;
  Args args;
  if (!wire::read_message_begin(in, header) || header.type != MessageType::kCall) return false;
  if (!read_args(in, args)) return false;
  if (header.name == "add") {
    auto sum = static_cast<int32_t>(static_cast<uint32_t>(args.a) + static_cast<uint32_t>(args.b));
    append_template(kAddReply, header.seqid, sum, out);
    return true;
  }
  if (header.name == "echo") {
    append_echo(header.seqid, args.data, out);
    return true;
  }
  return false;
}

}  // namespace bench::ceiling
