#pragma once
// The resolved AST of a set of .thrift files. Built by load() (load.h);
// read-only for everybody else (sema, codegen).
//
// Ownership: a Compilation owns its Programs; a Program owns its Definitions;
// every node owns its children through std::unique_ptr, so addresses are
// stable for the life of the Compilation. Every `const X*` in a node is a
// non-owning reference resolved by the loader (null only when resolution
// failed: load() has reported an error, sema rules skip such references, and
// load() returns no Compilation).
//
// Every node carries `range` (the whole construct), `doc` (text of the `/** */`
// comment right before it, with the comment markers and leading `*` removed,
// empty if none) and `annotations` (`(key = "value", novalue)`), in source order.

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "corothrift/idl/source.h"

namespace corothrift::idl {

struct Program;
struct Definition;
struct Const;
struct Enum;
struct EnumValue;

struct Annotation {
  std::string key;
  std::optional<std::string> value;  // nullopt for a value-less annotation
  SourceRange range;
};

struct Annotations {
  std::vector<Annotation> items;
  // The value of the last annotation named `key`; "" for a value-less one;
  // null if there is none.
  const std::string* find(std::string_view key) const;
  bool has(std::string_view key) const;
};

// `i8` and `byte` are both kI8 (TypeRef::spelling keeps what was written).
enum class BaseType { kVoid, kBool, kI8, kI16, kI32, kI64, kDouble, kString, kBinary, kUuid };

// A type as written at one place of use. Named types point at the definition
// they name (a Typedef, Enum or Struct; never a Const or Service).
struct TypeRef {
  enum class Kind { kBase, kList, kSet, kMap, kNamed };
  Kind kind = Kind::kBase;
  BaseType base = BaseType::kVoid;   // kBase only
  std::unique_ptr<TypeRef> key;      // kMap only
  std::unique_ptr<TypeRef> element;  // kList/kSet element, kMap value
  std::string spelling;  // kBase: "i32", "byte"...; kNamed: "Foo", "shared.Foo"; else "list"...
  const Definition* resolved = nullptr;  // kNamed only
  // `list<i32> (cpp.template = "std::deque")`; Apache's old `cpp_type "T"`
  // on a container is kept here as `cpp.type = "T"`.
  Annotations annotations;
  SourceRange range;

  bool is_base(BaseType type) const { return kind == Kind::kBase && base == type; }
};

// Follows typedefs until a non-typedef type (returns `type` itself if it is
// not a named typedef). Safe on unresolved names (stops there).
const TypeRef& strip_typedefs(const TypeRef& type);

// A constant expression as written. Identifier values (`Color.RED`,
// `MAX`, `shared.MAX`) keep their spelling and point at what they name.
struct ConstValue {
  enum class Kind { kInt, kDouble, kString, kBool, kList, kMap, kIdentifier };
  Kind kind = Kind::kInt;
  std::int64_t int_value = 0;  // kInt; kBool as 0/1
  double double_value = 0.0;   // kDouble
  std::string string_value;    // kString (escapes processed); kIdentifier: the spelling
  std::vector<std::unique_ptr<ConstValue>> list;                                         // kList
  std::vector<std::pair<std::unique_ptr<ConstValue>, std::unique_ptr<ConstValue>>> map;  // kMap
  const Const* const_ref = nullptr;     // kIdentifier naming a constant
  const EnumValue* enum_ref = nullptr;  // kIdentifier naming an enum value
  SourceRange range;
};

enum class Requiredness { kDefault, kRequired, kOptional };

// A struct/union/exception field, a function parameter or a `throws` entry.
struct Field {
  std::int32_t id = 0;
  bool id_was_implicit = false;  // no `N:` written; ids are -1, -2, ... as Apache assigns
  Requiredness requiredness = Requiredness::kDefault;
  TypeRef type;
  std::string name;
  std::unique_ptr<ConstValue> default_value;  // null if none
  bool is_reference = false;                  // `&` (cpp.ref)
  std::string doc;
  Annotations annotations;
  SourceRange range;
  SourceRange name_range;
};

enum class DefinitionKind { kTypedef, kEnum, kConst, kStruct, kService };

struct Definition {
  explicit Definition(DefinitionKind k) : kind(k) {}
  virtual ~Definition() = default;
  Definition(const Definition&) = delete;
  Definition& operator=(const Definition&) = delete;

