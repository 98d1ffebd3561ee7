#include "builder.h"

#include <cctype>

#include <antlr4-runtime.h>

#include "ThriftLexer.h"
#include "ThriftParser.h"
#include "char_stream.h"
#include "lexical.h"

namespace corothrift::idl {
namespace {

using grammar::ThriftLexer;
using grammar::ThriftParser;
using P = ThriftParser;
constexpr std::size_t kDocChannel = 2;

// ANTLR counts code points; the AST keeps byte offsets.
class OffsetMap {
 public:
  explicit OffsetMap(std::string_view text) : size_(text.size()) {
    if (is_ascii(text)) return;  // code points are bytes
    for (std::uint32_t i = 0; i < text.size(); ++i) {
      if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) starts_.push_back(i);
    }
    starts_.push_back(static_cast<std::uint32_t>(text.size()));
  }
  std::uint32_t byte(std::size_t code_point) const {
    if (starts_.empty()) return static_cast<std::uint32_t>(std::min(code_point, size_));
    return starts_[std::min(code_point, starts_.size() - 1)];
  }

 private:
  std::size_t size_;
  std::vector<std::uint32_t> starts_;  // empty for ASCII text
};

class SyntaxErrors : public antlr4::BaseErrorListener {
 public:
  SyntaxErrors(FileId file, const OffsetMap& offsets, Diagnostics& diags)
      : file_(file), offsets_(offsets), diags_(diags) {}
  std::size_t count = 0;

  void syntaxError(antlr4::Recognizer* recognizer, antlr4::Token* token, std::size_t, std::size_t,
                   const std::string& message, std::exception_ptr) override {
    ++count;
    if (token == nullptr) {
      diags_.error({file_, 0, 0}, "syntax error: {}", message);
      return;
    }
    SourceRange range{file_, offsets_.byte(token->getStartIndex()),
                      offsets_.byte(token->getStopIndex() + 1)};
    if (token->getType() == P::EOF) range.end = range.begin;
    diags_.error(range, "{}", explain(dynamic_cast<antlr4::Parser*>(recognizer), token));
  }

 private:
  static std::string explain(antlr4::Parser* parser, antlr4::Token* token) {
    std::string text = token->getText();
    if (token->getType() == P::UNTERMINATED_COMMENT) return "unterminated comment";
    if (token->getType() == P::UNEXPECTED_CHAR && (text == "\"" || text == "'")) {
      return "unterminated string literal";
    }
    if (token->getType() == P::UNEXPECTED_CHAR)
      return fmt::format("unexpected character '{}'", text);
    std::string found = token->getType() == P::EOF ? "end of file" : "'" + text + "'";
    bool at_top = parser != nullptr && dynamic_cast<P::DocumentContext*>(parser->getContext());
    if (at_top && (text == "include" || text == "cpp_include" || text == "namespace")) {
      return fmt::format("syntax error: '{}' must come before the first definition", text);
    }
    std::string expected = parser != nullptr ? expected_tokens(*parser) : std::string();
    if (expected.empty()) return fmt::format("syntax error: unexpected {}", found);
    return fmt::format("syntax error: unexpected {}; expected {}", found, expected);
  }

  // "'}', an integer or a name"; "" when the list would be too long to help.
  // Where a name is possible, keywords are left out (they may be names too).
  static std::string expected_tokens(antlr4::Parser& parser) {
    std::vector<std::string> names;
    auto expected = parser.getExpectedTokens();
    bool name_possible = expected.contains(static_cast<std::size_t>(P::IDENTIFIER));
    for (std::size_t type : expected.toList()) {
      std::string name = parser.getVocabulary().getDisplayName(type);
      bool keyword =
          name.size() > 2 && name[0] == '\'' && std::isalpha(static_cast<unsigned char>(name[1]));
      if (type == P::IDENTIFIER) name = "a name";
      if (type == P::INTEGER) name = "an integer";
      if (type == P::DOUBLE) name = "a number";
      if (type == P::LITERAL) name = "a string literal";
      if (type == P::EOF) name = "end of file";
      if (type == P::REMOVED_NAMESPACE || (keyword && name_possible)) continue;
      names.push_back(name);
    }
    if (names.empty() || names.size() > 6) return {};
    std::string out = names[0];
    for (std::size_t i = 1; i < names.size(); ++i) {
      out += (i + 1 == names.size() ? " or " : ", ") + names[i];
    }
    return out;
  }

