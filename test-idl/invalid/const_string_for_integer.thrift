const i32 COUNT = "12"  # expected-error: expected i32, found a string
