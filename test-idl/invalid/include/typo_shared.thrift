// Helper for resolve_errors_in_every_file.thrift: its own problems are
// reported in the same run as those of the file that includes it.
struct SharedStruct {
  1: Sting name  # expected-error: unknown type 'Sting'; did you mean 'string'?
  1: i32 size    # expected-error: field id 1 of 'size' is already used by 'name' in struct 'SharedStruct' # expected-note@-1: 'name' was defined here
}

enum Level {
  LOW = 1,
  HIGH = 2
}
