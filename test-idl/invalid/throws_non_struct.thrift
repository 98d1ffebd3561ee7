enum Code {
  BAD = 1
}

service Worker {
  void work() throws (1: i32 number,  # expected-error: 'i32' is not an exception
                      2: Code code)   # expected-error: 'Code' is an enum, not an exception
}
