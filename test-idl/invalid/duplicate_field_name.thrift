// Two fields of one struct share a name.
struct Point {
  1: i32 x  # expected-note: 'x' was first defined here
  2: i32 y
  3: i64 x  # expected-error: duplicate field name 'x' in struct 'Point'
}
