"""The cases Apache's test client runs, with edge values, for both Python clients.

`types` names one implementation's generated classes (see interop_handler)
plus `TApplicationException`, the class its client raises for an EXCEPTION
reply. Every failed case prints one line; `Checker.failed` lists them.
"""
import struct
import time

I32_MIN, I32_MAX = -(2**31), 2**31 - 1
I64_MIN, I64_MAX = -(2**63), 2**63 - 1
UNICODE = "Iñtërnâtiônàlizætiøn: 日本語, русский, ☃, 🎉 and a\nnewline"
ONEWAY_SLEEP_SECONDS = 2
ONEWAY_LIMIT_SECONDS = 1.0


class Checker:
    def __init__(self):
        self.failed = []
        self.cases_run = 0
        self.cases_failed = 0

    def fail(self, name, why):
        print("FAIL %s: %s" % (name, why), flush=True)
        self.failed.append(name)

    def expect_eq(self, name, got, want):
        if got != want:
            self.fail(name, "got %s, want %s" % (_short(got), _short(want)))

    def run(self, name, body):
        """Runs one case; an exception escaping `body` fails it."""
        self.cases_run += 1
        failures_before = len(self.failed)
        try:
            body()
        except Exception as error:  # noqa: BLE001 - any escape is a failed case
            self.fail(name, "unexpected exception: %r" % (error,))
        if len(self.failed) > failures_before:
            self.cases_failed += 1


def _short(value):
    text = repr(value)
    return text if len(text) <= 200 else text[:200] + "..."


def as_bytes(value):
    # thriftpy cannot tell binary from string on the wire and hands back a
    # str whenever the bytes happen to be valid UTF-8.
    return value.encode("utf-8") if isinstance(value, str) else value


def as_set(value):
    # thriftpy reads a set as a list; a repeated element is still an error.
    if isinstance(value, list) and len(set(value)) == len(value):
        return set(value)
    return value


def double_bits(value):
    return struct.pack("<d", value)


def run_echo_cases(client, types, check):
    """Each call must return its argument unchanged."""
    echo = [
        ("testString", ["", "Test", UNICODE, "x" * 70000]),
        ("testBool", [True, False]),
        ("testByte", [1, 0, -1, -128, 127]),
        ("testI32", [-1, 0, 1, I32_MIN, I32_MAX]),
        ("testI64", [0, -34359738368, I64_MIN, I64_MAX]),
        ("testTypedef", [309858235082523]),
        ("testEnum", [types.Numberz.ONE, types.Numberz.TWO, types.Numberz.THREE,
                      types.Numberz.FIVE, types.Numberz.SIX, types.Numberz.EIGHT]),
        ("testMap", [{i: i - 10 for i in range(5)}, {},
                     {i * 7919: -i for i in range(-500, 500)}]),
        ("testStringMap", [{"a": "2", "b": "blah", "some": "thing", "": "empty key",
                            "ключ": "значение ✓"}, {}]),
        ("testList", [[-2, -1, 0, 1, 2, 1, -2], [], [(i * 31) % 977 - 400 for i in range(10000)]]),
    ]
    for name, values in echo:
        for value in values:
            check.run(name, lambda: check.expect_eq(name, getattr(client, name)(value), value))
    for value in [{-2, -1, 0, 1, 2}, set(), {i * 104729 - 50000000 for i in range(1000)}]:
        check.run("testSet", lambda: check.expect_eq("testSet", as_set(client.testSet(value)), value))


def run_double_and_binary_cases(client, check):
    for value in [-5.2098523, 0.0, -0.0, -0.000341012439638598279, 1.0e300, -1.0e300,
                  1.7976931348623157e308, 5e-324, float("inf")]:
        check.run("testDouble", lambda: check.expect_eq(
            "testDouble", double_bits(client.testDouble(value)), double_bits(value)))
    for value in [b"", bytes(range(256))]:
        check.run("testBinary", lambda: check.expect_eq(
            "testBinary", as_bytes(client.testBinary(value)), value))


def xtruct(types, text, byte, i32, i64):
    return types.Xtruct(string_thing=text, byte_thing=byte, i32_thing=i32, i64_thing=i64)


