// Enum values are i32 (checked while parsing).
enum Big {
  SMALL = 1
  HUGE = 4294967296  # expected-error: value of enum value 'HUGE' does not fit in 32 bits
}
