// An enum takes one of its values, by name or by number.
enum Suit {
  CLUBS = 1
  HEARTS = 2
}

const Suit BY_NAME = Suit.HEARTS
const Suit BY_NUMBER = 2
const Suit NO_SUCH = 7  # expected-error: 7 is not a value of enum 'Suit'
