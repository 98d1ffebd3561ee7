struct WithDefaults {
  1: i32 number = 5
  2: string text = "hello"
  3: double ratio = 0.5
  4: bool flag = true
  5: list<string> names = ["a", "b"]
  6: map<string, i32> counts = {"x": 1}
  7: set<i32> unique = [1, 2]
  8: optional i64 maybe = -1
}
