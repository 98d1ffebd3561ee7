struct S {
  1: i32  # expected-error@+1: syntax error: unexpected '}'; expected '&' or a name
}
