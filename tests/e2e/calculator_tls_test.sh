#!/usr/bin/env bash
# The Calculator example in --tls mode, with a test CA made by the commands
# of docs/tls.md: the TLS client gets through, a plaintext client does not.
# usage: calculator_tls_test.sh SERVER CLIENT
set -euo pipefail
server=$1 client=$2
work=$(mktemp -d)
server_pid=""
cleanup() {
  if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

keys="$work/keys"
mkdir -p "$keys"
cd "$keys"
ec=(-newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes)
openssl req -x509 "${ec[@]}" -keyout CA.key -out CA.pem -days 2 -subj "/CN=test CA" 2>/dev/null
printf 'basicConstraints=CA:FALSE\nsubjectAltName=DNS:localhost,IP:127.0.0.1\n' > server.ext
openssl req "${ec[@]}" -keyout server.key -out server.csr -subj "/CN=localhost" 2>/dev/null
openssl x509 -req -in server.csr -CA CA.pem -CAkey CA.key -CAcreateserial -days 2 \
  -out server.crt -extfile server.ext 2>/dev/null

log="$work/server.log"
"$server" --port 0 --tls "$keys" >"$log" 2>&1 &
server_pid=$!
port=""
for _ in $(seq 1 400); do
  port=$(sed -nE 's/.*listening on 127\.0\.0\.1:([0-9]+) \(TLS\).*/\1/p' "$log" | head -n 1)
  [ -n "$port" ] && break
  kill -0 "$server_pid" 2>/dev/null || break
  sleep 0.05
done
[ -n "$port" ] || { echo "server did not start over TLS:"; cat "$log"; exit 1; }

timeout 30 "$client" --port "$port" --tls "$keys"
echo "TLS client: ok"
if timeout 30 "$client" --port "$port" >"$work/plain.log" 2>&1; then
  echo "a plaintext client got through a TLS port"; exit 1
fi
grep -q "calculator_client: connection to 127.0.0.1:$port" "$work/plain.log" ||
  { echo "the plaintext client failed without naming the connection:"; cat "$work/plain.log"; exit 1; }
echo "plaintext client refused: $(grep calculator_client: "$work/plain.log")"
