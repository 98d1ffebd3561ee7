// A double takes an integer, but not the other way round.
const double RATIO = 2
const i64 ROUNDED = 2.5  # expected-error: expected i64, found a double
