enum Suit {
  CLUBS = 1
}

enum Rank {
  ACE = 1
}

const Suit CARD = Rank.ACE   # expected-error: 'Rank.ACE' is not a value of enum 'Suit'
const Suit WORD = "CLUBS"    # expected-error: expected Suit, found a string
const i32 AS_NUMBER = Rank.ACE
