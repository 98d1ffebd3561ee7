#include <corothrift/processor.h>

#include <fmt/core.h>

#include <limits>

#include "http_wire.h"
#include "theader.h"
#include "wire_framing.h"

namespace corothrift {

ServerRequest::ServerRequest(ProtocolKind protocol, std::span<const uint8_t> message,
                             const DecodeLimits& limits, detail::ReplySink& sink,
                             detail::SharedBlock* block)
    : protocol_(protocol),
      body_(message, block),
      limits_(&limits),
      sink_(&sink),
      message_(message) {
  detail::HeaderView header = detail::read_header_view(protocol, body_, limits);
  if (header.type != MessageType::Call && header.type != MessageType::Oneway) {
    throw_protocol_error(ProtocolError::Kind::InvalidData,
                         fmt::format("a server expects CALL or ONEWAY, got message type {}",
                                     static_cast<int>(header.type)));
  }
  oneway_ = header.type == MessageType::Oneway;
  seqid_ = header.seqid;
  full_name_ = method_ = header.name;
}

void ServerRequest::own_bytes() {
  if (owns_bytes_) return;
  owns_bytes_ = true;
  auto rebase = [](std::string_view view, const uint8_t* from, const uint8_t* to) {
    return std::string_view(
        reinterpret_cast<const char*>(to) + (reinterpret_cast<const uint8_t*>(view.data()) - from),
        view.size());
  };
  if (args_read_) {
    // Only the name is still needed (for the reply).
    owned_.append(full_name_.data(), full_name_.size());
    const auto* from = reinterpret_cast<const uint8_t*>(full_name_.data());
    method_ = rebase(method_, from, owned_.data());
    full_name_ = rebase(full_name_, from, owned_.data());
    return;
  }
  if (detail::worth_sharing(body_.block(), message_.size())) {
    // A large message stays where it is: the connection writes no new bytes
    // over a block someone still holds. (A small one is cheaper to copy than
    // a whole block is to keep.)
    held_ = detail::BlockRef::share(body_.block());
    return;
  }
  owned_.append(message_);
  std::size_t position = message_.size() - body_.remaining();
  method_ = rebase(method_, message_.data(), owned_.data());
  full_name_ = rebase(full_name_, message_.data(), owned_.data());
  message_ = owned_.bytes();
  body_ = ReadBuffer(message_);
  body_.skip(position);
}

void ServerRequest::read_args_with(detail::DecodeBodyFn decode, void* args) {
  args_read_ = true;
  decode(args, protocol_, body_, *limits_);
}

void ServerRequest::write_message_with(MessageType type, detail::EncodeMessageFn encode,
                                       const void* body, detail::KeepFn keep) {
  if (oneway_ || replied_) return;
  constexpr std::size_t kNoLimit = std::numeric_limits<std::size_t>::max();
  if (sink_->http) {
    // Copied whole: the response head needs the body's length first.
    WriteBuffer message;
    detail::append_message(message, false, kNoLimit, encode, body, nullptr, protocol_, method_,
                           type, seqid_);
    detail::append_http_response(sink_->out, message.bytes());
  } else if (header_wire_) {
    detail::append_header_message(sink_->out, {header_flags_, header_zlib_, &headers_.reply},
                                  kNoLimit, encode, body, keep, protocol_, method_, type, seqid_);
  } else {
    detail::append_message(sink_->out, sink_->framed, kNoLimit, encode, body, keep, protocol_,
                           method_, type, seqid_);
  }
  // Set only now: when encoding fails, the server's fallback reply
  // (TApplicationException) still goes out.
  replied_ = true;
  if (sink_->on_reply) sink_->on_reply(sink_);
}

}  // namespace corothrift
