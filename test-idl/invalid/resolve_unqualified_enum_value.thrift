enum Size {
  SMALL = 1,
  LARGE = 2
}

const Size DEFAULT = LARGE  # expected-error: enum value 'LARGE' must be qualified: write 'Size.LARGE'
