// Every file loaded is checked, not only the one named on the command line;
// the expectations live in the included file.
include "include/bad_union.thrift"

struct Holder {
  1: bad_union.Choice choice
}
