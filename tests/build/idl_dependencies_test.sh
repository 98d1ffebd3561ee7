#!/usr/bin/env bash
# Touching one .thrift regenerates exactly the code that depends on it.
# A tiny project runs corothrift_generate() on three IDLs: a.thrift includes
# b.thrift, c.thrift stands alone. Only the generating commands are built
# (ninja on their outputs), and each build's "generating C++ from X.thrift"
# lines say which ran: touching b regenerates a and b, not c; touching a or c
# regenerates that one alone; an untouched build regenerates nothing.
#
# usage: idl_dependencies_test.sh COMPILER SOURCE_DIR
set -euo pipefail
compiler=$1 source_dir=$2

work=$(mktemp -d /tmp/corothrift_idl_deps_XXXXXX)
trap 'rm -rf "$work"' EXIT
fail() {
  echo "FAIL: $*"
  exit 1
}

mkdir "$work/src"
cat >"$work/src/b.thrift" <<'IDL'
namespace cpp deps
struct B {
  1: i32 count
}
IDL
cat >"$work/src/a.thrift" <<'IDL'
include "b.thrift"
namespace cpp deps
struct A {
  1: b.B inner
}
IDL
cat >"$work/src/c.thrift" <<'IDL'
namespace cpp deps
struct C {
  1: string name
}
IDL
# The build tree's compiler as the imported target an installed package gives;
# the generated code is never compiled, so the runtime target is empty.
cat >"$work/src/CMakeLists.txt" <<CMAKE
cmake_minimum_required(VERSION 3.25)
project(idl_dependencies CXX)
add_executable(corothrift::corothrift IMPORTED)
set_target_properties(corothrift::corothrift PROPERTIES IMPORTED_LOCATION "$compiler")
add_library(corothrift::runtime INTERFACE IMPORTED)
include("$source_dir/cmake/corothrift-generate.cmake")
add_library(generated OBJECT)
corothrift_generate(TARGET generated IDL a.thrift b.thrift c.thrift
                    OUTPUT_DIR "\${CMAKE_BINARY_DIR}/gen")
CMAKE
cmake -S "$work/src" -B "$work/build" -G Ninja >"$work/configure.log" 2>&1 \
  || { cat "$work/configure.log"; fail "configure the project"; }

# generate LOG WANT: builds the generated headers; WANT lists the IDLs
# regenerated, in order ("" for none).
generate() {
  (cd "$work/build" && timeout 120 ninja gen/a_types.h gen/b_types.h gen/c_types.h) \
    >"$work/$1" 2>&1 || { cat "$work/$1"; fail "build ($1)"; }
  local got
  got=$(sed -nE 's/.*generating C\+\+ from ([a-z]+)\.thrift.*/\1/p' "$work/$1" | sort | xargs)
  [ "$got" = "$2" ] || { cat "$work/$1"; fail "$1: regenerated '$got', want '$2'"; }
  echo "$1: regenerated '${got}'"
}
# touch_idl NAME: makes NAME.thrift newer than every generated file.
touch_idl() {
  touch "$work/src/$1.thrift"
  for out in "$work"/build/gen/*_types.h; do
    [ "$work/src/$1.thrift" -nt "$out" ] || fail "the file clock did not order $1.thrift after $out"
  done
}

generate first.log "a b c"
generate untouched.log ""
touch_idl b
generate touched_b.log "a b"
generate after_b.log ""
touch_idl c
generate touched_c.log "c"
touch_idl a
generate touched_a.log "a"
echo "idl dependencies: touching an IDL regenerated exactly its dependants"
