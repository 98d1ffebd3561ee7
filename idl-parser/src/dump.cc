#include "corothrift/idl/dump.h"

#include <fmt/format.h>

namespace corothrift::idl {
namespace {

std::string quote(std::string_view text) {
  std::string out = "\"";
  for (char c : text) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          out += fmt::format("\\x{:02x}", static_cast<unsigned char>(c));
        } else {
          out += c;
        }
    }
  }
  return out + "\"";
}

std::string annotations(const Annotations& list) {
  if (list.items.empty()) return {};
  std::string out = " (";
  for (std::size_t i = 0; i < list.items.size(); ++i) {
    const Annotation& a = list.items[i];
    if (i > 0) out += ", ";
    out += a.value ? fmt::format("{} = {}", a.key, quote(*a.value)) : a.key;
  }
  return out + ")";
}

const char* kind_name(DefinitionKind kind) {
  switch (kind) {
    case DefinitionKind::kTypedef:
      return "typedef";
    case DefinitionKind::kEnum:
      return "enum";
    case DefinitionKind::kConst:
      return "const";
    case DefinitionKind::kStruct:
      return "struct";
    case DefinitionKind::kService:
      return "service";
  }
  return "?";
}

std::string qualified(const Definition& d) {
  return d.program != nullptr ? d.program->name + "." + d.name : d.name;
}

std::string type(const TypeRef& t) {
  std::string out;
  switch (t.kind) {
    case TypeRef::Kind::kBase:
      out = t.spelling;
      break;
    case TypeRef::Kind::kList:
      out = "list<" + type(*t.element) + ">";
      break;
    case TypeRef::Kind::kSet:
      out = "set<" + type(*t.element) + ">";
      break;
    case TypeRef::Kind::kMap:
      out = "map<" + type(*t.key) + ", " + type(*t.element) + ">";
      break;
    case TypeRef::Kind::kNamed:
      out = t.spelling;
      if (t.resolved != nullptr) {
        out += fmt::format("[{} {}]", kind_name(t.resolved->kind), qualified(*t.resolved));
      }
      break;
  }
  return out + annotations(t.annotations);
}

std::string value(const ConstValue& v) {
  switch (v.kind) {
    case ConstValue::Kind::kInt:
      return fmt::format("{}", v.int_value);
    case ConstValue::Kind::kDouble:
      return fmt::format("{}", v.double_value);
    case ConstValue::Kind::kString:
      return quote(v.string_value);
    case ConstValue::Kind::kBool:
      return v.int_value != 0 ? "true" : "false";
    case ConstValue::Kind::kList: {
      std::string out = "[";
      for (std::size_t i = 0; i < v.list.size(); ++i)
        out += (i > 0 ? ", " : "") + value(*v.list[i]);
      return out + "]";
    }
    case ConstValue::Kind::kMap: {
      std::string out = "{";
      for (std::size_t i = 0; i < v.map.size(); ++i) {
        out += fmt::format("{}{}: {}", i > 0 ? ", " : "", value(*v.map[i].first),
                           value(*v.map[i].second));
      }
      return out + "}";
    }
    case ConstValue::Kind::kIdentifier:
      if (v.const_ref != nullptr)
        return fmt::format("{}[const {}]", v.string_value, qualified(*v.const_ref));
      if (v.enum_ref != nullptr) {
        return fmt::format("{}[enum value {}.{} = {}]", v.string_value,
                           qualified(*v.enum_ref->parent), v.enum_ref->name, v.enum_ref->value);
      }
      return v.string_value;
  }
  return "?";
}

class Dumper {
 public:
  explicit Dumper(const SourceManager& sources) : sources_(sources) {}

  std::string run(const Program& p) {
    line(0, fmt::format("program {}", p.name), {});
    doc(1, p.doc);
    for (const Include& i : p.includes) {
      line(1, fmt::format("include {} -> {}", quote(i.spelling), i.program ? i.program->name : "?"),
           i.range);
    }
    for (const std::string& i : p.cpp_includes) line(1, "cpp_include " + quote(i), {});
    for (const Namespace& n : p.namespaces) {
      line(1, fmt::format("namespace {} {}{}", n.scope, n.name, annotations(n.annotations)),
           n.range);
    }
    for (const auto& d : p.definitions) definition(*d);
    return std::move(out_);
  }

 private:
  void line(int depth, const std::string& text, SourceRange range) {
    out_.append(2 * static_cast<std::size_t>(depth), ' ');
    out_ += text;
    if (range.has_location()) {
      LineColumn at = sources_.locate(range.file, range.begin);
      out_ += fmt::format(" @{}:{}", at.line, at.column);
    }
    out_ += '\n';
  }

  void doc(int depth, const std::string& text) {
    if (!text.empty()) line(depth, "doc " + quote(text), {});
  }

  void definition(const Definition& d) {
    std::string head = fmt::format("{} {}", kind_name(d.kind), d.name);
    if (auto* s = d.as<Struct>()) {
      const char* kinds[] = {"struct", "union", "exception"};
      head = fmt::format("{} {}", kinds[static_cast<int>(s->struct_kind)], d.name);
    }
    if (auto* t = d.as<Typedef>()) head = fmt::format("typedef {} {}", type(t->type), d.name);
    if (auto* c = d.as<Const>())
      head = fmt::format("const {} {} = {}", type(c->type), d.name, value(*c->value));
    if (auto* s = d.as<Service>(); s != nullptr && !s->extends_spelling.empty()) {
      head += " extends " + s->extends_spelling +
              (s->extends ? "[service " + qualified(*s->extends) + "]" : "");
    }
    line(1, head + annotations(d.annotations), d.range);
    doc(2, d.doc);
    if (auto* e = d.as<Enum>()) enum_values(*e);
    if (auto* s = d.as<Struct>()) fields(2, "field", s->fields);
    if (auto* s = d.as<Service>()) functions(*s);
  }

  void enum_values(const Enum& e) {
    for (const auto& v : e.values) {
      line(2,
           fmt::format("value {} = {}{}{}", v->name, v->value,
                       v->value_was_explicit ? "" : " (implicit)", annotations(v->annotations)),
           v->range);
      doc(3, v->doc);
    }
  }

  void fields(int depth, const char* what, const std::vector<std::unique_ptr<Field>>& list) {
    static const char* kRequiredness[] = {"", "required ", "optional "};
    for (const auto& f : list) {
      std::string text =
          fmt::format("{} {}{}: {}{}{} {}", what, f->id, f->id_was_implicit ? " (implicit)" : "",
                      kRequiredness[static_cast<int>(f->requiredness)], type(f->type),
                      f->is_reference ? " &" : "", f->name);
      if (f->default_value) text += " = " + value(*f->default_value);
      line(depth, text + annotations(f->annotations), f->range);
      doc(depth + 1, f->doc);
    }
  }

  void functions(const Service& s) {
    for (const auto& f : s.functions) {
      line(2,
           fmt::format("function {}{} {}{}", f->oneway ? "oneway " : "", type(f->return_type),
                       f->name, annotations(f->annotations)),
           f->range);
      doc(3, f->doc);
      fields(3, "param", f->params);
      fields(3, "throws", f->throws);
    }
  }

  const SourceManager& sources_;
  std::string out_;
};

}  // namespace

std::string dump_ast(const Program& program, const SourceManager& sources) {
  return Dumper(sources).run(program);
}

}  // namespace corothrift::idl
