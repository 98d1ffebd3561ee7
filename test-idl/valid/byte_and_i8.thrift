// `byte` and `i8` are the same type; the spelling is kept.
typedef byte OldByte
typedef i8 NewByte
const i8 SMALL = -128
const byte ALSO_SMALL = 127
