// Checking goes on after an error: every independent problem in one run.
enum Status {
  OK = 0       # expected-note: 'OK' was defined here
  FINE = 0     # expected-warning: 'FINE' has the same value (0) as 'OK' in enum 'Status'; it is an alias, and the value's name is 'OK'
}

struct Request {
  1: string id      # expected-note: 'id' was defined here
  1: i64 stamp      # expected-error: field id 1 of 'stamp' is already used by 'id' in struct 'Request'
  2: i8 priority = 1000  # expected-error: value 1000 does not fit in i8 (-128 to 127)
}

union Reply {
  1: required Status status  # expected-error: field 'status' of union 'Reply' cannot be required
}

service Api {
  oneway Reply send(1: Request request)  # expected-error: oneway function 'send' must return void
  void check() throws (1: Request bad)   # expected-error: 'Request' is a struct, not an exception
}

const Status DEFAULT_STATUS = 3  # expected-error: 3 is not a value of enum 'Status'
