#!/usr/bin/env bash
# A separate consumer project against the installed package: installs this
# build into a temporary prefix, builds a temporary copy of examples/calculator
# on its own with find_package(corothrift), then checks the build's
# regeneration: an untouched rebuild does nothing, touching the included
# ledger.thrift regenerates both IDLs' code, and a type added to it reaches the
# generated header. The example is the library pattern (one library of
# generated code, `corothrift_generate(... PUBLIC)`, linked by two programs):
# each IDL is generated once. On the way it runs the built example: client
# against server, and a second server on the taken port.
#
# usage: consumer_project_test.sh BUILD_DIR EXAMPLE_SOURCE_DIR CXX_COMPILER [CXX_FLAGS]
# (CXX_FLAGS: the sanitizer flags the installed libraries were built with, if any.)
set -euo pipefail
build_dir=$1 example_dir=$2 cxx=$3 cxx_flags=${4:-}

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

cp -r "$example_dir" "$work/example"
cmake -S "$work/example" -B "$work/build" -G Ninja -DCMAKE_CXX_COMPILER="$cxx" \
  -DCMAKE_CXX_FLAGS="$cxx_flags" -DCMAKE_PREFIX_PATH="$work/prefix" >"$work/configure.log" 2>&1 \
  || { cat "$work/configure.log"; fail "configure the consumer project"; }

build first.log
for idl in calculator ledger; do
  count=$(grep -c "generating C++ from $idl.thrift" "$work/first.log" || true)
  [ "$count" -eq 1 ] || { cat "$work/first.log"; fail "$idl.thrift generated $count times, not once"; }
done
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
expect_in client.log "caught calc::CalcError (op DIVIDE, reason \"division by zero\")"
expect_in client.log 'lookup(1) (inherited from ledger.Ledger): Entry{id: 1, result: 42, expression: "6 \* 7"}'
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
touch "$work/example/idl/ledger.thrift"
build touched.log
expect_in touched.log "generating C++ from ledger.thrift"
# calculator.thrift includes ledger.thrift: its depfile names it.
expect_in touched.log "generating C++ from calculator.thrift"

build after_touch.log
expect_in after_touch.log "no work to do"

sleep 1
printf '\nstruct ConsumerAdded {\n  1: i32 count\n}\n' >>"$work/example/idl/ledger.thrift"
build edited.log
expect_in edited.log "generating C++ from ledger.thrift"
grep -q "struct ConsumerAdded" "$work/build/gen/ledger_types.h" || fail "ConsumerAdded not generated"

echo "consumer project: built against the installed package, regenerated exactly on change"
