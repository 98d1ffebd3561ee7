// Two fields of one exception share an id; the error names both.
exception Failure {
  1: string message  # expected-note: 'message' was defined here
  2: i32 code
  1: string detail   # expected-error: field id 1 of 'detail' is already used by 'message' in exception 'Failure'
}
