// No `namespace cpp` either, and an `Item` of its own.
struct Item {
  1: i64 order_id
  2: string sku
}

service Orders {
  Item get(1: i64 order_id)
}
