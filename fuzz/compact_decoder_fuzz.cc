// The compact protocol's decoder (see decoder_fuzz.h).
#include "decoder_fuzz.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
  using namespace corothrift;
  return fuzz::fuzz_decoder<CompactReader, CompactWriter>(ProtocolKind::Compact, data, size);
}
