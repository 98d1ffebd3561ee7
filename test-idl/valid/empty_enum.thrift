// An enum without values (Apache accepts it): its lookups still compile
// without unused-parameter warnings.
namespace cpp shapes.empty_enum

enum Nothing {
}

struct Holder {
  1: optional Nothing nothing
}
