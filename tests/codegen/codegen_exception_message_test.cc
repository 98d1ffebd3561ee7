// An exception's `(message = "field")` annotation must name one of its string
// or binary fields: anything else is an error at the annotation.
#include <gtest/gtest.h>

#include <string>

#include "codegen_test_util.h"
#include "corothrift/idl/source_provider.h"

namespace corothrift::codegen::test {
namespace {

Generated generate_text(const std::string& text) {
  idl::MemorySourceProvider files;
  files.add("m.thrift", text);
  return generate_with("m.thrift", {}, false, files);
}

TEST(ExceptionMessage, AnAnnotationNamingNoFieldIsAnError) {
  Generated out = generate_text("exception E {\n  1: string text\n} (message = \"txt\")\n");
  EXPECT_FALSE(out.ok);
  EXPECT_NE(out.diagnostics.find("m.thrift:3:4: error: exception 'E' has no field 'txt' for its "
                                 "message\n"),
            std::string::npos)
      << out.diagnostics;
}

TEST(ExceptionMessage, AnAnnotationNamingANonStringFieldIsAnError) {
  Generated out = generate_text("exception E {\n  1: i32 code\n} (message = \"code\")\n");
  EXPECT_FALSE(out.ok);
  EXPECT_NE(out.diagnostics.find("m.thrift:3:4: error: the message of exception 'E' must be a "
                                 "string or binary field; 'code' is not\n"),
            std::string::npos)
      << out.diagnostics;
}

TEST(ExceptionMessage, TheAnnotatedFieldIsWhatPrints) {
  Generated out = generate_text(
      "typedef string Text\nexception E {\n  1: string message\n  2: Text why\n} (message = "
      "\"why\")\n");
  ASSERT_TRUE(out.ok) << out.diagnostics;
  EXPECT_NE(out.files.at("m_types.cpp").find("exception_what(*this, \"E\", this->why)"),
            std::string::npos)
      << out.files.at("m_types.cpp");
}

}  // namespace
}  // namespace corothrift::codegen::test