  FileId file_;
  const OffsetMap& offsets_;
  Diagnostics& diags_;
};

class Builder {
 public:
  Builder(FileId file, const OffsetMap& offsets, antlr4::CommonTokenStream& tokens,
          Diagnostics& diags)
      : file_(file), offsets_(offsets), tokens_(tokens), diags_(diags) {}

  std::unique_ptr<Program> build(P::DocumentContext* document) {
    auto program = std::make_unique<Program>();
    program->file = file_;
    program->doc = program_doc(document);
    for (auto* header : document->header()) add_header(*program, header);
    for (auto* definition : document->definition()) {
      if (auto built = build_definition(definition)) {
        built->program = program.get();
        program->definitions.push_back(std::move(built));
      }
    }
    return program;
  }

 private:
  // The text of a rule that is one token by the grammar (anyIdentifier,
  // baseType, ...): the rule's own getText() goes through a stringstream.
  static std::string word(antlr4::ParserRuleContext* ctx) { return ctx->getStart()->getText(); }
  SourceRange range(antlr4::ParserRuleContext* ctx) const {
    std::size_t begin = ctx->getStart()->getStartIndex();
    std::size_t stop = ctx->getStop() != nullptr ? ctx->getStop()->getStopIndex() + 1 : begin;
    return {file_, offsets_.byte(begin), offsets_.byte(std::max(begin, stop))};
  }
  SourceRange range(antlr4::Token* token) const {
    return {file_, offsets_.byte(token->getStartIndex()), offsets_.byte(token->getStopIndex() + 1)};
  }
  SourceRange range(antlr4::tree::TerminalNode* node) const { return range(node->getSymbol()); }

  // The `/** */` comment right before `ctx` (only whitespace or plain comments between).
  std::string doc(antlr4::ParserRuleContext* ctx) {
    auto hidden = tokens_.getHiddenTokensToLeft(ctx->getStart()->getTokenIndex(), kDocChannel);
    if (hidden.empty()) return {};
    return clean_doc_comment(hidden.back()->getText());
  }

  // The first `/** */` of the file documents the file unless it is the
  // comment right before a definition (as in Apache: a doc comment before
  // the headers, or one of several before the first definition).
  std::string program_doc(P::DocumentContext* document) {
    antlr4::Token* first = document->getStart();
    auto docs = tokens_.getHiddenTokensToLeft(first->getTokenIndex(), kDocChannel);
    bool header_or_end = first->getType() == P::EOF || first->getType() == P::REMOVED_NAMESPACE ||
                         !document->header().empty();
    if (docs.empty() || (!header_or_end && docs.size() == 1)) return {};
    return clean_doc_comment(docs.front()->getText());
  }

  std::string literal(antlr4::tree::TerminalNode* node) {
    std::string error;
    auto value = unescape_literal(node->getText(), error);
    if (!value) diags_.error(range(node), "{}", error);
    return value.value_or(std::string());
  }

  Annotations annotations(P::AnnotationsContext* ctx) {
    Annotations out;
    if (ctx == nullptr) return out;
    for (auto* a : ctx->annotation()) {
      std::optional<std::string> value;
      if (a->LITERAL() != nullptr) value = literal(a->LITERAL());
      out.items.push_back({word(a->anyIdentifier()), std::move(value), range(a)});
    }
    return out;
  }

