struct S {
  1: slist names  # expected-error: 'slist' was removed from Thrift; use 'string' instead
}
