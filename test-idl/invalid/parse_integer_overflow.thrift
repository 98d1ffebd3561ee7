const i64 TOO_BIG = 9223372036854775808  # expected-error: integer '9223372036854775808' does not fit in 64 bits