  void add_header(Program& program, P::HeaderContext* header) {
    if (auto* h = dynamic_cast<P::IncludeContext*>(header)) {
      program.includes.push_back({literal(h->LITERAL()), nullptr, range(h)});
    } else if (auto* h = dynamic_cast<P::CppIncludeContext*>(header)) {
      program.cpp_includes.push_back(literal(h->LITERAL()));
    } else if (auto* h = dynamic_cast<P::NamespaceContext*>(header)) {
      program.namespaces.push_back({word(h->namespaceScope()), word(h->anyIdentifier()),
                                    annotations(h->annotations()), range(h)});
    } else if (auto* h = dynamic_cast<P::RemovedNamespaceContext*>(header)) {
      removed_namespace(h);
    }
  }

  void removed_namespace(P::RemovedNamespaceContext* h) {
    static const std::map<std::string, std::string> kReplacement = {
        {"cpp_namespace", "cpp"},
        {"php_namespace", "php"},
        {"py_module", "py"},
        {"perl_package", "perl"},
        {"ruby_namespace", "rb"},
        {"smalltalk_category", "smalltalk.category"},
        {"smalltalk_prefix", "smalltalk.prefix"},
        {"java_package", "java"},
        {"cocoa_prefix", "cocoa"},
        {"csharp_namespace", "csharp"},
        {"delphi_namespace", "delphi"},
        {"xsd_namespace", "xsd"}};
    std::string keyword = h->REMOVED_NAMESPACE()->getText();
    diags_.error(range(h->REMOVED_NAMESPACE()),
                 "'{}' was removed from Thrift; use 'namespace {} {}' instead", keyword,
                 kReplacement.at(keyword), word(h->anyIdentifier()));
  }

  template <typename T>
  std::unique_ptr<T> start(antlr4::ParserRuleContext* ctx, antlr4::tree::TerminalNode* name) {
    auto node = std::make_unique<T>();
    node->name = name->getText();
    node->name_range = range(name);
    node->range = range(ctx);
    node->doc = doc(ctx);
    return node;
  }

  std::unique_ptr<Definition> build_definition(P::DefinitionContext* d) {
    if (auto* c = d->constDef()) return build_const(c);
    if (auto* c = d->typedefDef()) return build_typedef(c);
    if (auto* c = d->enumDef()) return build_enum(c);
    if (auto* c = d->structDef()) {
      reject_xsd_all(c->xsdAll());
      return build_struct(c, c->IDENTIFIER(), StructKind::kStruct, c->field(), c->annotations());
    }
    if (auto* c = d->unionDef()) {
      reject_xsd_all(c->xsdAll());
      return build_struct(c, c->IDENTIFIER(), StructKind::kUnion, c->field(), c->annotations());
    }
    if (auto* c = d->exceptionDef()) {
      return build_struct(c, c->IDENTIFIER(), StructKind::kException, c->field(), c->annotations());
    }
    if (auto* c = d->serviceDef()) return build_service(c);
    if (auto* c = d->senumDef()) {
      diags_.error(range(c->getStart()),
                   "'senum' was removed from Thrift; use 'enum' or 'string' instead");
    }
    return nullptr;
  }

  std::unique_ptr<Definition> build_const(P::ConstDefContext* c) {
    auto node = start<Const>(c, c->IDENTIFIER());
    node->type = type(c->fieldType());
    node->value = value(c->constValue());
    return node;
  }

  std::unique_ptr<Definition> build_typedef(P::TypedefDefContext* c) {
    auto node = start<Typedef>(c, c->IDENTIFIER());
    node->type = type(c->fieldType());
    node->annotations = annotations(c->annotations());
    return node;
  }

