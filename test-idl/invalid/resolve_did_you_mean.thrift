// An unknown name one or two edits from a defined one (a swap of two
// neighbours is one edit; case alone differs least) gets a suggestion;
// short names get one only when one edit away, and nothing far off does.
enum Color {
  RED = 1,
  GREEN = 2
}

struct Entry {}
struct Customer {}
struct Ab {}

const i32 LIMIT = 10

struct Uses {
  1: Entyr swapped        # expected-error: unknown type 'Entyr'; did you mean 'Entry'?
  2: entry lower_case     # expected-error: unknown type 'entry'; did you mean 'Entry'?
  3: Costumer two_edits   # expected-error: unknown type 'Costumer'; did you mean 'Customer'?
  4: Xy too_short         # expected-error: unknown type 'Xy'
  5: Cstmr too_far        # expected-error: unknown type 'Cstmr'
  6: i23 base_type        # expected-error: unknown type 'i23'; did you mean 'i32'?
  7: Color color = Color.Gren  # expected-error: unknown constant 'Color.Gren'; did you mean 'Color.GREEN'?
  8: Color other = GREN  # expected-error: unknown constant 'GREN'; did you mean 'Color.GREEN'?
  9: i32 limit = limit   # expected-error: unknown constant 'limit'; did you mean 'LIMIT'?
}
