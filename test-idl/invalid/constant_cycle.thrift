// A constant cannot be defined through itself; the cycle is reported once
// and not again as a type error.
const i32 SELF = SELF  # expected-error: constant 'SELF' is defined in terms of itself (SELF -> SELF)
const i32 PING = PONG  # expected-error: constant 'PING' is defined in terms of itself (PING -> PONG -> PING)
const i32 PONG = PING
const list<i32> NESTED = [1, NESTED]  # expected-error: constant 'NESTED' is defined in terms of itself (NESTED -> NESTED)
const i32 FINE = PONG
