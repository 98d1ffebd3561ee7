#!/usr/bin/env bash
# A separate consumer project against the installed package: installs this
# build into a temporary prefix, builds examples/calculator on its own with
# find_package(corothrift) from a temporary copy of the IDLs, then checks the
# build's regeneration: an untouched rebuild does nothing, touching the
# included shared.thrift regenerates both IDLs' code, and a type added to it
# reaches the generated header.
#
# usage: consumer_project_test.sh BUILD_DIR EXAMPLE_SOURCE_DIR IDL_DIR CXX_COMPILER
set -euo pipefail
build_dir=$1 example_dir=$2 idl_dir=$3 cxx=$4

work=$(mktemp -d /tmp/corothrift_consumer_XXXXXX)
trap 'rm -rf "$work"' EXIT
fail() {
  echo "FAIL: $*"
  exit 1
}
# build LOG: builds the consumer project, its output in $work/LOG.
build() {
  timeout 240 cmake --build "$work/build" -j 2 >"$work/$1" 2>&1 || { cat "$work/$1"; fail "build ($1)"; }
}
expect_in() {
  grep -q -- "$2" "$work/$1" || { cat "$work/$1"; fail "$1 lacks: $2"; }
}

cmake --install "$build_dir" --prefix "$work/prefix" >"$work/install.log" 2>&1 \
  || { cat "$work/install.log"; fail "cmake --install"; }
[ -x "$work/prefix/bin/corothrift" ] || fail "the compiler was not installed"
[ -f "$work/prefix/lib/cmake/corothrift/corothrift-config.cmake" ] || fail "no package config"

mkdir "$work/idl"
cp "$idl_dir/tutorial.thrift" "$idl_dir/shared.thrift" "$work/idl/"
cmake -S "$example_dir" -B "$work/build" -G Ninja -DCMAKE_CXX_COMPILER="$cxx" \
  -DCMAKE_PREFIX_PATH="$work/prefix" -DCALCULATOR_IDL_DIR="$work/idl" >"$work/configure.log" 2>&1 \
  || { cat "$work/configure.log"; fail "configure the consumer project"; }

build first.log
expect_in first.log "generating C++ from tutorial.thrift"
expect_in first.log "generating C++ from shared.thrift"
for program in calculator_server calculator_client; do
  [ -x "$work/build/$program" ] || fail "$program was not built"
done
grep -q "$work/prefix/bin/corothrift" "$work/build/build.ninja" || fail "not the installed compiler"

build untouched.log
expect_in untouched.log "no work to do"

sleep 1  # a coarse file system clock must see the touch as newer
touch "$work/idl/shared.thrift"
build touched.log
expect_in touched.log "generating C++ from shared.thrift"
# tutorial.thrift includes shared.thrift: its depfile names it.
expect_in touched.log "generating C++ from tutorial.thrift"

build after_touch.log
expect_in after_touch.log "no work to do"

sleep 1
printf '\nstruct ConsumerAdded {\n  1: i32 count\n}\n' >>"$work/idl/shared.thrift"
build edited.log
expect_in edited.log "generating C++ from shared.thrift"
grep -q "struct ConsumerAdded" "$work/build/gen/shared_types.h" || fail "ConsumerAdded not generated"

echo "consumer project: built against the installed package, regenerated exactly on change"
