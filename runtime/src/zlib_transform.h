// THeader's zlib transform (transform id 1): a whole zlib stream (RFC 1950,
// what zlib's compress2/deflate with Z_FINISH write) per message payload.
#pragma once

#include <corothrift/buffer.h>

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace corothrift::detail {

// Appends the zlib stream of `payload` at the default level, byte for byte
// what Apache's C++ and Python THeaderTransport write.
void append_deflated(WriteBuffer& out, std::span<const uint8_t> payload);

// Inflates one zlib stream into `out` (replacing its content). The output
// never grows past `max_bytes`: a stream that would inflate to more (a zlib
// bomb) throws ProtocolError(SizeLimit) once that much has come out, so at
// most max_bytes are ever allocated for it. Throws ProtocolError for a
// corrupt or truncated stream, or bytes after its end.
void inflate_bounded(std::span<const uint8_t> stream, std::size_t max_bytes,
                     std::vector<uint8_t>& out);

}  // namespace corothrift::detail
