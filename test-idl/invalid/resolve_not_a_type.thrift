const i32 LIMIT = 10
service Store {}

struct S {
  1: LIMIT a  # expected-error: 'LIMIT' is a constant, not a type
  2: Store b  # expected-error: 'Store' is a service, not a type
}
