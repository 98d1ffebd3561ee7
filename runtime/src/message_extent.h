// Where an unframed binary or compact message ends, measured across reads
// (internal to the runtime library).
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include <corothrift/detail/message.h>
#include <corothrift/limits.h>
#include <corothrift/protocol.h>
#include <corothrift/types.h>

namespace corothrift::detail {

// What resume_measure learnt of a message still incomplete: how far its
// elements are complete and which structs and containers are open there.
// The next call, given the same bytes and more, goes on from that element,
// so a message arriving in many reads is examined about once, not once per
// read (quadratic up to the frame limit for a message of many small values,
// which at_least cannot help). One per connection; binary or compact, as
// the connection's framing says.
struct ExtentScan {
  // A struct, list/set or map still open at `scanned`.
  struct Open {
    enum class Kind : uint8_t { Struct, List, Map };
    Kind kind = Kind::Struct;
    TType elem = TType::Stop;   // list: the elements' type; map: the keys'
    TType value = TType::Stop;  // map: the values' type
    bool at_value = false;      // map: the next element is an entry's value
    uint32_t left = 0;          // list: elements still to come; map: entries
  };
  std::size_t scanned = 0;  // the message's bytes through its last complete element
  bool in_body = false;     // the header is read: `open` empty then means complete
  std::vector<Open> open;   // outermost first
  // Bytes examined over the scan's whole life (never reset): what tests
  // count. An element cut by the end of the bytes counts each time it is
  // tried, and a message not whole in the first call's bytes counts those
  // twice (see resume_measure).
  std::size_t examined = 0;
};

// As corothrift::measure_message_extent (the same sizes, at_least and
// ProtocolError kinds for the same bytes, by the readers' own checks in the
// same order), resuming from `scan`: bytes before scan.scanned are taken as
// measured already (the caller passes the same message's bytes again,
// longer). An element the bytes cut short (a varint, a string, a container
// header whose elements cannot all be there yet) is tried again from its
// start. A complete message, or an error, resets the scan for the next one.
// `kind` is Binary or Compact. The first call for a message tries the
// reader's skip first, which keeps no levels and is about twice as fast:
// it measures a message whole in one read as before; one cut short is then
// walked again from its start, keeping levels.
MessageExtent resume_measure(ProtocolKind kind, std::span<const uint8_t> bytes,
                             const DecodeLimits& limits, ExtentScan& scan);

// What a measure answers when the bytes it had (`window` of `available`,
// the first max_frame_bytes at most) end `missing` bytes short: the length
// to wait for, or ProtocolError (SizeLimit) once the message cannot end
// within max_frame_bytes.
MessageExtent incomplete_extent(std::size_t window, std::size_t available, std::size_t missing,
                                const DecodeLimits& limits);

}  // namespace corothrift::detail
