// The cases thrift_test_client runs: every method Apache's test client
// calls, with edge values, plus testUuid.
#pragma once

#include <corothrift/event_loop.h>
#include <corothrift/task.h>

#include "ThriftTest.h"
#include "thrift_test_checker.h"

namespace thrift_test {

using Client = thrift::test::ThriftTestClient;

corothrift::Task<void> run_base_type_cases(Client& client, Checker& check);
corothrift::Task<void> run_container_cases(Client& client, Checker& check);
corothrift::Task<void> run_struct_cases(Client& client, Checker& check);
corothrift::Task<void> run_exception_cases(Client& client, Checker& check);
corothrift::Task<void> run_oneway_case(Client& client, Checker& check);
// 1,000 testI32 calls at once on the connection ("inFlight").
corothrift::Task<void> run_in_flight_case(Client& client, Checker& check);
// `required`: a server that refuses testUuid (UNKNOWN_METHOD, or closing the
// connection as peers built from ThriftTest.v0.17.0.thrift do) fails the case
// instead of skipping it. Give it a connection of its own.
corothrift::Task<void> run_uuid_case(Client& client, Checker& check, bool required);

}  // namespace thrift_test
