// Arguments are always sent: `optional` is ignored, as Apache does.
service Search {
  list<string> find(1: string query,
                    2: optional i32 limit)  # expected-warning: 'optional' has no effect on 'limit' in the arguments of 'Search.find'
}
