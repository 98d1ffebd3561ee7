service Parent {
  void parent_call()
}

service Child extends Parent {
  void child_call()
}

service GrandChild extends Child {
}
