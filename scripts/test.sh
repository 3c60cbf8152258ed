#!/usr/bin/env bash
# The one test command (README): installs what the tests need, starts PostgreSQL on a private loopback
# port, runs every test on SQLite and on PostgreSQL, stops what it started, and prints
# `tests: N passed, N failed, N skipped` as its last line.
set -uo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
# A free loopback port, so that two runs on one machine do not collide.
pg_port=${LEGITKA_TEST_PG_PORT:-}
while [ -z "$pg_port" ]; do
  candidate=$((40000 + RANDOM % 20000))
  (exec 3<>"/dev/tcp/127.0.0.1/$candidate") 2>/dev/null || pg_port=$candidate
done
work=$(mktemp -d /tmp/legitka-test.XXXXXX)
chmod 755 "$work"
log() { printf '\n== %s\n' "$*"; }

# 1. System packages (Debian): PostgreSQL, Chromium for Playwright, poppler for PDFs, fonts with Polish glyphs.
need=()
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v pdftoppm >/dev/null 2>&1 || need+=(poppler-utils)
[ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || need+=(fonts-dejavu-core)
ldconfig -p | grep -q libfontconfig.so.1 || need+=(libfontconfig1)
[ -d /usr/share/zoneinfo/Europe ] || need+=(tzdata)
node_major=$(node --version 2>/dev/null | sed -E 's/^v([0-9]+).*/\1/')
[ -n "$node_major" ] || need+=(nodejs npm)
if [ ${#need[@]} -gt 0 ]; then
  log "installing ${need[*]}"
  as_root=""; [ "$(id -u)" -ne 0 ] && as_root="sudo"
  $as_root apt-get update -qq && $as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null \
    || { echo "apt-get install failed"; echo "tests: 0 passed, 1 failed, 0 skipped"; exit 1; }
fi

echo "node $(node --version 2>/dev/null), npm $(npm --version 2>/dev/null), dotnet $(dotnet --version)"

# 2. PostgreSQL on a private port, owned by the postgres user (initdb refuses root), trust on loopback only.
pg_bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
pg_data="$work/pg"
run_pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
mkdir -p "$pg_data"
[ "$(id -u)" -eq 0 ] && chown postgres "$pg_data" "$work"
stop_pg() { run_pg "$pg_bin/pg_ctl" -D "$pg_data" -m fast stop >/dev/null 2>&1 || true; rm -rf "$work"; }
trap stop_pg EXIT
log "starting PostgreSQL on 127.0.0.1:$pg_port"
run_pg "$pg_bin/initdb" -D "$pg_data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >/dev/null \
  && run_pg "$pg_bin/pg_ctl" -D "$pg_data" -l "$pg_data/server.log" -w \
       -o "-p $pg_port -c listen_addresses=127.0.0.1 -k $pg_data -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" start >/dev/null \
  && run_pg "$pg_bin/psql" -h 127.0.0.1 -p "$pg_port" -U postgres -qc "CREATE ROLE legitka LOGIN CREATEDB PASSWORD 'legitka'" \
  || { echo "PostgreSQL did not start"; cat "$pg_data/server.log" 2>/dev/null; echo "tests: 0 passed, 1 failed, 0 skipped"; exit 1; }
export LEGITKA_TEST_POSTGRES="Host=127.0.0.1;Port=$pg_port;Username=legitka;Password=legitka"

# 3. Independent implementations for interop tests (pinned in tests/interop/package-lock.json).
if [ -f tests/interop/package-lock.json ]; then
  log "npm ci (interop peers)"
  npm ci --prefix tests/interop --no-audit --no-fund --loglevel=error || { echo "tests: 0 passed, 1 failed, 0 skipped"; exit 1; }
fi

# 4. Build once, then run each suite; each run's VSTest summary line is added up.
log "building"
dotnet build Legitka.slnx -c Release -warnaserror -nologo -v q || { echo "tests: 0 passed, 1 failed, 0 skipped"; exit 1; }
export LEGITKA_ARTIFACTS="$root/artifacts/test"
mkdir -p "$LEGITKA_ARTIFACTS"
passed=0; failed=0; skipped=0; status=0
run_suite() {
  local label=$1; shift
  log "$label"
  local out="$work/suite.log"
  "$@" 2>&1 | tee "$out"
  local rc=${PIPESTATUS[0]}
  local line
  line=$(grep -E "(Passed|Failed)! +- Failed: +[0-9]+, Passed: +[0-9]+, Skipped: +[0-9]+" "$out" | tail -1)
  if [ -z "$line" ]; then
    echo "no test summary from: $label"; failed=$((failed + 1)); status=1; return
  fi
  local f p s
  f=$(sed -E 's/.*Failed: +([0-9]+).*/\1/' <<<"$line")
  p=$(sed -E 's/.*Passed: +([0-9]+).*/\1/' <<<"$line")
  s=$(sed -E 's/.*Skipped: +([0-9]+).*/\1/' <<<"$line")
  passed=$((passed + p)); failed=$((failed + f)); skipped=$((skipped + s))
  if [ "$rc" -ne 0 ]; then
    echo "$label: the test run exited with $rc"
    status=1
    # A crash after the summary must still show as a failure in the closing line.
    [ "$f" -eq 0 ] && failed=$((failed + 1))
  fi
}
# Every test project under tests/ runs: those that read LEGITKA_TEST_DB (Legitka.Tests) once per database, the
# others (Legitka.Credentials.Tests, Legitka.Wallet.Tests — which renders slips with pdftoppm) once.
for project in tests/*/; do
  name=$(basename "$project")
  [ "$name" = "interop" ] && continue
  [ -f "$project/$name.csproj" ] || continue
  if grep -q "LEGITKA_TEST_DB" -r "$project" --include=*.cs; then
    LEGITKA_TEST_DB=sqlite run_suite "$name on SQLite" dotnet test "$project" -c Release --no-build --nologo --blame-hang-timeout 15m
    LEGITKA_TEST_DB=postgres run_suite "$name on PostgreSQL" dotnet test "$project" -c Release --no-build --nologo --blame-hang-timeout 15m
  else
    run_suite "$name" dotnet test "$project" -c Release --no-build --nologo --blame-hang-timeout 15m
  fi
done

[ "$failed" -gt 0 ] && status=1
echo "tests: $passed passed, $failed failed, $skipped skipped"
exit $status
