#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "idl_test_util.h"

namespace corothrift::idl::testing {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

// Counts reads, to prove each file is parsed once.
class CountingProvider : public MemorySourceProvider {
 public:
  std::optional<std::string> read(const std::string& path) override {
    auto text = MemorySourceProvider::read(path);
    if (text) ++reads[path];
    return text;
  }
  std::map<std::string, int> reads;
};

TEST(Loader, IncludeResolvesRelativeToTheIncludingFile) {
  MemorySourceProvider files;
  files.add("a/main.thrift", "include \"sub/dep.thrift\"\nstruct S { 1: dep.D d }\n");
  files.add("a/sub/dep.thrift", "struct D {}\n");
  auto loaded = load_files(files, "a/main.thrift");
  ASSERT_TRUE(loaded.compilation);
  const auto& field = *definition<Struct>(loaded, "S").fields[0];
  ASSERT_NE(field.type.resolved, nullptr);
  EXPECT_EQ(field.type.resolved->program->path, "a/sub/dep.thrift");
}

TEST(Loader, IncludeDirectoriesAreSearchedInOrderAfterTheIncluder) {
  MemorySourceProvider files;
  files.add("main.thrift", "include \"dep.thrift\"\nconst i32 X = dep.V\n");
  files.add("first/dep.thrift", "const i32 V = 1\n");
  files.add("second/dep.thrift", "const i32 V = 2\n");
  LoadOptions options;
  options.include_dirs = {"second", "first"};
  auto loaded = load_files(files, "main.thrift", options);
  ASSERT_TRUE(loaded.compilation);
  EXPECT_EQ(definition<Const>(loaded, "X").value->const_ref->program->path, "second/dep.thrift");
  files.add("dep.thrift", "const i32 V = 3\n");
  auto local = load_files(files, "main.thrift", options);
  EXPECT_EQ(definition<Const>(local, "X").value->const_ref->program->path, "dep.thrift");
}

TEST(Loader, AFileIncludedTwiceIsParsedOnceAndListedBeforeItsIncluders) {
  CountingProvider files;
  files.add("main.thrift", "include \"a.thrift\"\ninclude \"b.thrift\"\n");
  files.add("a.thrift", "include \"common.thrift\"\n");
  files.add("b.thrift", "include \"common.thrift\"\n");
  files.add("common.thrift", "struct C {}\n");
  auto loaded = load_files(files, "main.thrift");
  ASSERT_TRUE(loaded.compilation);
  EXPECT_EQ(files.reads["common.thrift"], 1);
  std::vector<std::string> order;
  for (const auto& p : loaded.compilation->programs) order.push_back(p->path);
  EXPECT_THAT(order, ElementsAre("common.thrift", "a.thrift", "b.thrift", "main.thrift"));
  EXPECT_EQ(loaded.root().includes[0].program->includes[0].program,
            loaded.root().includes[1].program->includes[0].program);
}

TEST(Loader, TwoIncludedFilesWithTheSameNameAreAnError) {
  MemorySourceProvider files;
  files.add("main.thrift", "include \"a/x.thrift\"\ninclude \"b/x.thrift\"\n");
  files.add("a/x.thrift", "");
  files.add("b/x.thrift", "");
  EXPECT_THAT(load_files(files, "main.thrift").errors(),
              ElementsAre("'b/x.thrift' and 'a/x.thrift' are both included as 'x'"));
}

TEST(Loader, IncludedFileNamesMayContainDots) {
  MemorySourceProvider files;
  files.add("main.thrift",
            "include \"api.enum.thrift\"\ninclude \"api.thrift\"\n"
            "struct S { 1: api.enum.Kind k = api.enum.Kind.A, 2: api.T t }\n");
  files.add("api.enum.thrift", "enum Kind { A = 1 }\n");
  files.add("api.thrift", "struct T {}\n");
  auto loaded = load_files(files, "main.thrift");
  ASSERT_TRUE(loaded.compilation) << loaded.errors().size();
  const auto& fields = definition<Struct>(loaded, "S").fields;
  EXPECT_EQ(fields[0]->type.resolved->program->name, "api.enum");
  EXPECT_EQ(fields[0]->default_value->enum_ref->value, 1);
  EXPECT_EQ(fields[1]->type.resolved->program->name, "api");
}

TEST(Loader, IncludeCycleIsADiagnosticNotACrash) {
  MemorySourceProvider files;
  files.add("a.thrift", "include \"b.thrift\"\n");
  files.add("b.thrift", "include \"a.thrift\"\n");
  auto loaded = load_files(files, "a.thrift");
  EXPECT_FALSE(loaded.compilation);
  EXPECT_THAT(loaded.errors(), ElementsAre("include cycle: a.thrift -> b.thrift -> a.thrift"));
}

TEST(Loader, MissingIncludeAndMissingRootAreErrors) {
  MemorySourceProvider files;
  files.add("a.thrift", "include \"nope.thrift\"\n");
  EXPECT_THAT(load_files(files, "a.thrift").errors(),
              ElementsAre("cannot find included file 'nope.thrift'"));
  EXPECT_THAT(load_files(files, "b.thrift").errors(), ElementsAre("cannot open 'b.thrift'"));
}

TEST(Loader, UnknownTypeSuggestsTheNearestName) {
  auto loaded = load_text("struct Person {}\nstruct S { 1: Persn p }\n");
  EXPECT_FALSE(loaded.compilation);
  EXPECT_THAT(loaded.errors(), ElementsAre("unknown type 'Persn'; did you mean 'Person'?"));
}

TEST(Loader, UnknownTypeFarFromEveryNameHasNoSuggestion) {
  EXPECT_THAT(load_text("struct S { 1: Completely x }\n").errors(),
              ElementsAre("unknown type 'Completely'"));
}

TEST(Loader, SuggestionsIncludeNamesFromIncludedFiles) {
  MemorySourceProvider files;
  files.add("main.thrift", "include \"shared.thrift\"\nstruct S { 1: shared.Thing t }\n");
  files.add("shared.thrift", "struct Thing2 {}\n");
  EXPECT_THAT(load_files(files, "main.thrift").errors(),
              ElementsAre("unknown type 'shared.Thing'; did you mean 'shared.Thing2'?"));
}

TEST(Loader, ConstantsAndServicesAreNotTypes) {
  EXPECT_THAT(load_text("const i32 C = 1\nstruct S { 1: C c }\n").errors(),
              ElementsAre("'C' is a constant, not a type"));
}

TEST(Loader, RedefinitionNamesBothSites) {
  auto loaded = load_text("struct A {}\nenum A { X }\n");
  EXPECT_FALSE(loaded.compilation);
  ASSERT_EQ(loaded.diags->all().size(), 2U);
  EXPECT_EQ(loaded.diags->all()[0].message, "redefinition of 'A'");
  EXPECT_EQ(loaded.diags->all()[1].severity, Severity::kNote);
  EXPECT_EQ(loaded.diags->all()[1].message, "previous definition of 'A' is here");
  EXPECT_EQ(loaded.diags->all()[1].range.begin, 7U);
}

TEST(Loader, ConstantReferencesResolveToConstantsAndEnumValues) {
  MemorySourceProvider files;
  files.add("main.thrift",
            "include \"other.thrift\"\nenum Color { RED = 3 }\nconst i32 A = 1\n"
            "const list<i32> L = [A, Color.RED, other.B, other.Size.BIG]\n");
  files.add("other.thrift", "const i32 B = 2\nenum Size { BIG = 9 }\n");
  auto loaded = load_files(files, "main.thrift");
  ASSERT_TRUE(loaded.compilation);
  const auto& list = definition<Const>(loaded, "L").value->list;
  EXPECT_EQ(list[0]->const_ref->name, "A");
  EXPECT_EQ(list[1]->enum_ref->value, 3);
  EXPECT_EQ(list[2]->const_ref->program->name, "other");
  EXPECT_EQ(list[3]->enum_ref->value, 9);
}

TEST(Loader, QualifiedEnumValuesAreLookedUpInTheDeclaredEnumLikeApache) {
  auto loaded = load_text(
      "enum A { X = 1 }\nenum B { Y = 2 }\n"
      "struct S {\n  1: B wrong_prefix = A.Y\n  2: list<B> items = [A.Y]\n}\n");
  ASSERT_TRUE(loaded.compilation) << loaded.errors().size();
  const auto& fields = definition<Struct>(loaded, "S").fields;
  EXPECT_EQ(fields[0]->default_value->enum_ref->parent->name, "B");
  EXPECT_EQ(fields[1]->default_value->list[0]->enum_ref->value, 2);
  EXPECT_THAT(loaded.warnings(),
              ElementsAre("'A.Y' is not a value of 'A'; using 'B.Y' of the declared type",
                          "'A.Y' is not a value of 'A'; using 'B.Y' of the declared type"));
}

TEST(Loader, UnqualifiedEnumValueIsAnErrorThatShowsTheQualifiedName) {
  EXPECT_THAT(load_text("enum B { Y = 2 }\nconst B V = Y\n").errors(),
              ElementsAre("enum value 'Y' must be qualified: write 'B.Y'"));
}

TEST(Loader, EnumValueThroughAFilePrefixResolvesByDeclaredType) {
  MemorySourceProvider files;
  files.add("main.thrift",
            "include \"other.thrift\"\nconst other.E V = other.ONE\n"
            "const map<other.E, i32> M = {other.ONE: 1}\n");
  files.add("other.thrift", "enum E { ONE = 1 }\n");
  auto loaded = load_files(files, "main.thrift");
  ASSERT_TRUE(loaded.compilation) << loaded.errors().size();
  EXPECT_EQ(definition<Const>(loaded, "V").value->enum_ref->name, "ONE");
  EXPECT_EQ(definition<Const>(loaded, "M").value->map[0].first->enum_ref->name, "ONE");
  EXPECT_TRUE(loaded.warnings().empty());
}

TEST(Loader, UnknownConstantSuggestsEnumValues) {
  EXPECT_THAT(load_text("enum Color { RED }\nconst Color C = Color.RDE\n").errors(),
              ElementsAre("unknown constant 'Color.RDE'; did you mean 'Color.RED'?"));
}

TEST(Loader, ExtendsResolvesAcrossIncludes) {
  MemorySourceProvider files;
  files.add("main.thrift", "include \"base.thrift\"\nservice S extends base.B {}\n");
  files.add("base.thrift", "service B { void ping() }\n");
  auto loaded = load_files(files, "main.thrift");
  ASSERT_TRUE(loaded.compilation);
  EXPECT_EQ(definition<Service>(loaded, "S").extends->functions[0]->name, "ping");
  EXPECT_THAT(load_text("struct B {}\nservice S extends B {}\n").errors(),
              ElementsAre("unknown service 'B'"));
}

TEST(Loader, ManyErrorsAreReportedInOneRun) {
  auto loaded = load_text("struct S { 1: A a, 2: B b, 3: C c }\nconst i32 X = Y\n");
  EXPECT_EQ(loaded.errors().size(), 4U);
}

TEST(Loader, RulesStillRunAfterUnknownNamesButSkipWhatDependsOnThem) {
  auto loaded = load_text(
      "struct S {\n"
      "  1: Missing a = 5\n"  // no value check against an unknown type
      "  1: i32 b\n"          // an independent rule still reports
      "}\n"
      "service V { void f() throws (1: Nope e) }\n");  // not "not an exception"
  EXPECT_FALSE(loaded.compilation);                    // it would hold null references
  EXPECT_THAT(loaded.errors(), ElementsAre("unknown type 'Missing'",
                                           "field id 1 of 'b' is already used by 'a' in struct 'S'",
                                           "unknown type 'Nope'"));
}

TEST(Loader, DiagnosticsOfEveryPassComeInSourceOrder) {
  auto loaded = load_text(
      "struct S {\n"
      "  1: i32 a\n"
      "  1: i32 b\n"
      "}\n"
      "struct T { 1: Missing m }\n");
  std::vector<std::uint32_t> lines;
  for (const Diagnostic& d : loaded.diags->all()) {
    lines.push_back(loaded.diags->sources().locate(d.range.file, d.range.begin).line);
  }
  // The duplicate id (sema) before the unknown type (resolution), its note after it.
  EXPECT_THAT(lines, ElementsAre(3, 2, 5));
}

TEST(Loader, NamesThroughAMissingIncludeAreNotReportedAgain) {
  MemorySourceProvider files;
  files.add("main.thrift",
            "include \"gone.thrift\"\n"
            "service S extends gone.Base {}\n"
            "struct T { 1: gone.X x = gone.C, 2: Mising y }\n");
  auto loaded = load_files(files, "main.thrift");
  EXPECT_FALSE(loaded.compilation);
  // The includer is still resolved: its own unknown name is reported.
  EXPECT_THAT(loaded.errors(),
              ElementsAre("cannot find included file 'gone.thrift'", "unknown type 'Mising'"));
}

TEST(Loader, ErrorInAnIncludedFileStopsTheLoadButIsReported) {
  MemorySourceProvider files;
  files.add("main.thrift", "include \"bad.thrift\"\nstruct S { 1: bad.X x }\n");
  files.add("bad.thrift", "struct X { 1: i32 }\n");
  auto loaded = load_files(files, "main.thrift");
  EXPECT_FALSE(loaded.compilation);
  ASSERT_FALSE(loaded.diags->all().empty());
  EXPECT_EQ(loaded.diags->sources().path(loaded.diags->all()[0].range.file), "bad.thrift");
  // No cascade of "unknown type" errors from the includer.
  for (const auto& message : loaded.errors())
    EXPECT_THAT(message, ::testing::Not(HasSubstr("unknown")));
}

}  // namespace
}  // namespace corothrift::idl::testing
