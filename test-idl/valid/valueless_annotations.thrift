struct Flags {
  1: i32 a (deprecated)
  2: i32 b (deprecated, since = "2.0"; hidden)
} (final, python.immutable = "")
