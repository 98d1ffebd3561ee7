exception Full {
  1: i32 capacity
}

service Queue {
  oneway void push(1: binary item) throws (1: Full full)  # expected-error: oneway function 'push' cannot throw
}
