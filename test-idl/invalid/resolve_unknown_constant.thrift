const i32 LIMIT = 10
const i32 COPY = LIMT  # expected-error: unknown constant 'LIMT'; did you mean 'LIMIT'?
