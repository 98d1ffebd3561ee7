// Field ids start at 1; 0 parses but is not a valid id.
struct Empty {
  0: i32 nothing  # expected-error: field id 0 of 'nothing' is not allowed; ids start at 1
  1: i32 something
}
