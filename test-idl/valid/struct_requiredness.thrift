struct Requiredness {
  1: required i32 must
  2: optional i32 may
  3: i32 default_requiredness
}
