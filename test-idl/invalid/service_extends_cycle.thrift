// Services that extend each other have no root.
service Ping extends Pong {  # expected-error: service 'Ping' extends itself (Ping -> Pong -> Ping)
  void ping()
}

service Pong extends Ping {
  void pong()
}
