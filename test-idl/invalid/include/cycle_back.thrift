include "../resolve_include_cycle.thrift"  # expected-error: include cycle: resolve_include_cycle.thrift -> cycle_back.thrift -> resolve_include_cycle.thrift
