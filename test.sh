#!/usr/bin/env bash
# Runs the whole GaiaX.Oid4vc test suite. Works on a fresh machine with only the .NET SDK: it
# installs what the tests need from Debian (redis-server, yamllint, chromium) when missing, builds the
# solution (warnings are errors) and runs every test project. The last line is "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")"

log() { printf '== %s\n' "$*" >&2; }

# --- tools the tests need ----------------------------------------------------------------
missing=()
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
command -v yamllint >/dev/null 2>&1 || missing+=(yamllint)
# The console's browser tests drive Debian's Chromium (never a browser a tool downloads itself).
[ -x /usr/bin/chromium ] || missing+=(chromium)
if ((${#missing[@]})); then
  log "installing from Debian: ${missing[*]}"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq >/dev/null 2>&1 || true
  if ! $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null; then
    log "could not install ${missing[*]}; tests that need them will fail"
  fi
fi
# The packaged Redis service is not needed: tests start their own redis-server on a free port.

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

# --- build -------------------------------------------------------------------------------
log "building GaiaX.Oid4vc.sln"
if ! dotnet build GaiaX.Oid4vc.sln -c Release -nologo -clp:ErrorsOnly; then
  log "build failed"
  echo "0 passed, 1 failed"
  exit 1
fi

# --- static checks of the deployment files --------------------------------------------------
extra_passed=0; extra_failed=0
if [ -x tests/deployment-checks.sh ]; then
  log "deployment checks"
  if tests/deployment-checks.sh; then extra_passed=$((extra_passed + 1)); else extra_failed=$((extra_failed + 1)); fi
fi

# --- tests -------------------------------------------------------------------------------
results="TestResults/run-$$"
rm -rf "$results" TestResults/console-screenshots
log "running tests"
dotnet test GaiaX.Oid4vc.sln -c Release --no-build -nologo \
  --logger "trx" --logger "console;verbosity=minimal" --results-directory "$results" \
  --blame-hang-timeout 5m
status=$?

passed=0; failed=0
shopt -s nullglob
trx_files=("$results"/*.trx)
for trx in "${trx_files[@]}"; do
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")
  f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0}))
done
if ((${#trx_files[@]} == 0)); then failed=$((failed + 1)); fi
# A test host that crashed or hung reports through the exit status, not through a count.
if ((status != 0 && failed == 0)); then failed=1; fi

# The console's browser tests keep a screenshot of every page (desktop and phone) as artefacts.
if [ -d TestResults/console-screenshots ]; then
  log "console screenshots: $(pwd)/TestResults/console-screenshots"
fi

passed=$((passed + extra_passed)); failed=$((failed + extra_failed))
echo "$passed passed, $failed failed"
((failed == 0))