  DefinitionKind kind;
  std::string name;
  const Program* program = nullptr;  // the file that defines it
  std::string doc;
  Annotations annotations;
  SourceRange range;
  SourceRange name_range;

  // Downcast: `if (auto* s = def.as<Struct>())`.
  template <typename T>
  const T* as() const {
    return kind == T::kKind ? static_cast<const T*>(this) : nullptr;
  }
  template <typename T>
  T* as() {
    return kind == T::kKind ? static_cast<T*>(this) : nullptr;
  }
};

struct Typedef : Definition {
  static constexpr DefinitionKind kKind = DefinitionKind::kTypedef;
  Typedef() : Definition(kKind) {}
  TypeRef type;
};

struct EnumValue {
  std::string name;
  std::int32_t value = 0;
  bool value_was_explicit = false;  // `A = 3`; otherwise previous + 1 (first: 0)
  const Enum* parent = nullptr;
  std::string doc;
  Annotations annotations;
  SourceRange range;
};

struct Enum : Definition {
  static constexpr DefinitionKind kKind = DefinitionKind::kEnum;
  Enum() : Definition(kKind) {}
  std::vector<std::unique_ptr<EnumValue>> values;
  const EnumValue* find(std::string_view value_name) const;
};

struct Const : Definition {
  static constexpr DefinitionKind kKind = DefinitionKind::kConst;
  Const() : Definition(kKind) {}
  TypeRef type;
  std::unique_ptr<ConstValue> value;  // never null after a successful load
};

enum class StructKind { kStruct, kUnion, kException };

struct Struct : Definition {
  static constexpr DefinitionKind kKind = DefinitionKind::kStruct;
  Struct() : Definition(kKind) {}
  StructKind struct_kind = StructKind::kStruct;
  std::vector<std::unique_ptr<Field>> fields;
};

struct Function {
  std::string name;
  bool oneway = false;
  TypeRef return_type;  // BaseType::kVoid for `void`
  std::vector<std::unique_ptr<Field>> params;
  std::vector<std::unique_ptr<Field>> throws;  // each type names an exception
  std::string doc;
  Annotations annotations;
  SourceRange range;
  SourceRange name_range;
};

struct Service : Definition {
  static constexpr DefinitionKind kKind = DefinitionKind::kService;
  Service() : Definition(kKind) {}
  std::string extends_spelling;  // "" if none; "Base" or "shared.Base"
  const Service* extends = nullptr;
  SourceRange extends_range;
  std::vector<std::unique_ptr<Function>> functions;
};

struct Include {
  std::string spelling;              // the path as written in `include "..."`
  const Program* program = nullptr;  // null only if it could not be loaded
  SourceRange range;
};

struct Namespace {
  std::string scope;  // "cpp", "py.twisted", "*"
  std::string name;   // "thrift.test"
  Annotations annotations;
  SourceRange range;
};

// One .thrift file.
struct Program {
  FileId file = kNoFile;
  std::string path;  // as opened (relative to cwd or absolute)
  std::string name;  // basename without ".thrift": the `name.` prefix used by includers
  std::string doc;   // the file's first `/** */` unless it documents the first definition
  std::vector<Include> includes;
  std::vector<std::string> cpp_includes;
  std::vector<Namespace> namespaces;                     // source order
  std::vector<std::unique_ptr<Definition>> definitions;  // source order

  // Namespace for `scope`, falling back to `*`; "" if neither is declared.
  std::string namespace_for(std::string_view scope) const;
  // Definition named `name` in this file (no `file.` prefix); null if none.
  const Definition* find(std::string_view name) const;
};

// Everything one load() produced. `programs` lists every file read, each
// exactly once, dependencies before the files that include them; `root` is
// the file named on the command line (also in `programs`, last).
struct Compilation {
  std::vector<std::unique_ptr<Program>> programs;
  const Program* root = nullptr;
};

}  // namespace corothrift::idl
