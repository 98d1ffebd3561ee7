// Field ids are i16 on the wire (checked while parsing).
struct Wide {
  1: i32 small
  40000: i32 big  # expected-error: field id 40000 of 'big' does not fit in 16 bits
}
