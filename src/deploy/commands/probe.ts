// Running a container's own health check now, instead of waiting for Docker to run it.
//
// dockerd runs a container's first HEALTHCHECK one interval after the start (20.10 has no
// start-interval), so a release whose app is up in 50 ms still waits a whole interval to be
// "healthy". The release shell (release.ts) therefore runs the container's health check itself,
// through `docker exec`, as soon as the container runs and Docker still says "starting", and
// slipway counts a passing run as healthy, as Kamal probes the app itself rather than waiting on
// Docker. The trade-off: the check runs once more than Docker would run it (or a few times, every
// 0.2 s, while the app is still starting). A failing run only means "not yet": Docker's own
// "unhealthy", an exit or a restart still fail the release.
//
// The command is exactly the container's: Docker's own template prints it from `docker inspect`
// (.Config.Healthcheck.Test; the CMD-SHELL form through the container's .Config.Shell, else
// /bin/sh -c, as dockerd does — an image's SHELL is not copied into the container, so dockerd and
// the probe both use /bin/sh -c there; test/e2e/health-probe.test.ts compares the two on the real
// engine), each word ended by a NUL, and `xargs -0` hands the words to `docker exec` as
// arguments: no shell ever reads them. `docker exec` runs as the container's user in its working
// directory with its environment, as Docker's own probe does. It is bounded by the check's own
// timeout (Docker's default 30 s when unset), and by the time the release has left.

// Per container: the timeout in nanoseconds, then the argv Docker would exec, each followed by
// a NUL ("\x00" is decoded by the template itself: an argument cannot hold a NUL byte).
export const PROBE_FORMAT = [
  '{{if .Config.Healthcheck}}{{$t := .Config.Healthcheck.Test}}{{if $t}}',
  '{{printf "%d" .Config.Healthcheck.Timeout}}{{"\\x00"}}',
  '{{if eq (index $t 0) "CMD-SHELL"}}',
  '{{if .Config.Shell}}{{range .Config.Shell}}{{.}}{{"\\x00"}}{{end}}{{else}}/bin/sh{{"\\x00"}}-c{{"\\x00"}}{{end}}',
  '{{end}}',
  '{{if or (eq (index $t 0) "CMD") (eq (index $t 0) "CMD-SHELL")}}{{range $i, $a := $t}}{{if $i}}{{$a}}{{"\\x00"}}{{end}}{{end}}{{end}}',
  '{{end}}{{end}}',
].join('');

// xargs -0 runs this with: the container id, the seconds the release has left, then what
// PROBE_FORMAT printed: the timeout, the argv, and the newline docker prints after each container
// (a last word of its own, dropped here). Fewer words: no runnable check, so no pass.
const RUN_PROBE = [
  '[ $# -ge 5 ] || exit 1',
  'id=$1 left=$2 ns=$3; shift 3',
  'm=$# k=0',
  'for a; do k=$((k + 1)); if [ "$k" -lt "$m" ]; then set -- "$@" "$a"; fi; done',
  'shift "$m"',
  's=$(( (ns + 999999999) / 1000000000 )); [ "$s" -gt 0 ] || s=30',
  '[ "$s" -le "$left" ] || s=$left',
  'if command -v timeout >/dev/null 2>&1; then exec timeout "$s" docker exec "$id" "$@"; fi',
  'exec docker exec "$id" "$@"',
].join('\n');

/**
 * A shell function `probe ID SECONDS_LEFT` for the release script: exit 0 when the container's
 * own health check passed now. Its output goes nowhere (the check's words are the app's).
 */
export function probeFunction(q: (argv: string[]) => string): string {
  return [
    'probe() {',
    `  docker inspect --format ${q([PROBE_FORMAT])} -- "$1" 2>/dev/null | xargs -0 sh -c ${q([RUN_PROBE])} sh "$1" "$2" > /dev/null 2>&1`,
    '}',
  ].join('\n');
}
