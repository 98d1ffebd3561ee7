// corothrift's side of the serialization benchmark: the same MidSize through
// the runtime codec over BinaryWriter/BinaryReader or JsonWriter/JsonReader.
#pragma once

#include <cstdint>

#include "serialize/apache_side.h"

namespace bench {

// Encodes then decodes the sample `iterations` times, reusing one WriteBuffer
// (cleared each iteration) and one decoded struct.
SideResult run_corothrift(int64_t iterations, Wire wire = Wire::Binary);

}  // namespace bench
