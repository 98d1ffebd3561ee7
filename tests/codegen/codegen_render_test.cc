// The template wrapper: values verbatim, strict names, standalone tag lines.
#include <gtest/gtest.h>

#include "render.h"
#include "templates.h"

namespace corothrift::codegen::cpp {
namespace {

TEST(Render, InsertsValuesVerbatimWithoutHtmlEscaping) {
  View view;
  view.set("type", "std::map<std::string, int>");
  RenderResult result = render("t", "x = {{type}}&\n", view);
  ASSERT_TRUE(result.ok()) << result.error;
  EXPECT_EQ(result.text, "x = std::map<std::string, int>&\n");
}

TEST(Render, UnknownPlaceholderIsAnErrorNamingIt) {
  View view;
  view.set("name", "x");
  RenderResult result = render("demo", "{{name}} {{nmae}}\n", view);
  EXPECT_FALSE(result.ok());
  EXPECT_NE(result.error.find("'nmae'"), std::string::npos) << result.error;
  EXPECT_NE(result.error.find("demo"), std::string::npos) << result.error;
}

TEST(Render, UnknownSectionIsAnError) {
  RenderResult result = render("t", "{{#missing}}\nx\n{{/missing}}\n", View());
  EXPECT_FALSE(result.ok());
}

TEST(Render, UnknownPartialIsAnError) {
  RenderResult result = render("t", "{{>no_such_template}}\n", View());
  EXPECT_FALSE(result.ok());
}

TEST(Render, SyntaxErrorIsReported) {
  RenderResult result = render("t", "{{#open}}\n", View());
  EXPECT_FALSE(result.ok());
}

TEST(Render, StandaloneSectionLinesLeaveNoTraceWhetherTakenOrSkipped) {
  std::string source = "a\n  {{#on}}\nb\n  {{/on}}\n{{#off}}\nc\n{{/off}}\n\nd\n";
  View view;
  view.set("on", true);
  view.set("off", false);
  RenderResult result = render("t", source, view);
  ASSERT_TRUE(result.ok()) << result.error;
  EXPECT_EQ(result.text, "a\nb\n\nd\n");
}

TEST(Render, ListsRepeatTheirSectionPerItem) {
  View items = View::list();
  for (const char* name : {"x", "y"}) {
    View item;
    item.set("name", name);
    items.push(item);
  }
  View view;
  view.set("items", items);
  RenderResult result = render("t", "{{#items}}\nint {{name}};\n{{/items}}\n", view);
  ASSERT_TRUE(result.ok()) << result.error;
  EXPECT_EQ(result.text, "int x;\nint y;\n");
}

TEST(EmbeddedTemplates, EveryGeneratedFileHasATemplate) {
  for (const char* name :
       {"types.h", "types.cpp", "service.h", "service.cpp", "struct_decl", "struct_io"}) {
    const std::string_view* text = find_template(name);
    ASSERT_NE(text, nullptr) << name;
    EXPECT_FALSE(text->empty()) << name;
  }
  EXPECT_EQ(find_template("nope"), nullptr);
}

}  // namespace
}  // namespace corothrift::codegen::cpp
