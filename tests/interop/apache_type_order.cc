// Apache's generated C++ declares operator< on every struct but defines none;
// the std::set/std::map members of ThriftTest need it for Xtruct and Insanity.
// Field-by-field lexicographic order, so equal values compare equivalent.
// Built once per copy of Apache's ThriftTest code: INTEROP_APACHE_TYPES names
// its types header, INTEROP_APACHE_NAMESPACE its C++ namespace.
#include <tuple>

#include INTEROP_APACHE_TYPES

namespace INTEROP_APACHE_NAMESPACE {

bool Xtruct::operator<(const Xtruct& other) const {
  return std::tie(string_thing, byte_thing, i32_thing, i64_thing) <
         std::tie(other.string_thing, other.byte_thing, other.i32_thing, other.i64_thing);
}

bool Insanity::operator<(const Insanity& other) const {
  return std::tie(userMap, xtructs) < std::tie(other.userMap, other.xtructs);
}

}  // namespace INTEROP_APACHE_NAMESPACE
