// A constant naming another constant is checked with that constant's value,
// and reported where the name is used.
const i32 LIMIT = 1000
const string LABEL = "x"
const i32 COPY = LIMIT
const i8 SMALL_LIMIT = LIMIT     # expected-error: value 1000 does not fit in i8 (-128 to 127) (value of constant 'LIMIT')
const list<i32> LIMITS = [LIMIT, LABEL]  # expected-error: expected i32, found a string (value of constant 'LABEL')
