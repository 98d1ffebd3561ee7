// Fields without an id get -1, -2, ... in order (as Apache Thrift assigns them).
struct NoIds {
  i32 first
  1: i32 explicit_one
  string second
  optional bool third
}

service ImplicitParams {
  void call(string a, i32 b)
}
