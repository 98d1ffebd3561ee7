// The file ends inside a struct.
struct Open {
  1: i32 a
# expected-error@+1: syntax error: unexpected end of file; expected '}', an integer or a name