  std::unique_ptr<Definition> build_enum(P::EnumDefContext* c) {
    auto node = start<Enum>(c, c->IDENTIFIER());
    node->annotations = annotations(c->annotations());
    std::int64_t next = 0;
    for (auto* v : c->enumValue()) {
      auto value = std::make_unique<EnumValue>();
      value->name = v->IDENTIFIER()->getText();
      value->range = range(v);
      value->doc = doc(v);
      value->annotations = annotations(v->annotations());
      value->parent = node.get();
      if (v->INTEGER() != nullptr) {
        next = integer(v->INTEGER()).value_or(next);
        value->value_was_explicit = true;
      }
      if (next < INT32_MIN || next > INT32_MAX) {
        diags_.error(value->range, "value of enum value '{}' does not fit in 32 bits", value->name);
      }
      value->value = static_cast<std::int32_t>(next++);
      node->values.push_back(std::move(value));
    }
    return node;
  }

  std::unique_ptr<Definition> build_struct(antlr4::ParserRuleContext* c,
                                           antlr4::tree::TerminalNode* name, StructKind kind,
                                           const std::vector<P::FieldContext*>& fields,
                                           P::AnnotationsContext* annotation_list) {
    auto node = start<Struct>(c, name);
    node->struct_kind = kind;
    node->fields = field_list(fields);
    node->annotations = annotations(annotation_list);
    return node;
  }

  std::unique_ptr<Definition> build_service(P::ServiceDefContext* c) {
    auto node = start<Service>(c, c->IDENTIFIER(0));
    if (c->IDENTIFIER().size() > 1) {
      node->extends_spelling = c->IDENTIFIER(1)->getText();
      node->extends_range = range(c->IDENTIFIER(1));
    }
    for (auto* f : c->function()) node->functions.push_back(build_function(f));
    node->annotations = annotations(c->annotations());
    return node;
  }

  std::unique_ptr<Function> build_function(P::FunctionContext* f) {
    auto node = std::make_unique<Function>();
    node->name = word(f->anyIdentifier());
    node->name_range = range(f->anyIdentifier());
    node->range = range(f);
    node->doc = doc(f);
    std::string modifier = f->getStart()->getText();
    node->oneway = modifier == "oneway" || modifier == "async";
    if (modifier == "async") {
      diags_.warning(range(f->getStart()), "'async' is the old name of 'oneway'; write 'oneway'");
    }
    auto* return_type = f->functionType()->fieldType();
    if (return_type != nullptr) {
      node->return_type = type(return_type);
    } else {
      node->return_type.spelling = "void";
      node->return_type.range = range(f->functionType());
    }
    node->params = field_list(f->field());
    if (f->throwsList() != nullptr) node->throws = field_list(f->throwsList()->field());
    node->annotations = annotations(f->annotations());
    return node;
  }

  // Apache numbers fields without an id -1, -2, ... within each list.
  std::vector<std::unique_ptr<Field>> field_list(const std::vector<P::FieldContext*>& fields) {
    std::vector<std::unique_ptr<Field>> out;
    std::int32_t next_implicit = -1;
    for (auto* f : fields) out.push_back(build_field(f, next_implicit));
    return out;
  }

  std::unique_ptr<Field> build_field(P::FieldContext* f, std::int32_t& next_implicit) {
    auto node = std::make_unique<Field>();
    node->name = word(f->fname);
    node->name_range = range(f->fname);
    node->range = range(f);
    node->doc = doc(f);
    node->type = type(f->ftype);
    node->is_reference = f->reference != nullptr;
    if (auto* id = f->fid) {
      std::int64_t value = integer(id->INTEGER()).value_or(0);
      if (value < INT16_MIN || value > INT16_MAX) {
        diags_.error(range(id), "field id {} of '{}' does not fit in 16 bits", value, node->name);
      }
      node->id = static_cast<std::int32_t>(value);
    } else {
      node->id = next_implicit--;
      node->id_was_implicit = true;
      diags_.warning(node->name_range,
                     "no field id for '{}'; it gets {}, which may change if fields are added",
                     node->name, node->id);
    }
    if (auto* r = f->req) {
      node->requiredness =
          word(r) == "required" ? Requiredness::kRequired : Requiredness::kOptional;
    }
    if (f->fdefault != nullptr) node->default_value = value(f->fdefault);
    for (auto* x : f->xsd) reject_xsd(x->getStart());
    node->annotations = annotations(f->fannotations);
    return node;
  }

