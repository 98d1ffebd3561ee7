#include <corothrift/detail/codec.h>

#include <fmt/format.h>

namespace corothrift::detail {

void throw_element_type_mismatch(TType expected, TType got) {
  throw ProtocolError(
      ProtocolError::Kind::InvalidData,
      fmt::format("container elements are {}, expected {}", ttype_name(got), ttype_name(expected)));
}

}  // namespace corothrift::detail
