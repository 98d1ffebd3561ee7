struct Sparse {
  1: i32 one
  100: i32 hundred
  32767: i32 largest
}
