// Helper for error_in_included_file.thrift.
union Choice {
  1: required i32 number  # expected-error: field 'number' of union 'Choice' cannot be required
  2: string text
}
