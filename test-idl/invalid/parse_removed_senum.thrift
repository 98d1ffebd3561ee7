senum Colors {  # expected-error: 'senum' was removed from Thrift; use 'enum' or 'string' instead
  "red",
  "green"
}
