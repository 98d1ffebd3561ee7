#!/usr/bin/env bash
# A separate consumer project against the installed package: installs this
# build into a temporary prefix, builds examples/calculator on its own with
# find_package(corothrift) from a temporary copy of the IDLs, then checks the
# build's regeneration: an untouched rebuild does nothing, touching the
# included shared.thrift regenerates both IDLs' code, and a type added to it
# reaches the generated header. On the way it runs the built example: client
# against server, and a second server on the taken port.
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

# The example itself, as built from the installed package: the client's
# calls against its server, then a second server on the taken port, which
# must fail with a one-line error (not an abort).
"$work/build/calculator_server" --port 0 >"$work/server.log" 2>&1 &
server_pid=$!
trap '[ -z "$server_pid" ] || kill "$server_pid" 2>/dev/null; rm -rf "$work"' EXIT
port=""
for _ in $(seq 100); do
  port=$(sed -nE 's/.*listening on 127\.0\.0\.1:([0-9]+).*/\1/p' "$work/server.log" | head -n 1)
  [ -n "$port" ] && break
  sleep 0.1
done
[ -n "$port" ] || { cat "$work/server.log"; fail "calculator_server did not start"; }
timeout 30 "$work/build/calculator_client" --port "$port" >"$work/client.log" 2>&1 \
  || { cat "$work/client.log"; fail "calculator_client"; }
expect_in client.log "concurrent: add(1, 1) = 2, 6 \* 7 = 42, 15 - 10 = 5, ping ok"
expect_in client.log "caught tutorial::InvalidOperation"
expect_in client.log "getStruct(1) (inherited from SharedService)"
rc=0
timeout 30 "$work/build/calculator_server" --port "$port" >"$work/second.log" 2>&1 || rc=$?
[ "$rc" -eq 1 ] || { cat "$work/second.log"; fail "a second server on a taken port exited $rc, not 1"; }
expect_in second.log "calculator_server: cannot serve on 127.0.0.1:$port"
kill "$server_pid"
wait "$server_pid" || true
server_pid=""

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
