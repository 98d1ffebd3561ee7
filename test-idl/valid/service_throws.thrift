exception NotFound {
  1: string key
}

exception Denied {
  1: string who
}

service Vault {
  string read(1: string key) throws (1: NotFound missing, 2: Denied denied)
  void write(1: string key, 2: string value) throws (1: Denied denied)
}
