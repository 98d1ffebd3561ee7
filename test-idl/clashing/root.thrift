// Uses both files' `Item`; it has no namespace either.
include "inventory.thrift"
include "orders.thrift"

struct Shipment {
  1: inventory.Item stock
  2: orders.Item order
  3: i32 limit = inventory.MAX_COUNT
}

service Shipping extends orders.Orders {
  Shipment ship(1: orders.Item order)
}
