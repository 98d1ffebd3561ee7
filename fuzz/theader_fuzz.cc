// One THeader frame (after its length) as a connection parses it: magic,
// flags, seqid, header size, protocol and transform ids, info headers, the
// zlib transform (a bomb must stop at max_frame_bytes), then the message in
// the payload as the frame's protocol reads it. Whole connections over
// THeader are the server and client targets' job; this one reaches the
// frame parser with every input. Input: one choice byte (small limits when
// odd), then the frame. Uses the runtime's internal header (runtime/src).
#include <vector>

#include "decoder_fuzz.h"
#include "theader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
  using namespace corothrift;
  fuzz::FuzzBytes input(data, size);
  DecodeLimits limits = fuzz::pick_limits(input.choice());
  detail::HeaderFrame frame;
  std::vector<uint8_t> inflated;
  try {
    detail::parse_header_frame(input.rest(), limits, frame, inflated);
  } catch (const ProtocolError&) {
    return 0;
  }
  // The frame's own size is checked before parsing (by the framing); what
  // parsing adds is inflation, which must stop at the limit.
  if (frame.zlib && frame.payload.size() > limits.max_frame_bytes) {
    fuzz::fuzz_failure("an inflated payload past max_frame_bytes");
  }
  ReadBuffer in(frame.payload);
  try {
    with_reader(frame.protocol, in, limits, [](auto& r) {
      (void)r.read_message_begin();
      r.skip(TType::Struct);
    });
  } catch (const ProtocolError&) {
  }
  return 0;
}
