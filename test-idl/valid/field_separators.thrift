struct Separators {
  1: i32 comma,
  2: i32 semicolon;
  3: i32 none
  4: i32 last,
}

service Functions {
  void a(1: i32 x, 2: i32 y,)
  void b(1: i32 x; 2: i32 y);
  void c(1: i32 x 2: i32 y),
}
