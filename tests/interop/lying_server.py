#!/usr/bin/python3
"""A ThriftTest server that answers some calls wrongly, for the runner's
self-test: every client must name exactly these cases as failed.

Same flags as py_server.py (Apache Python underneath).
"""
import math

import py_server
from interop_handler import SecondHandler, TestHandler

# The cases whose answers are off by the smallest amount each type allows.
WRONG_CASES = ("testI32", "testDouble", "testBinary", "testInsanity", "testMultiException")


class LyingHandler(TestHandler):
    def testI32(self, thing):
        return thing ^ 1

    def testDouble(self, thing):
        return math.nextafter(thing, 0.0) if thing else 5e-324

    def testBinary(self, thing):
        return thing[::-1] + b"!"

    def testInsanity(self, argument):
        answer = super().testInsanity(argument)
        del answer[2]
        return answer

    def testMultiException(self, arg0, arg1):
        answer = super().testMultiException(arg0, arg1)
        answer.string_thing += " "
        return answer


if __name__ == "__main__":
    py_server.main(lambda types: (LyingHandler(types), SecondHandler()))