  void reject_xsd_all(P::XsdAllContext* x) {
    if (x != nullptr) reject_xsd(x->getStart());
  }
  void reject_xsd(antlr4::Token* token) {
    diags_.error(range(token), "'{}' was removed from Thrift; use an annotation instead",
                 token->getText());
  }

  std::optional<std::int64_t> integer(antlr4::tree::TerminalNode* node) {
    auto value = parse_integer(node->getText());
    if (!value) diags_.error(range(node), "integer '{}' does not fit in 64 bits", node->getText());
    return value;
  }

  TypeRef type(P::FieldTypeContext* t) {
    TypeRef out;
    out.range = range(t);
    if (auto* named = dynamic_cast<P::NamedTypeContext*>(t)) {
      out.kind = TypeRef::Kind::kNamed;
      out.spelling = named->IDENTIFIER()->getText();
    } else if (auto* base = dynamic_cast<P::BaseTypeRefContext*>(t)) {
      out.spelling = word(base->baseType());
      out.base = base_type(out.spelling);
      out.annotations = annotations(base->annotations());
      out.range = range(base->baseType());
    } else if (auto* container = dynamic_cast<P::ContainerTypeRefContext*>(t)) {
      container_type(container->containerType(), out);
      for (auto& a : annotations(container->annotations()).items) {
        out.annotations.items.push_back(std::move(a));
      }
      out.range = range(container->containerType());
    } else {
      diags_.error(out.range, "'slist' was removed from Thrift; use 'string' instead");
      out.base = BaseType::kString;
    }
    return out;
  }

  void container_type(P::ContainerTypeContext* c, TypeRef& out) {
    P::CppTypeContext* cpp_type = nullptr;
    if (auto* m = dynamic_cast<P::MapTypeContext*>(c)) {
      out.kind = TypeRef::Kind::kMap;
      out.key = std::make_unique<TypeRef>(type(m->fieldType(0)));
      out.element = std::make_unique<TypeRef>(type(m->fieldType(1)));
      out.spelling = "map";
      cpp_type = m->cppType();
    } else if (auto* s = dynamic_cast<P::SetTypeContext*>(c)) {
      out.kind = TypeRef::Kind::kSet;
      out.element = std::make_unique<TypeRef>(type(s->fieldType()));
      out.spelling = "set";
      cpp_type = s->cppType();
    } else if (auto* l = dynamic_cast<P::ListTypeContext*>(c)) {
      out.kind = TypeRef::Kind::kList;
      out.element = std::make_unique<TypeRef>(type(l->fieldType()));
      out.spelling = "list";
      cpp_type = l->cppType();
    }
    if (cpp_type != nullptr) {
      out.annotations.items.push_back({"cpp.type", literal(cpp_type->LITERAL()), range(cpp_type)});
    }
  }

  static BaseType base_type(const std::string& name) {
    static const std::map<std::string, BaseType, std::less<>> kTypes = {
        {"bool", BaseType::kBool},     {"byte", BaseType::kI8},       {"i8", BaseType::kI8},
        {"i16", BaseType::kI16},       {"i32", BaseType::kI32},       {"i64", BaseType::kI64},
        {"double", BaseType::kDouble}, {"string", BaseType::kString}, {"binary", BaseType::kBinary},
        {"uuid", BaseType::kUuid}};
    return kTypes.at(name);
  }

