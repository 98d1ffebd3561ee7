// No `namespace cpp`: with file_namespaces its types are in `inventory::`.
struct Item {
  1: string sku
  2: i32 count
}

const i32 MAX_COUNT = 100
