service Parent {
  void reset()  # expected-note: 'Parent.reset' is defined here
  void stop()
}

service Child extends Parent {
  void reset()  # expected-error: function 'reset' is already defined in base service 'Parent'
  void start()
}
