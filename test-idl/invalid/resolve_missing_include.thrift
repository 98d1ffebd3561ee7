include "does_not_exist.thrift"  # expected-error: cannot find included file 'does_not_exist.thrift'
