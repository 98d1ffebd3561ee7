// bool takes true, false, 0 and 1, as Apache does; nothing else.
const bool YES = true
const bool ONE = 1
const bool ZERO = 0
const bool TWO = 2        # expected-error: expected bool (true, false, 0 or 1), found integer 2
const bool TEXT = "true"  # expected-error: expected bool, found a string
const i32 FLAG = true     # expected-error: expected i32, found a bool
