// A service written the way IDLs from before Thrift 0.2 are: no field ids,
// `async` for `oneway`, a comma after each function.
namespace cpp shapes.old_style

typedef string cell_t

service Store {
  list<cell_t> get_cells(string table, string key, i32 start = -1, i32 count = -1),
  async void put(string table, string key, cell_t cell, i64 timestamp),
  bool put_blocking(string table, string key, cell_t cell),
  void async(1: i32 async),
}
