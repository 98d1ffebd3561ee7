struct S {
  1: i32 a @  # expected-error: unexpected character '@'
}
