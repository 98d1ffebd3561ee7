union Value {
  1: i64 integer
  2: double real
  3: string text
  4: list<Value> items
}
