// A union holds one member, so none can be required.
union Shape {
  1: double circle_radius
  2: required double square_side  # expected-error: field 'square_side' of union 'Shape' cannot be required
  3: optional double triangle_side
}
