"""ThriftTest as Apache's reference servers implement it, for both Python peers.

`types` names the generated classes of one implementation (Apache's `ttypes`
or a thriftpy module): Xtruct, Insanity, Numberz, Xception, Xception2, and
`TException`, what the handler raises for the undeclared-exception case.
Handlers are called from the servers' connection threads and keep no state.
"""
import threading


def make_handlers(types):
    """Returns (ThriftTest handler, SecondService handler)."""
    return TestHandler(types), SecondHandler()


class SecondHandler:
    def secondtestString(self, thing):
        return 'testString("%s")' % thing


class TestHandler:
    def __init__(self, types):
        self.types = types

    def testVoid(self):
        pass

    def _echo(self, thing):
        return thing

    testString = testBool = testByte = testI32 = testI64 = _echo
    testDouble = testBinary = testStruct = testNest = testMap = _echo
    testStringMap = testSet = testList = testEnum = testTypedef = _echo

    def testMapMap(self, hello):
        return {4: {i: i for i in range(1, 5)}, -4: {-i: -i for i in range(1, 5)}}

    def testInsanity(self, argument):
        numberz = self.types.Numberz
        empty = self.types.Insanity(userMap={}, xtructs=[])
        return {1: {numberz.TWO: argument, numberz.THREE: argument}, 2: {numberz.SIX: empty}}

    def testMulti(self, arg0, arg1, arg2, arg3, arg4, arg5):
        return self.types.Xtruct(string_thing="Hello2", byte_thing=arg0, i32_thing=arg1,
                                 i64_thing=arg2)

    def testException(self, arg):
        if arg == "Xception":
            raise self.types.Xception(errorCode=1001, message=arg)
        if arg == "TException":
            raise self.types.TException("This is a TException")

    def testMultiException(self, arg0, arg1):
        if arg0 == "Xception":
            raise self.types.Xception(errorCode=1001, message="This is an Xception")
        if arg0 == "Xception2":
            thing = self.types.Xtruct(string_thing="This is an Xception2")
            raise self.types.Xception2(errorCode=2002, struct_thing=thing)
        return self.types.Xtruct(string_thing=arg1)

    def testOneway(self, secondsToSleep):
        # Sleeps on a daemon thread, so the connection's next call is answered
        # at once and a killed server does not wait for it.
        sleeper = threading.Thread(target=lambda: threading.Event().wait(secondsToSleep))
        sleeper.daemon = True
        sleeper.start()
