// The template wrapper: values verbatim, strict names, standalone tag lines.
#include <gtest/gtest.h>

#include <initializer_list>

#include "render.h"
#include "templates.h"

namespace corothrift::codegen::cpp {
namespace {

// What `source` renders to with `view`; a failure to render fails the test.
std::string rendered(std::string_view source, const View& view) {
  RenderResult result = render("t", source, view);
  EXPECT_TRUE(result.ok()) << result.error;
  return result.text;
}

// A list of objects, each with one member `key` set to one of `values`.
View objects(const char* key, std::initializer_list<const char*> values) {
  View list = View::list();
  for (const char* value : values) {
    View item;
    item.set(key, value);
    list.push(item);
  }
  return list;
}

TEST(Render, InsertsValuesVerbatimWithoutHtmlEscaping) {
  View view;
  view.set("type", "std::map<std::string, int>");
  EXPECT_EQ(rendered("x = {{type}}&\n", view), "x = std::map<std::string, int>&\n");
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
  EXPECT_EQ(rendered(source, view), "a\nb\n\nd\n");
}

TEST(Render, ListsRepeatTheirSectionPerItem) {
  View view;
  view.set("items", objects("name", {"x", "y"}));
  EXPECT_EQ(rendered("{{#items}}\nint {{name}};\n{{/items}}\n", view), "int x;\nint y;\n");
}

TEST(Render, DotIsTheCurrentItemAndDottedNamesReachIntoObjects) {
  View names = View::list();
  names.push(View::text("a"));
  names.push(View::text("b"));
  View inner;
  inner.set("leaf", "deep");
  View view;
  view.set("names", names);
  view.set("outer", inner);
  EXPECT_EQ(rendered("{{#names}}[{{.}}]{{/names}} {{outer.leaf}}\n", view), "[a][b] deep\n");
}

TEST(Render, InnerNamesShadowOuterOnesAndOuterOnesStayVisible) {
  View item;
  item.set("name", "inner");
  View items = View::list();
  items.push(item);
  View view;
  view.set("name", "outer");
  view.set("type", "T");
  view.set("items", items);
  EXPECT_EQ(rendered("{{#items}}{{type}} {{name}};{{/items}} {{name}}\n", view),
            "T inner; outer\n");
}

TEST(Render, SectionsOverATextOrAnObjectMakeItTheContext) {
  View result;
  result.set("type", "int");
  View view;
  view.set("doc", "text");
  view.set("result", result);
  view.set("name", "f");
  EXPECT_EQ(rendered("{{#doc}}<{{.}}>{{/doc}} {{#result}}{{type}} {{name}}(){{/result}}\n", view),
            "<text> int f()\n");
}

TEST(Render, NestedListsKeepEachItemAsItsContext) {
  View outer = View::list();
  for (const char* name : {"A", "B"}) {
    View item;
    item.set("name", name);
    item.set("fields", objects("field", {"x", "y"}));
    outer.push(item);
  }
  View view;
  view.set("structs", outer);
  EXPECT_EQ(
      rendered("{{#structs}}{{name}}:{{#fields}}{{name}}.{{field}} {{/fields}}{{/structs}}", view),
      "A:A.x A.y B:B.x B.y ");
}

TEST(Render, InvertedSectionsRenderForFalseAndEmptyListsOnly) {
  View view;
  view.set("off", false);
  view.set("on", true);
  view.set("none", View::list());
  view.set("text", "");
  EXPECT_EQ(
      rendered("{{^off}}1{{/off}}{{^on}}2{{/on}}{{^none}}3{{/none}}{{^text}}4{{/text}}\n", view),
      "13\n");
}

TEST(Render, ALineOnlyARenderedSectionLeftBlankIsDropped) {
  View view;
  view.set("on", true);
  view.set("off", false);
  view.set("empty", "");
  // Line 1: touched by a rendered section, blank: dropped. Line 2: a skipped
  // section does not count. Line 3: not blank. Line 4: a blank variable alone.
  EXPECT_EQ(rendered("  {{#on}}{{/on}}  \n {{#off}}x{{/off}}\n{{#on}}y{{/on}}\n{{empty}}\nz", view),
            " \ny\n\nz");
}

TEST(Render, CommentsVanishAndTripleBracesInsertVerbatim) {
  View view;
  view.set("v", "<&>");
  EXPECT_EQ(rendered("a{{! note }}b {{{v}}} {{& v}}\n", view), "ab <&> <&>\n");
}

TEST(Render, APartialWithinALineRendersInPlace) {
  View view;
  view.set("fields", View::list());
  RenderResult result = render("t", "x {{>struct_io}}", view);
  // struct_io needs names this view lacks: the partial was parsed and rendered.
  EXPECT_FALSE(result.ok());
  EXPECT_NE(result.error.find("unknown template name"), std::string::npos) << result.error;
}

TEST(Render, MalformedTagsAndSectionsAreSyntaxErrors) {
  for (const char* source : {"{{name\n", "{{/a}}\n", "{{#a}}{{/b}}\n"}) {
    RenderResult result = render("t", source, View());
    EXPECT_FALSE(result.ok()) << source;
    EXPECT_EQ(result.error.find("unknown template name"), std::string::npos) << result.error;
  }
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
