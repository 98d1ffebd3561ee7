exception NotFound {
  1: string key
}
exception Denied {
  1: string who
}
service Store {
  string get(1: string key) throws (1: NotFound missing,  # expected-note: 'missing' was defined here
                                    1: Denied denied)     # expected-error: field id 1 of 'denied' is already used by 'missing' in the throws clause of 'Store.get'
}
