#include "resolver.h"

#include <map>

#include "suggest.h"

namespace corothrift::idl {
namespace {

const char* kind_name(const Definition& definition) {
  switch (definition.kind) {
    case DefinitionKind::kTypedef:
      return "typedef";
    case DefinitionKind::kEnum:
      return "enum";
    case DefinitionKind::kConst:
      return "constant";
    case DefinitionKind::kStruct:
      return "struct";
    case DefinitionKind::kService:
      return "service";
  }
  return "definition";
}

bool is_type(const Definition& d) {
  return d.kind == DefinitionKind::kTypedef || d.kind == DefinitionKind::kEnum ||
         d.kind == DefinitionKind::kStruct;
}

class Resolver {
 public:
  Resolver(Program& program, Diagnostics& diags) : program_(program), diags_(diags) {}

  void run() {
    check_duplicates();
    for (auto& definition : program_.definitions) resolve_definition(*definition);
  }

 private:
  void check_duplicates() {
    std::map<std::string_view, const Definition*> seen;
    for (const auto& definition : program_.definitions) {
      auto [it, inserted] = seen.emplace(definition->name, definition.get());
      if (inserted) continue;
      diags_.error(definition->name_range, "redefinition of '{}'", definition->name);
      diags_.note(it->second->name_range, "previous definition of '{}' is here", it->second->name);
    }
  }

  // "Name" in this file, or "file.Name" in a directly included file.
  const Definition* lookup(std::string_view spelling) const {
    std::size_t dot = spelling.find('.');
    if (dot == std::string_view::npos) return program_.find(spelling);
    std::string_view prefix = spelling.substr(0, dot);
    for (const Include& include : program_.includes) {
      if (include.program != nullptr && include.program->name == prefix) {
        return include.program->find(spelling.substr(dot + 1));
      }
    }
    return nullptr;
  }

  // Every visible name that `accept` takes, spelled as it would be referenced.
  template <typename Accept>
  std::vector<std::string> visible_names(Accept accept) const {
    std::vector<std::string> names;
    auto add = [&](const Program& p, const std::string& prefix) {
      for (const auto& d : p.definitions) accept(*d, prefix + d->name, names);
    };
    add(program_, "");
    for (const Include& include : program_.includes) {
      if (include.program != nullptr) add(*include.program, include.program->name + ".");
    }
    return names;
  }

  void resolve_type(TypeRef& type) {
    if (type.key) resolve_type(*type.key);
    if (type.element) resolve_type(*type.element);
    if (type.kind != TypeRef::Kind::kNamed) return;
    const Definition* found = lookup(type.spelling);
    if (found == nullptr) {
      auto names = visible_names([](const Definition& d, std::string name, auto& out) {
        if (is_type(d)) out.push_back(std::move(name));
      });
      diags_.error(type.range, "unknown type '{}'{}", type.spelling,
                   did_you_mean(type.spelling, names));
    } else if (!is_type(*found)) {
      diags_.error(type.range, "'{}' is a {}, not a type", type.spelling, kind_name(*found));
    } else {
      type.resolved = found;
    }
  }

  void resolve_value(ConstValue& value) {
    for (auto& element : value.list) resolve_value(*element);
    for (auto& [key, mapped] : value.map) {
      resolve_value(*key);
      resolve_value(*mapped);
    }
    if (value.kind != ConstValue::Kind::kIdentifier) return;
    const std::string& spelling = value.string_value;
    if (const Definition* found = lookup(spelling); found != nullptr && found->as<Const>()) {
      value.const_ref = found->as<Const>();
      return;
    }
    std::size_t dot = spelling.rfind('.');
    if (dot != std::string::npos) {
      const Definition* found = lookup(std::string_view(spelling).substr(0, dot));
      if (const Enum* e = found != nullptr ? found->as<Enum>() : nullptr) {
        value.enum_ref = e->find(std::string_view(spelling).substr(dot + 1));
        if (value.enum_ref != nullptr) return;
      }
    }
    diags_.error(value.range, "unknown constant '{}'{}", spelling,
                 did_you_mean(spelling, constant_names()));
  }

  std::vector<std::string> constant_names() const {
    return visible_names([](const Definition& d, std::string name, auto& out) {
      if (d.as<Const>() != nullptr) out.push_back(name);
      if (const Enum* e = d.as<Enum>()) {
        for (const auto& v : e->values) out.push_back(name + "." + v->name);
      }
    });
  }

  void resolve_fields(std::vector<std::unique_ptr<Field>>& fields) {
    for (auto& field : fields) {
      resolve_type(field->type);
      if (field->default_value) resolve_value(*field->default_value);
    }
  }

  void resolve_service(Service& service) {
    if (!service.extends_spelling.empty()) {
      const Definition* found = lookup(service.extends_spelling);
      service.extends = found != nullptr ? found->as<Service>() : nullptr;
      if (service.extends == nullptr) {
        auto names = visible_names([](const Definition& d, std::string name, auto& out) {
          if (d.as<Service>() != nullptr) out.push_back(std::move(name));
        });
        diags_.error(service.extends_range, "unknown service '{}'{}", service.extends_spelling,
                     did_you_mean(service.extends_spelling, names));
      }
    }
    for (auto& function : service.functions) {
      resolve_type(function->return_type);
      resolve_fields(function->params);
      resolve_fields(function->throws);
    }
  }

  void resolve_definition(Definition& definition) {
    if (auto* t = definition.as<Typedef>()) resolve_type(t->type);
    if (auto* c = definition.as<Const>()) {
      resolve_type(c->type);
      resolve_value(*c->value);
    }
    if (auto* s = definition.as<Struct>()) resolve_fields(s->fields);
    if (auto* s = definition.as<Service>()) resolve_service(*s);
  }

  Program& program_;
  Diagnostics& diags_;
};

}  // namespace

void resolve_program(Program& program, Diagnostics& diags) { Resolver(program, diags).run(); }

}  // namespace corothrift::idl
