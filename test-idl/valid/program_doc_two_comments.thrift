/** With no headers, the first of two doc comments documents the file. */

/** And the second one the struct right after it. */
struct Documented {
  1: i32 x
}
