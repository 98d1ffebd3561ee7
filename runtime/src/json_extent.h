// Where an unframed JSON message ends (internal to the runtime library).
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>

#include <corothrift/detail/message.h>
#include <corothrift/limits.h>

namespace corothrift::detail {

// What measure_json_message learnt of a message still incomplete, so that
// the next call, given the same bytes and more, goes on where it stopped:
// a message arriving in many reads is examined once, not once per read
// (which would be quadratic up to the frame limit). One per connection.
struct JsonScan {
  std::size_t scanned = 0;  // bytes of the message examined so far
  std::string closers;      // the closing brackets still expected, innermost last
  bool in_string = false;
  bool escaped = false;  // the last byte examined was a backslash in a string
  // Bytes examined over the scan's whole life (never reset): what tests count.
  std::size_t examined = 0;
};

// Finds the ']' that closes the message's opening '[' by bracket matching
// outside strings, without decoding (the reader checks the rest). Throws
// ProtocolError for bytes that do not start with '[', a closing bracket of
// the wrong kind, nesting beyond what limits.max_depth allows, or no end
// within limits.max_frame_bytes. An incomplete message asks for one more
// byte: JSON says nothing of how long the rest is.
//
// With `scan`, bytes before scan.scanned are taken as examined already (the
// caller passes the same message's bytes again, longer); a complete message
// (or an error) resets the scan for the next message.
MessageExtent measure_json_message(std::span<const uint8_t> bytes, const DecodeLimits& limits,
                                   JsonScan& scan);
MessageExtent measure_json_message(std::span<const uint8_t> bytes, const DecodeLimits& limits);

}  // namespace corothrift::detail
