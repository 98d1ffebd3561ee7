struct KeywordNames {
  1: i32 required
  2: string optional
  3: list<i32> list
  4: map<string, string> map
  5: bool service
  6: i32 struct
  7: i64 include
  8: string namespace
  9: double void
  10: binary string
}

service KeywordParams {
  void call(1: i32 enum, 2: i32 union, 3: i32 exception)
}
