enum Explicit {
  NEGATIVE = -1;
  HEX = 0x10;
  BIG = 2147483647
  SMALLEST = -2147483648,
}
