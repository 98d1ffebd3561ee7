// The comment below never ends; the error points at its start.
struct S {}
# expected-error@+1: unterminated comment
/* never closed
