// The Thrift IDL, written from Apache Thrift's doc/specs/idl.md and the
// behaviour of its 0.17+ compiler. Only the builder (src/builder.cc) sees the
// parse tree. Rule names `exception` and `depth` are avoided: they collide
// with members of the ANTLR C++ runtime.
grammar Thrift;

document : header* definition* EOF ;

header
  : 'include' LITERAL                                    # include
  | 'cpp_include' LITERAL                                # cppInclude
  | 'namespace' namespaceScope anyIdentifier annotations? # namespace
  | REMOVED_NAMESPACE anyIdentifier                      # removedNamespace
  ;

namespaceScope : '*' | anyIdentifier ;

definition
  : constDef | typedefDef | enumDef | senumDef | structDef | unionDef | exceptionDef | serviceDef ;

constDef : 'const' fieldType IDENTIFIER '=' constValue listSeparator? ;

typedefDef : 'typedef' fieldType IDENTIFIER annotations? listSeparator? ;

enumDef : 'enum' IDENTIFIER '{' enumValue* '}' annotations? ;

enumValue : IDENTIFIER ('=' INTEGER)? annotations? listSeparator? ;

senumDef : 'senum' IDENTIFIER '{' (LITERAL listSeparator?)* '}' annotations? ;

structDef : 'struct' IDENTIFIER xsdAll? '{' field* '}' annotations? ;

unionDef : 'union' IDENTIFIER xsdAll? '{' field* '}' annotations? ;

exceptionDef : 'exception' IDENTIFIER '{' field* '}' annotations? ;

serviceDef : 'service' IDENTIFIER ('extends' IDENTIFIER)? '{' function* '}' annotations? ;

function
  : ('oneway' | 'async')? functionType anyIdentifier '(' field* ')' throwsList? annotations?
    listSeparator? ;  // `async`: oneway's name before Thrift 0.1 (old IDLs still use it)

functionType : 'void' | fieldType ;

throwsList : 'throws' '(' field* ')' ;

// Labels give the builder direct pointers: the generated accessors
// (ctx->fieldType()) dynamic_cast every child, a fifth of parsing a large IDL.
field
  : fid=fieldId? req=fieldRequiredness? ftype=fieldType reference='&'? fname=anyIdentifier
    ('=' fdefault=constValue)? xsd+=xsdFieldOption* fannotations=annotations? listSeparator?
  ;

fieldId : INTEGER ':' ;

fieldRequiredness : 'required' | 'optional' ;

fieldType
  : IDENTIFIER                   # namedType
  | baseType annotations?        # baseTypeRef
  | containerType annotations?   # containerTypeRef
  | 'slist'                      # slistType
  ;

baseType
  : 'bool' | 'byte' | 'i8' | 'i16' | 'i32' | 'i64' | 'double' | 'string' | 'binary' | 'uuid' ;

// `cpp_type "T"` is Apache's old spelling of the `cpp.type` annotation.
containerType
  : 'map' cppType? '<' fieldType ',' fieldType '>'   # mapType
  | 'set' cppType? '<' fieldType '>'                 # setType
  | 'list' '<' fieldType '>' cppType?                # listType
  ;

cppType : 'cpp_type' LITERAL ;

constValue
  : INTEGER                                              # intConst
  | DOUBLE                                               # doubleConst
  | LITERAL                                              # stringConst
  | ('true' | 'false')                                   # boolConst
  | IDENTIFIER                                           # identifierConst
  | '[' (constValue listSeparator?)* ']'                 # listConst
  | '{' (constValue ':' constValue listSeparator?)* '}'  # mapConst
  ;

annotations : '(' (annotation listSeparator?)* ')' ;

annotation : anyIdentifier ('=' LITERAL)? ;

listSeparator : ',' | ';' ;

// Removed from Thrift; accepted here only to say so clearly.
xsdAll : 'xsd_all' ;
xsdFieldOption : 'xsd_optional' | 'xsd_nillable' | 'xsd_attrs' '{' field* '}' ;

// Keywords may be used where Apache's compiler takes any word: field and
// parameter names, function names, annotation keys, namespace scopes/names.
anyIdentifier
  : IDENTIFIER
  | 'include' | 'cpp_include' | 'namespace' | 'const' | 'typedef' | 'enum' | 'struct' | 'union'
  | 'exception' | 'service' | 'extends' | 'oneway' | 'async' | 'void' | 'throws' | 'required'
  | 'optional'
  | 'bool' | 'byte' | 'i8' | 'i16' | 'i32' | 'i64' | 'double' | 'string' | 'binary' | 'uuid'
  | 'map' | 'set' | 'list' | 'true' | 'false' | 'cpp_type'
  ;

REMOVED_NAMESPACE
  : 'cpp_namespace' | 'php_namespace' | 'py_module' | 'perl_package' | 'ruby_namespace'
  | 'smalltalk_category' | 'smalltalk_prefix' | 'java_package' | 'cocoa_prefix'
  | 'csharp_namespace' | 'delphi_namespace' | 'xsd_namespace'
  ;

INTEGER : [+-]? ( [0-9]+ | '0x' [0-9a-fA-F]+ ) ;

DOUBLE
  : [+-]? ( [0-9]* '.' [0-9]+ EXPONENT? | [0-9]+ EXPONENT ) ;

fragment EXPONENT : [eE] [+-]? [0-9]+ ;

LITERAL
  : '"' ( ~["\\] | '\\' . )* '"'
  | '\'' ( ~['\\] | '\\' . )* '\''
  ;

IDENTIFIER : [a-zA-Z_] ( [a-zA-Z_0-9] | '.' [a-zA-Z_0-9] )* ;

DOC_COMMENT : '/**' ~'/' .*? '*/' -> channel(2) ;

BLOCK_COMMENT : '/*' .*? '*/' -> skip ;

UNTERMINATED_COMMENT : '/*' ( ~'*' | '*'+ ~[*/] )* '*'* EOF ;

LINE_COMMENT : ( '//' | '#' ) ~[\r\n]* -> skip ;

WHITESPACE : [ \t\r\n\f]+ -> skip ;

// Anything else becomes a token the parser rejects, so every error is a
// syntax error with a location.
UNEXPECTED_CHAR : . ;
