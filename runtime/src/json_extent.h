// Where an unframed JSON message ends (internal to the runtime library).
#pragma once

#include <cstdint>
#include <span>

#include <corothrift/limits.h>
#include <corothrift/message.h>

namespace corothrift::detail {

// Finds the ']' that closes the message's opening '[' by bracket matching
// outside strings, without decoding (the reader checks the rest). Throws
// ProtocolError for bytes that do not start with '[', a closing bracket of
// the wrong kind, nesting beyond what limits.max_depth allows, or no end
// within limits.max_frame_bytes. An incomplete message asks for one more
// byte: JSON says nothing of how long the rest is.
MessageExtent measure_json_message(std::span<const uint8_t> bytes, const DecodeLimits& limits);

}  // namespace corothrift::detail
