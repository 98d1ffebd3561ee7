// The cases Apache's test client runs against a ThriftTest server, with edge
// values added; each group records its failures in the checker.
#pragma once

#include "ThriftTest.h"
#include "apache_case_checker.h"

namespace interop {

void run_base_type_cases(thrift::test::ThriftTestClient& client, CaseChecker& check);
void run_container_cases(thrift::test::ThriftTestClient& client, CaseChecker& check);
void run_struct_cases(thrift::test::ThriftTestClient& client, CaseChecker& check);
void run_exception_cases(thrift::test::ThriftTestClient& client, CaseChecker& check);
void run_oneway_case(thrift::test::ThriftTestClient& client, CaseChecker& check);

}  // namespace interop
