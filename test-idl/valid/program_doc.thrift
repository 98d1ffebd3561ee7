/**
 * Documents the whole file: it comes before the headers.
 */

namespace cpp program_doc

/** Documents the struct. */
struct Documented {
  1: i32 x
}
