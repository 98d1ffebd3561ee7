// Generated code names a referenced constant instead of copying its value:
// it must have the declared type, or be a number where a number is declared,
// and then its value must fit. Reported where the name is used.
typedef i32 Count

const i32 LIMIT = 1000
const string LABEL = "x"
const list<i32> NUMBERS = [1, 2]
const Count COPY = LIMIT
const double SCALED = LIMIT
const i8 SMALL_LIMIT = LIMIT     # expected-error: value 1000 does not fit in i8 (-128 to 127) (value of constant 'LIMIT')
const list<i32> LIMITS = [LIMIT, LABEL]  # expected-error: expected i32, found constant 'LABEL' of type string
const set<i32> AS_SET = NUMBERS  # expected-error: expected set<i32>, found constant 'NUMBERS' of type list<i32>
const binary BYTES = LABEL       # expected-error: expected binary, found constant 'LABEL' of type string
