// Integers must fit the width they are declared with.
const i8 TINY = 127
const i8 TOO_BIG = 128         # expected-error: value 128 does not fit in i8 (-128 to 127)
const byte TOO_SMALL = -129    # expected-error: value -129 does not fit in byte (-128 to 127)
const i16 SHORT = 32768        # expected-error: value 32768 does not fit in i16 (-32768 to 32767)
const i32 WORD = 0x80000000    # expected-error: value 2147483648 does not fit in i32 (-2147483648 to 2147483647)
const i32 MIN_WORD = -2147483648
const i64 LONG = 0x7fffffffffffffff
