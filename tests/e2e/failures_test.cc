// What a caller sees when a call fails outside the IDL's declared exceptions,
// and that the connection and server go on serving afterwards.
#include <string>

#include <gtest/gtest.h>

#include <corothrift/exception.h>
#include <corothrift/protocol.h>

#include "Unserved.h"
#include "e2e_fixture.h"

namespace e2e_test {
namespace {

using Failures = ShapesTest;
using AppType = corothrift::TApplicationException::Type;

TEST_P(Failures, UnknownMethodGivesUnknownMethodAndTheConnectionGoesOn) {
  auto channel = run(corothrift::ClientChannel::connect(loop_, address(), channel_options()));
  e2e::UnservedClient unserved(channel);
  try {
    run(unserved.missing());
    FAIL() << "TApplicationException was not thrown";
  } catch (const corothrift::TApplicationException& e) {
    EXPECT_EQ(e.type(), AppType::UnknownMethod);
  }
  e2e::ShapesClient shapes(channel);
  EXPECT_EQ(run(shapes.slow_echo(5, 0)), 5);
}

TEST_P(Failures, UndeclaredHandlerExceptionGivesInternalErrorWithItsMessage) {
  auto client = connect();
  try {
    run(client.fail_undeclared("handler gave up"));
    FAIL() << "TApplicationException was not thrown";
  } catch (const corothrift::TApplicationException& e) {
    EXPECT_EQ(e.type(), AppType::InternalError);
    EXPECT_NE(std::string(e.what()).find("handler gave up"), std::string::npos) << e.what();
  }
  EXPECT_EQ(run(client.slow_echo(6, 0)), 6);
}

TEST_P(Failures, UndeclaredExceptionInAMethodWithThrowsIsNotMistakenForADeclaredOne) {
  auto client = connect();
  try {
    run(client.lookup("boom"));
    FAIL() << "TApplicationException was not thrown";
  } catch (const corothrift::TApplicationException& e) {
    EXPECT_EQ(e.type(), AppType::InternalError);
  }
  EXPECT_EQ(run(client.lookup("ok")), (e2e::Point{2, -2}));
}

INSTANTIATE_TEST_SUITE_P(Wires, Failures, kAllWires, wire_name);

// Not over the wire: a peer that omits a required field (here, bytes of a
// Point read as Options, whose field 1 is a required string) is refused.
TEST(RequiredFields, ReadingAStructWithoutARequiredFieldThrowsNamingStructAndField) {
  for (auto kind : {corothrift::ProtocolKind::Binary, corothrift::ProtocolKind::Compact}) {
    corothrift::WriteBuffer out;
    corothrift::serialize(kind, e2e::Point{1, 2}, out);
    e2e::Options options;
    try {
      corothrift::deserialize(kind, out.bytes(), options);
      FAIL() << "ProtocolError was not thrown";
    } catch (const corothrift::ProtocolError& e) {
      std::string what = e.what();
      EXPECT_NE(what.find("Options"), std::string::npos) << what;
      EXPECT_NE(what.find("name"), std::string::npos) << what;
    }
  }
}

}  // namespace
}  // namespace e2e_test
