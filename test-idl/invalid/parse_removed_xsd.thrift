struct S xsd_all {  # expected-error: 'xsd_all' was removed from Thrift; use an annotation instead
  1: i32 a xsd_optional  # expected-error: 'xsd_optional' was removed from Thrift; use an annotation instead
  2: i32 b xsd_nillable  # expected-error: 'xsd_nillable' was removed from Thrift; use an annotation instead
  3: i32 c xsd_attrs { 1: i32 d }  # expected-error: 'xsd_attrs' was removed from Thrift; use an annotation instead
}