  std::unique_ptr<ConstValue> value(P::ConstValueContext* c) {
    auto out = std::make_unique<ConstValue>();
    out->range = range(c);
    if (auto* i = dynamic_cast<P::IntConstContext*>(c)) {
      out->int_value = integer(i->INTEGER()).value_or(0);
    } else if (auto* d = dynamic_cast<P::DoubleConstContext*>(c)) {
      out->kind = ConstValue::Kind::kDouble;
      out->double_value = std::strtod(word(d).c_str(), nullptr);
    } else if (auto* s = dynamic_cast<P::StringConstContext*>(c)) {
      out->kind = ConstValue::Kind::kString;
      out->string_value = literal(s->LITERAL());
    } else if (dynamic_cast<P::BoolConstContext*>(c) != nullptr) {
      out->kind = ConstValue::Kind::kBool;
      out->int_value = word(c) == "true" ? 1 : 0;
    } else if (auto* id = dynamic_cast<P::IdentifierConstContext*>(c)) {
      out->kind = ConstValue::Kind::kIdentifier;
      out->string_value = id->IDENTIFIER()->getText();
    } else if (auto* l = dynamic_cast<P::ListConstContext*>(c)) {
      out->kind = ConstValue::Kind::kList;
      for (auto* element : l->constValue()) out->list.push_back(value(element));
    } else if (auto* m = dynamic_cast<P::MapConstContext*>(c)) {
      out->kind = ConstValue::Kind::kMap;
      auto items = m->constValue();
      for (std::size_t i = 0; i + 1 < items.size(); i += 2) {
        out->map.emplace_back(value(items[i]), value(items[i + 1]));
      }
    }
    return out;
  }

  FileId file_;
  const OffsetMap& offsets_;
  antlr4::CommonTokenStream& tokens_;
  Diagnostics& diags_;
};

// ANTLR's SLL prediction is much cheaper than full LL and decides every
// valid document the same way; only a document it fails on (a syntax error,
// or, rarely, an input SLL cannot decide) is parsed again in LL mode, which
// reports the errors. The lexer's tokens are kept between the two.
P::DocumentContext* parse_two_stage(ThriftParser& parser, antlr4::CommonTokenStream& tokens,
                                    antlr4::ANTLRErrorListener& errors) {
  using antlr4::atn::ParserATNSimulator;
  using antlr4::atn::PredictionMode;
  parser.getInterpreter<ParserATNSimulator>()->setPredictionMode(PredictionMode::SLL);
  parser.setErrorHandler(std::make_shared<antlr4::BailErrorStrategy>());
  try {
    return parser.document();
  } catch (const antlr4::ParseCancellationException&) {
  }
  tokens.seek(0);
  parser.reset();
  parser.addErrorListener(&errors);
  parser.setErrorHandler(std::make_shared<antlr4::DefaultErrorStrategy>());
  parser.getInterpreter<ParserATNSimulator>()->setPredictionMode(PredictionMode::LL);
  return parser.document();
}

}  // namespace

std::unique_ptr<Program> build_program(FileId file, Diagnostics& diags) {
  // Apache's lexer reads bytes; ANTLR's input needs UTF-8, so stray bytes
  // (Latin-1 comments in old IDLs) are read as '?' with a warning.
  std::string text(diags.sources().text(file));
  if (auto bad = sanitize_utf8(text)) {
    auto at = static_cast<std::uint32_t>(*bad);
    diags.warning({file, at, at + 1}, "invalid UTF-8 byte; read as '?'");
  }
  OffsetMap offsets(text);
  std::unique_ptr<antlr4::CharStream> input = make_char_stream(text);
  ThriftLexer lexer(input.get());
  antlr4::CommonTokenStream tokens(&lexer);
  ThriftParser parser(&tokens);
  SyntaxErrors errors(file, offsets, diags);
  lexer.removeErrorListeners();
  parser.removeErrorListeners();
  lexer.addErrorListener(&errors);
  P::DocumentContext* document = parse_two_stage(parser, tokens, errors);
  if (errors.count > 0) return nullptr;
  return Builder(file, offsets, tokens, diags).build(document);
}

}  // namespace corothrift::idl
