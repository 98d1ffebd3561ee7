// Argument defaults are checked too.
service Pager {
  list<string> page(1: i32 size = 20, 2: i16 offset = "start")  # expected-error: expected i16, found a string
}
