// Unknown names do not stop checking: one run reports every independent
// problem, and no rule judges what depends on a name that did not resolve
// (no value is checked against an unknown type, no unknown type is "not an
// exception", no unknown base service is searched).
struct Entry {
  1: string key
}

struct Page {
  1: list<Entyr> entries  # expected-error: unknown type 'Entyr'; did you mean 'Entry'?
  2: i32 count            # expected-note: 'count' was defined here
  2: i32 total            # expected-error: field id 2 of 'total' is already used by 'count' in struct 'Page'
  3: Missing extra = 5    # expected-error: unknown type 'Missing'
  4: i8 small = 300       # expected-error: value 300 does not fit in i8 (-128 to 127)
  5: map<Missing, string> by_missing  # expected-error: unknown type 'Missing'
  6: list<Missing> listed = [LIMIT]   # expected-error: unknown type 'Missing'
}

union Choice {
  1: required Entyr first  # expected-error: field 'first' of union 'Choice' cannot be required # expected-error: unknown type 'Entyr'; did you mean 'Entry'?
}

exception NotFound {}

service Base {}

service Store extends Bse {  # expected-error: unknown service 'Bse'; did you mean 'Base'?
  Page get(1: Entyr key) throws (1: NotFund missing, 2: Entry wrong)  # expected-note: 'get' was first defined here # expected-error: unknown type 'Entyr'; did you mean 'Entry'? # expected-error: unknown type 'NotFund'; did you mean 'NotFound'? # expected-error: 'Entry' is a struct, not an exception
  oneway i32 ping()  # expected-error: oneway function 'ping' must return void
  void get()         # expected-error: function 'get' is already defined in service 'Store'
}

const Missing DEFAULT_PAGE = {"count": 1}  # expected-error: unknown type 'Missing'
const i16 LIMIT = 70000  # expected-error: value 70000 does not fit in i16 (-32768 to 32767)
const i32 COPY = LIMT    # expected-error: unknown constant 'LIMT'; did you mean 'LIMIT'?
const string NAME = UNKNOWN_NAME  # expected-error: unknown constant 'UNKNOWN_NAME'
