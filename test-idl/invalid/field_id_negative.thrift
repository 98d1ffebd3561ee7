// An explicit negative id collides with the ids given to fields written
// without one; Apache takes it only with a flag.
struct Legacy {
  -1: i32 old  # expected-warning: negative field id -1 of 'old' is reserved for implicit ids; Apache Thrift accepts it only with -allow-neg-keys
  1: i32 current
}
