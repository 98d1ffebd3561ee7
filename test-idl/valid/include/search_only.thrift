// Only reachable through an -I directory (valid/include), not relative to the includer.
struct FoundViaSearchPath {
  1: i32 x
}
