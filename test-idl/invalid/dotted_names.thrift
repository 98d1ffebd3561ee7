// Dots separate a file name from a definition name; names cannot hold one.
struct Point.Of {  # expected-error: struct name 'Point.Of' cannot contain a dot
  1: i32 x.y       # expected-error: field name 'x.y' cannot contain a dot
}

enum Mode {
  A.B = 1  # expected-error: enum value name 'A.B' cannot contain a dot
}

service Api {
  void do.it(1: i32 arg.one)  # expected-error: function name 'do.it' cannot contain a dot # expected-error: field name 'arg.one' cannot contain a dot
}
