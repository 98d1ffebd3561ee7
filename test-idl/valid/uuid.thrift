const uuid ID = "00112233-4455-6677-8899-aabbccddeeff"

struct Identified {
  1: uuid id
  2: list<uuid> others
}
