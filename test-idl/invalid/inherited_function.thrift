// The processor dispatches by name over the whole inheritance chain, so a
// service may not reuse a name from any base; the note points into the
// included file.
include "include/base_service.thrift"

service Middle extends base_service.Base {
  void middle()
}

service Leaf extends Middle {
  void leaf()
  string ping()  # expected-error: function 'ping' is already defined in base service 'Base'
}
