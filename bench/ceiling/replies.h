// The ceiling server's whole "work": turn one Bench request frame into its
// reply with as little effort as a correct server can spend.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

namespace bench::ceiling {

// Appends the framed REPLY for the CALL in `request` (a frame body) to `out`:
// `add` from a precomputed reply with seqid and sum patched in, `echo` with the
// payload copied back. False for anything else (the caller drops the peer).
bool append_reply(std::span<const uint8_t> request, std::vector<uint8_t>& out);

}  // namespace bench::ceiling
