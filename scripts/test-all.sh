#!/usr/bin/env bash
# The whole test suite: typecheck, unit + rule tests, and the end-to-end tests
# against a real Docker engine, registry and sshd (scripts/test-env.sh).
#
#   npm run test:all        (what README and .ci/run use)
#
# The test environment is stopped on exit (only what test-env.sh started).
# The e2e tests never skip here: SLIPWAY_E2E=1 is set, so a missing engine fails the run.
set -uo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

failed=()
status=0
step() { # step NAME CMD... : run, remember a failure, keep going
  local name="$1"; shift
  echo "=== $name"
  "$@"
  local rc=$?
  if (( rc != 0 )); then
    failed+=("$name (exit $rc)")
    (( status == 0 )) && status=$rc
  fi
  return 0
}

if [[ ! -d node_modules ]]; then
  npm ci || { echo "test-all: npm ci failed" >&2; exit 1; }
fi

cleanup() {
  local rc=$?
  bash scripts/test-env.sh stop || echo "test-all: WARNING: stopping the test environment failed" >&2
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

started_at=$SECONDS
echo "=== test environment"
# "swarm": also the two Swarm nodes of test/e2e/swarm.test.ts (own engines in network namespaces).
if ! bash scripts/test-env.sh start swarm; then
  echo "test-all: FAILED: the test environment (Docker engine, registry, sshd) did not start; e2e tests cannot run" >&2
  exit 1
fi

step typecheck npm run typecheck
step "unit + rule tests" npm test

# End-to-end tests, with the environment written by test-env.sh.
set -a
# shellcheck disable=SC1091
. .test-env/env
set +a
export SLIPWAY_E2E=1
mapfile -t e2e_files < <(find test/e2e -name '*.test.ts' | sort)
if (( ${#e2e_files[@]} == 0 )); then
  echo "test-all: FAILED: no end-to-end tests found under test/e2e" >&2
  failed+=("e2e (no tests)"); (( status == 0 )) && status=1
else
  # Independent e2e files run side by side: they mostly wait on dockerd, sshd and the registry.
  step "e2e tests" node --import tsx --test --test-concurrency="${SLIPWAY_E2E_CONCURRENCY:-4}" "${e2e_files[@]}"
fi

echo "test-all: took $(( SECONDS - started_at )) s"
if (( ${#failed[@]} )); then
  echo "test-all: FAILED: ${failed[*]}" >&2
else
  echo "test-all: all steps passed"
fi
exit "$status"
