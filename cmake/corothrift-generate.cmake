# corothrift_generate(TARGET <target> IDL <file.thrift>...
#                     [INCLUDE_DIRS <dir>...] [OUTPUT_DIR <dir>] [OPTIONS <key=value>...]
#                     [PRIVATE | PUBLIC | INTERFACE])
#
# Runs the corothrift compiler at build time on each IDL file, adds the generated sources to
# <target>, adds the output directory to its include path and links corothrift::runtime.
# The scope (PRIVATE when none is given) is that of the include path and the link: PUBLIC
# makes <target> a library of generated code whose users get both by linking it,
#   add_library(calc_idl STATIC)
#   corothrift_generate(TARGET calc_idl IDL calculator.thrift PUBLIC)
#   target_link_libraries(calc_server PRIVATE calc_idl)
# so the IDL is generated and compiled once however many programs use it. INTERFACE adds the
# sources to the users instead (each user compiles them).
# The compiler writes a depfile listing every .thrift it read, so editing an included file
# regenerates exactly the outputs that depend on it.
#
# The outputs of `foo.thrift` are foo_types.h/.cpp and <Service>.h/.cpp for each service it
# declares. CMake learns the service names at configure time by scanning the file (comments
# stripped) and re-runs configure when the file changes, so adding a service needs no action.
# List every .thrift whose code the target needs (its includes too), as with protobuf_generate.

function(_corothrift_services idl out_var)
  file(READ "${idl}" text)
  # Block comments, then line comments; strings cannot contain a `service Name {` that matters.
  string(REGEX REPLACE "/\\*([^*]|\\*+[^*/])*\\*+/" " " text "${text}")
  string(REGEX REPLACE "(#|//)[^\n]*" " " text "${text}")
  set(ws "[ \t\r\n]")
  set(ident "[A-Za-z_][A-Za-z0-9_]*")
  string(REGEX MATCHALL "(^|${ws})service${ws}+${ident}${ws}*(extends${ws}+${ident}(\\.${ident})*${ws}*)?\\{"
         decls "${text}")
  set(names "")
  foreach(decl IN LISTS decls)
    string(REGEX REPLACE "^${ws}*service${ws}+(${ident}).*" "\\1" name "${decl}")
    list(APPEND names "${name}")
  endforeach()
  set(${out_var} "${names}" PARENT_SCOPE)
endfunction()

function(corothrift_generate)
  cmake_parse_arguments(PARSE_ARGV 0 arg "PRIVATE;PUBLIC;INTERFACE" "TARGET;OUTPUT_DIR"
                        "IDL;INCLUDE_DIRS;OPTIONS")
  if(NOT arg_TARGET OR NOT arg_IDL)
    message(FATAL_ERROR "corothrift_generate: TARGET and IDL are required")
  endif()
  if(arg_UNPARSED_ARGUMENTS)
    message(FATAL_ERROR "corothrift_generate: unknown arguments ${arg_UNPARSED_ARGUMENTS}")
  endif()
  set(scope "")
  foreach(candidate PRIVATE PUBLIC INTERFACE)
    if(arg_${candidate})
      list(APPEND scope ${candidate})
    endif()
  endforeach()
  list(LENGTH scope scopes)
  if(scopes GREATER 1)
    message(FATAL_ERROR "corothrift_generate: give one of PRIVATE, PUBLIC, INTERFACE (got ${scope})")
  elseif(scopes EQUAL 0)
    set(scope PRIVATE)
  endif()
  set(sources_scope PRIVATE)
  if(scope STREQUAL "INTERFACE")
    set(sources_scope INTERFACE)
  endif()
  if(TARGET corothrift)
    set(compiler $<TARGET_FILE:corothrift>)
    set(compiler_dep corothrift)
  elseif(TARGET corothrift::corothrift)
    set(compiler $<TARGET_FILE:corothrift::corothrift>)
    set(compiler_dep corothrift::corothrift)
  else()
    message(FATAL_ERROR "corothrift_generate: no corothrift compiler target (find_package(corothrift) first)")
  endif()
  if(NOT arg_OUTPUT_DIR)
    set(arg_OUTPUT_DIR "${CMAKE_CURRENT_BINARY_DIR}/corothrift_gen/${arg_TARGET}")
  endif()
  file(MAKE_DIRECTORY "${arg_OUTPUT_DIR}")
  set(include_dir "${arg_OUTPUT_DIR}")
  if(NOT scope STREQUAL "PRIVATE")
    # A generated library may be exported: its users in the build tree see the outputs.
    set(include_dir "$<BUILD_INTERFACE:${arg_OUTPUT_DIR}>")
  endif()

  set(include_flags "")
  foreach(dir IN LISTS arg_INCLUDE_DIRS)
    get_filename_component(dir "${dir}" ABSOLUTE BASE_DIR "${CMAKE_CURRENT_SOURCE_DIR}")
    list(APPEND include_flags -I "${dir}")
  endforeach()
  set(gen_flag "cpp")
  if(arg_OPTIONS)
    list(JOIN arg_OPTIONS "," joined)
    set(gen_flag "cpp:${joined}")
  endif()

  foreach(idl IN LISTS arg_IDL)
    get_filename_component(idl "${idl}" ABSOLUTE BASE_DIR "${CMAKE_CURRENT_SOURCE_DIR}")
    get_filename_component(stem "${idl}" NAME_WE)
    set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS "${idl}")
    _corothrift_services("${idl}" services)
    set(outputs "${arg_OUTPUT_DIR}/${stem}_types.h" "${arg_OUTPUT_DIR}/${stem}_types.cpp")
    foreach(service IN LISTS services)
      list(APPEND outputs "${arg_OUTPUT_DIR}/${service}.h" "${arg_OUTPUT_DIR}/${service}.cpp")
    endforeach()
    set(depfile "${arg_OUTPUT_DIR}/${stem}.d")
    add_custom_command(
      OUTPUT ${outputs}
      COMMAND ${compiler} --gen ${gen_flag} ${include_flags} -o "${arg_OUTPUT_DIR}"
              --depfile "${depfile}" "${idl}"
      DEPENDS "${idl}" ${compiler_dep}
      DEPFILE "${depfile}"
      COMMENT "corothrift: generating C++ from ${stem}.thrift"
      VERBATIM)
    target_sources(${arg_TARGET} ${sources_scope} ${outputs})
  endforeach()
  target_include_directories(${arg_TARGET} ${scope} "${include_dir}")
  target_link_libraries(${arg_TARGET} ${scope} corothrift::runtime)
endfunction()
