struct Item {
  1: string name
}

service Store {
  void ping()
  i32 count()
  Item get(1: string name)
  list<Item> find(1: string prefix, 2: i32 limit = 10)
  map<string, Item> all(),
  bool put(1: Item item);
}
