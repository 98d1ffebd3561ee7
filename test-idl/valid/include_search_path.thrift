// search_only.thrift is not beside this file: it is found in the -I directory.
include "search_only.thrift"

struct Wrapper {
  1: search_only.FoundViaSearchPath inner
}
