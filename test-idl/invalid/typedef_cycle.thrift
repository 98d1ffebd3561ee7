// Typedefs that name each other never reach a type.
typedef Second First  # expected-error: typedef 'First' is defined in terms of itself (First -> Second -> First)
typedef First Second

struct UsesIt {
  1: First value
}