def run_struct_cases(client, types, check):
    for value in [xtruct(types, "Zero", 1, -3, -5), xtruct(types, "", 0, 0, 0),
                  xtruct(types, "ünïcödé ☃", -128, I32_MIN, I64_MAX)]:
        check.run("testStruct", lambda: check.expect_eq(
            "testStruct", client.testStruct(value), value))
    nest = types.Xtruct2(byte_thing=1, struct_thing=xtruct(types, "Zero", 1, -3, -5), i32_thing=5)
    check.run("testNest", lambda: check.expect_eq("testNest", client.testNest(nest), nest))
    check.run("testMapMap", lambda: check.expect_eq(
        "testMapMap", client.testMapMap(1),
        {-4: {-4: -4, -3: -3, -2: -2, -1: -1}, 4: {1: 1, 2: 2, 3: 3, 4: 4}}))
    check.run("testInsanity", lambda: check_insanity(client, types, check))
    check.run("testMulti", lambda: check.expect_eq(
        "testMulti",
        client.testMulti(9, 11, 12, {1: "2", 2: "3"}, types.Numberz.FIVE, 13),
        xtruct(types, "Hello2", 9, 11, 12)))


def insanity_fields(value):
    # An empty container and an unset field read alike: peers differ in which
    # they write for the empty Insanity, and both are correct.
    return (value.userMap or {}, value.xtructs or [])


def check_insanity(client, types, check):
    numberz = types.Numberz
    argument = types.Insanity(
        userMap={numberz.FIVE: 5, numberz.EIGHT: 8},
        xtructs=[xtruct(types, "Goodbye4", 4, 4, 4), xtruct(types, "Hello2", 2, 2, 2)])
    got = client.testInsanity(argument)
    got_shape = {user: {n: insanity_fields(v) for n, v in inner.items()}
                 for user, inner in got.items()}
    arg = insanity_fields(argument)
    want = {1: {numberz.TWO: arg, numberz.THREE: arg}, 2: {numberz.SIX: ({}, [])}}
    check.expect_eq("testInsanity", got_shape, want)


def expect_raises(check, name, call, exception_class, inspect=None):
    try:
        call()
    except exception_class as error:
        if inspect:
            inspect(error)
        return
    check.fail(name, "%s was not raised" % exception_class.__name__)


def run_exception_cases(client, types, check):
    def xception(error):
        check.expect_eq("testException", (error.errorCode, error.message), (1001, "Xception"))

    def multi_xception(error):
        check.expect_eq("testMultiException", (error.errorCode, error.message),
                        (1001, "This is an Xception"))

    def multi_xception2(error):
        check.expect_eq("testMultiException", (error.errorCode, error.struct_thing.string_thing),
                        (2002, "This is an Xception2"))

    cases = [
        ("testException", lambda: expect_raises(
            check, "testException", lambda: client.testException("Xception"), types.Xception,
            xception)),
        ("testException", lambda: expect_raises(
            check, "testException", lambda: client.testException("TException"),
            types.TApplicationException)),
        ("testException", lambda: client.testException("success")),
        ("testMultiException", lambda: expect_raises(
            check, "testMultiException", lambda: client.testMultiException("Xception", "test 1"),
            types.Xception, multi_xception)),
        ("testMultiException", lambda: expect_raises(
            check, "testMultiException", lambda: client.testMultiException("Xception2", "test 2"),
            types.Xception2, multi_xception2)),
        ("testMultiException", lambda: check.expect_eq(
            "testMultiException", client.testMultiException("success", "test 3").string_thing,
            "test 3")),
    ]
    for name, body in cases:
        check.run(name, body)


def run_oneway_case(client, check):
    """A oneway completes on send; the next call must not wait for its sleep."""
    def body():
        start = time.monotonic()
        client.testOneway(ONEWAY_SLEEP_SECONDS)
        if time.monotonic() - start > ONEWAY_LIMIT_SECONDS:
            check.fail("testOneway", "the oneway call blocked")
        start = time.monotonic()
        client.testVoid()
        if time.monotonic() - start > ONEWAY_LIMIT_SECONDS:
            check.fail("testOneway", "testVoid waited for the oneway")
    check.run("testOneway", body)


def run_all_cases(client, types, check):
    check.run("testVoid", lambda: check.expect_eq("testVoid", client.testVoid(), None))
    run_echo_cases(client, types, check)
    run_double_and_binary_cases(client, check)
    run_struct_cases(client, types, check)
    run_exception_cases(client, types, check)
    run_oneway_case(client, check)


def run_second_service_case(second, check):
    check.run("secondtestString", lambda: check.expect_eq(
        "secondtestString", second.secondtestString("foo"), 'testString("foo")'))


def report(program, check):
    """Prints the case count the matrix checks and the summary; returns the
    exit status (1 names failed cases, or says that no case ran)."""
    print("%s: %d cases run, %d failed, 0 skipped" % (program, check.cases_run,
                                                       check.cases_failed), flush=True)
    if check.cases_run == 0:
        print("%s: no case ran" % program, flush=True)
        return 1
    if not check.failed:
        print("%s: all cases passed" % program, flush=True)
        return 0
    print("%s: failed cases: %s" % (program, " ".join(check.failed)), flush=True)
    return 1
