// This file includes a helper that includes this file again.
include "include/cycle_back.thrift"
