// Argument ids follow the field id rules.
service Clock {
  void set(0: i64 millis,  # expected-error: field id 0 of 'millis' is not allowed; ids start at 1
           1: string zone)
}
