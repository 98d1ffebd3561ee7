// Only one member of a union can be the one set on construction.
union Setting {
  1: i32 number = 1    # expected-note: 'number' was given its default here # expected-note: 'number' was given its default here
  2: string text = "x" # expected-error: union 'Setting' already has a default value on 'number'
  3: bool flag = true  # expected-error: union 'Setting' already has a default value on 'number'
}
