// HTTP framing as the server (requests) and the client (responses) find
// messages in a stream: request line or status, headers, Content-Length or
// chunked bodies, then the body's protocol. Whole connections over HTTP are
// the server and client targets' job. Input: one choice byte (bit 0: small
// limits, bit 1: a response, else a request), then the stream's bytes; every
// message found in them is taken in turn. Uses the runtime's internal
// header (runtime/src).
#include <vector>

#include "decoder_fuzz.h"
#include "http_wire.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
  using namespace corothrift;
  fuzz::FuzzBytes input(data, size);
  uint8_t choice = input.choice();
  DecodeLimits limits = fuzz::pick_limits(choice);
  std::span<const uint8_t> bytes = input.rest();
  try {
    for (;;) {
      detail::HttpMessage message;
      std::vector<uint8_t> dechunked;
      detail::NextMessage next = (choice & 2) != 0
                                     ? detail::next_http_response(bytes, limits, message, dechunked)
                                     : detail::next_http_request(bytes, limits, message, dechunked);
      if (next.consumed == 0) {
        if (next.need <= bytes.size()) fuzz::fuzz_failure("an incomplete message asks for no more");
        return 0;
      }
      if (next.consumed > bytes.size()) fuzz::fuzz_failure("consumed more than there was");
      if (!message.body.empty()) (void)detail::http_body_protocol(message.body);
      bytes = bytes.subspan(next.consumed);
    }
  } catch (const TransportError&) {
  } catch (const ProtocolError&) {
  }
  return 0;
}
