// Fields, arguments and methods named like what generated code used to
// declare or use inside a struct (its codec's read/write, locals of the codec
// bodies, Apache's __isset): all keep their IDL names in C++. Only an
// exception's field `what` becomes `what_` (std::exception::what()).
namespace cpp shapes.members

enum Kind {
  READ = 1,
  WRITE = 2,
}

struct Codec {
  1: i32 read
  2: string write
  3: bool isset
  4: bool __isset
  5: string what
  6: i32 value
  7: i32 w
  8: i32 r
  9: i32 f
  10: i32 tag
  11: i32 type
  12: i32 corothrift
  13: i32 kType
  14: i32 other
  15: required i32 has_read
  16: required string read_field
  17: i32 write_struct
  18: optional Kind kind
}

struct Holder {
  1: Codec codec
  2: list<Codec> codecs
  3: map<string, Codec> by_name
}

union Choice {
  1: i32 read
  2: string write
  3: i32 value_
  4: i32 type
  5: i32 empty
  6: Codec codec
}

// `message` is the message field: what() is "Failure: <message>".
exception Failure {
  1: i32 read
  2: string write
  3: string what
  4: string message
}

// The annotation names the message field.
exception Refused {
  1: i32 code
  2: string text
} (message = "text")

// No message field: what() lists the fields.
exception Broken {
  1: i32 code
  2: list<string> parts
}

// A field named `message` that is not a string is no message.
exception Coded {
  1: i32 message
}

service Members {
  Codec read(1: Codec write, 2: i32 read)
  Codec write(1: i32 value, 2: Choice isset) throws (1: Failure failure, 2: Refused refused, 3: Broken broken)
  void value(1: string w, 2: string r, 3: i32 f)
}
