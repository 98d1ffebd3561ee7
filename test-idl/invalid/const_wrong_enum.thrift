// Enums are C++ enum classes: they do not convert to or from integers
// named through a constant or an enum value.
enum Suit {
  CLUBS = 1
}

enum Rank {
  ACE = 1
}

const Suit CARD = Rank.ACE   # expected-error: 'Rank.ACE' is not a value of enum 'Suit'
const Suit WORD = "CLUBS"    # expected-error: expected Suit, found a string
const i32 AS_NUMBER = Rank.ACE  # expected-error: expected i32, found enum value 'Rank.ACE'
const Rank FROM_INT_CONSTANT = ONE  # expected-error: expected Rank, found constant 'ONE' of type i32
const i32 ONE = 1
