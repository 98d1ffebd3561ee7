typedef i16 Port

const Port HTTP = 80
const Port TOO_HIGH = 65535  # expected-error: value 65535 does not fit in i16 (-32768 to 32767)
