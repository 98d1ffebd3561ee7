service Logger {
  oneway void log(1: string line)
  oneway void flush()
  void sync()
}
