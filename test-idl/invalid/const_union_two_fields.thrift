// A union constant sets at most one member.
union Value {
  1: i64 number
  2: string text
}

const Value ONE = {"number": 1}
const Value BOTH = {"number": 1, "text": "x"}  # expected-error: union 'Value' holds one field; 'number' is already set
