// Helper for inherited_function.thrift.
service Base {
  void ping()  # expected-note: 'Base.ping' is defined here
}
