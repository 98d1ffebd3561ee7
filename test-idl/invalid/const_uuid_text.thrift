const uuid GOOD = "00000000-1111-2222-3333-444444444444"
const uuid BRACED = "{00000000-1111-2222-3333-44444444444A}"
const uuid SHORT = "0000-1111"  # expected-error: '0000-1111' is not a uuid (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx)
const uuid NUMBER = 5           # expected-error: expected uuid, found integer 5
