// Headers (include, namespace, cpp_include) must come before every definition.
struct S {}
namespace cpp late  # expected-error: syntax error: 'namespace' must come before the first definition
