#!/usr/bin/env bash
# The end-to-end test environment: a Docker engine, a local base image, an
# authenticated registry and an sshd, all on 127.0.0.1.
#
#   bash scripts/test-env.sh start    install what is missing, start what is not running (idempotent)
#   bash scripts/test-env.sh start swarm   also two Swarm nodes of our own (scripts/test-env-swarm.sh)
#   bash scripts/test-env.sh stop     stop exactly what `start` started (recorded in .test-env/pids)
#   bash scripts/test-env.sh status   show what is recorded and whether it runs
#
# Everything lives under .test-env/ (git-ignored):
#   env            KEY=VALUE lines for tests (SLIPWAY_DOCKER, DOCKER_BUILDKIT, ports, paths; no secrets)
#   registry.env   REGISTRY_HOST / REGISTRY_USER / REGISTRY_PASSWORD (mode 600, new for each new registry)
#   pids           "name pid" for each process this script started
#   ssh/           throwaway host and client keys, sshd_config, authorized_keys, known_hosts
#   *.log          dockerd.log, registry.log, sshd.log
#
# Ports: SLIPWAY_REGISTRY_PORT (default 5055) and SLIPWAY_SSH_PORT (default 2222); if taken by
# something else, the next free port is used and written to .test-env/env.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ENV_DIR="$ROOT/.test-env"
PIDS="$ENV_DIR/pids"
DOCKER=/usr/bin/docker           # Debian's 20.10 client: BuildKit built in (not /usr/local/bin/docker)
BASE_IMAGE="slipway-test/busybox:1"
REG_PORT_WANTED="${SLIPWAY_REGISTRY_PORT:-5055}"
SSH_PORT_WANTED="${SLIPWAY_SSH_PORT:-2222}"
SSH2_PORT_WANTED="${SLIPWAY_SSH_PORT2:-2322}"
# caddy: the zero-downtime e2e test and bench pack it into a local stand-in for the caddy:2 proxy image.
# python3.11-venv and python3-pip-whl: the init e2e test builds its Python base image from the host's python3.11.
# neovim: the slipway lsp e2e test runs it headless as the editor (test/e2e/lsp-neovim.test.ts).
# bsdutils: script(1), the pseudo-terminal the `exec -t` e2e test runs slipway under (Essential on Debian; named for other bases).
# skopeo: the image audit e2e test writes an OCI archive with gzip layers with it (test/e2e/image.test.ts).
PACKAGES=(docker.io docker-compose docker-registry openssh-server apache2-utils busybox-static caddy python3.11 python3.11-venv python3-pip-whl shellcheck golang-go iproute2 neovim bsdutils skopeo)

log() { echo "test-env: $*" >&2; }
die() { echo "test-env: ERROR: $*" >&2; exit 1; }

# ---------------------------------------------------------------- pid records

# pid_of NAME -> the recorded pid, if that process still runs and is what we started.
pid_of() {
  local name="$1" pid expect
  [[ -f "$PIDS" ]] || return 1
  pid="$(awk -v n="$name" '$1 == n { print $2 }' "$PIDS" | tail -n1)"
  [[ -n "$pid" ]] || return 1
  case "$name" in
    dockerd) expect=dockerd ;;
    registry) expect=docker-registry ;;
    sshd|sshd2|swarm-sshd-*) expect=sshd ;;
    swarm-dockerd-*) expect=dockerd ;;
    swarm-registry) expect=docker-registry ;;
    *) expect="$name" ;;
  esac
  [[ -r "/proc/$pid/cmdline" ]] || return 1
  tr '\0' ' ' < "/proc/$pid/cmdline" | grep -q -- "$expect" || return 1
  echo "$pid"
}

record_pid() {
  local name="$1" pid="$2"
  forget_pid "$name"
  echo "$name $pid" >> "$PIDS"
}

forget_pid() {
  local name="$1"
  [[ -f "$PIDS" ]] || return 0
  awk -v n="$name" '$1 != n' "$PIDS" > "$PIDS.tmp" || true
  mv "$PIDS.tmp" "$PIDS"
}

# alive PID: the process exists and is not a zombie (nothing may reap orphans here).
alive() {
  local pid="$1" state
  [[ "$pid" =~ ^[0-9]+$ ]] || return 1
  kill -0 "$pid" 2>/dev/null || return 1
  state="$(awk '{ print $3 }' "/proc/$pid/stat" 2>/dev/null || true)"
  [[ -n "$state" && "$state" != Z ]]
}

port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

free_port_from() {
  local p="$1" last=$(( $1 + 100 ))
  while (( p < last )); do
    port_busy "$p" || { echo "$p"; return 0; }
    p=$(( p + 1 ))
  done
  die "no free port in $1..$last"
}

wait_port() {
  local port="$1" what="$2" pid="$3" i
  for (( i = 0; i < 150; i++ )); do
    port_busy "$port" && return 0
    alive "$pid" || die "$what exited at start; see its log under $ENV_DIR"
    sleep 0.2
  done
  die "$what did not listen on 127.0.0.1:$port within 30 s; see its log under $ENV_DIR"
}

env_value() { # env_value FILE KEY
  [[ -f "$1" ]] && sed -n "s/^$2=//p" "$1" | tail -n1
}

# ---------------------------------------------------------------- install

pkg_installed() { [[ "$(dpkg-query -W -f='${Status}' "$1" 2>/dev/null)" == "install ok installed" ]]; }

ensure_packages() {
  local missing=() p
  for p in "${PACKAGES[@]}"; do pkg_installed "$p" || missing+=("$p"); done
  local bin
  for bin in /usr/sbin/dockerd /usr/bin/docker /usr/bin/docker-compose /usr/bin/docker-registry \
             /usr/sbin/sshd /usr/bin/htpasswd /bin/busybox /usr/bin/ssh-keygen; do
    [[ -x "$bin" ]] || missing+=("($bin)")
  done
  if (( ${#missing[@]} )); then
    log "installing Debian packages (missing: ${missing[*]})"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -q >"$ENV_DIR/apt.log" 2>&1 || { tail -n 20 "$ENV_DIR/apt.log" >&2; die "apt-get update failed"; }
    apt-get install -y -q -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold \
      "${PACKAGES[@]}" >>"$ENV_DIR/apt.log" 2>&1 || { tail -n 20 "$ENV_DIR/apt.log" >&2; die "apt-get install failed"; }
  fi
  # busybox-static provides /bin/busybox; it must be static to run in a FROM scratch image.
  if LC_ALL=C ldd /bin/busybox >/dev/null 2>&1; then
    die "/bin/busybox is dynamically linked; install busybox-static"
  fi
}

# ---------------------------------------------------------------- dockerd

engine_answers() { timeout 10 "$DOCKER" info >/dev/null 2>&1; }

start_dockerd() {
  if engine_answers; then
    if pid_of dockerd >/dev/null; then log "dockerd already running (started by this script)"
    else log "a Docker engine already answers; using it (not started here, will not be stopped)"; forget_pid dockerd; fi
    return 0
  fi
  forget_pid dockerd
  if [[ -f /var/run/docker.pid ]]; then
    local old; old="$(cat /var/run/docker.pid 2>/dev/null || true)"
    if [[ -n "$old" ]] && alive "$old"; then
      die "dockerd (pid $old) runs but does not answer; not touching it"
    fi
    log "removing stale /var/run/docker.pid"
    rm -f /var/run/docker.pid
  fi
  log "starting dockerd (log: $ENV_DIR/dockerd.log)"
  nohup /usr/sbin/dockerd --host unix:///var/run/docker.sock >"$ENV_DIR/dockerd.log" 2>&1 </dev/null &
  local pid=$!
  record_pid dockerd "$pid"
  local i
  for (( i = 0; i < 60; i++ )); do
    engine_answers && { log "dockerd ready (pid $pid)"; return 0; }
    alive "$pid" || { tail -n 20 "$ENV_DIR/dockerd.log" >&2; forget_pid dockerd; die "dockerd exited at start"; }
    sleep 1
  done
  tail -n 20 "$ENV_DIR/dockerd.log" >&2
  die "dockerd did not answer 'docker info' within 60 s (log: $ENV_DIR/dockerd.log)"
}

# ---------------------------------------------------------------- base image

build_base_image() {
  if DOCKER_BUILDKIT=1 "$DOCKER" image inspect "$BASE_IMAGE" >/dev/null 2>&1; then
    log "base image $BASE_IMAGE present"
    return 0
  fi
  log "building base image $BASE_IMAGE from scratch + static busybox"
  local ctx; ctx="$(mktemp -d)"
  cp /bin/busybox "$ctx/busybox"
  cat >"$ctx/Dockerfile" <<'EOF'
FROM scratch
COPY busybox /bin/busybox
RUN ["/bin/busybox", "sh", "-c", "/bin/busybox mkdir -p /sbin /usr/bin /usr/sbin /etc /tmp /root /home /var/www && /bin/busybox --install -s && /bin/busybox chmod 1777 /tmp && printf 'root:x:0:0:root:/root:/bin/sh\\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\\n' > /etc/passwd && printf 'root:x:0:\\nnogroup:x:65534:\\n' > /etc/group"]
ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
LABEL org.opencontainers.image.title="slipway-test/busybox" \
      org.opencontainers.image.description="Local test base image: FROM scratch + static busybox"
CMD ["/bin/sh"]
EOF
  if ! DOCKER_BUILDKIT=1 "$DOCKER" build -q -t "$BASE_IMAGE" "$ctx" >"$ENV_DIR/base-image.log" 2>&1; then
    cat "$ENV_DIR/base-image.log" >&2; rm -rf "$ctx"; die "building $BASE_IMAGE failed"
  fi
  rm -rf "$ctx"
  local a
  for a in sh wget nc httpd; do
    "$DOCKER" run --rm --network none "$BASE_IMAGE" sh -c "command -v $a" >/dev/null 2>&1 \
      || die "$BASE_IMAGE lacks a working $a"
  done
  log "base image $BASE_IMAGE built"
}

# ---------------------------------------------------------------- registry

start_registry() {
  local dir="$ENV_DIR/registry" pid port
  if pid="$(pid_of registry)" && [[ -f "$ENV_DIR/registry.env" ]]; then
    log "registry already running (pid $pid, $(env_value "$ENV_DIR/registry.env" REGISTRY_HOST))"
    return 0
  fi
  if pid="$(pid_of registry)"; then kill "$pid" 2>/dev/null || true; fi   # credentials lost: restart
  forget_pid registry
  mkdir -p "$dir/data"
  port="$(free_port_from "$REG_PORT_WANTED")"
  local user pass
  user="e2e-$(head -c 6 /dev/urandom | od -An -tx1 | tr -d ' \n')"
  pass="$(head -c 24 /dev/urandom | base64 | tr -d '/+=\n')"
  ( umask 077
    printf '%s' "$pass" | htpasswd -Bin "$user" > "$dir/htpasswd" 2>/dev/null
    printf 'REGISTRY_HOST=127.0.0.1:%s\nREGISTRY_USER=%s\nREGISTRY_PASSWORD=%s\n' "$port" "$user" "$pass" \
      > "$ENV_DIR/registry.env" )
  chmod 600 "$ENV_DIR/registry.env" "$dir/htpasswd"
  cat >"$dir/config.yml" <<EOF
version: 0.1
log:
  level: info
storage:
  filesystem:
    rootdirectory: $dir/data
  delete:
    enabled: true
http:
  addr: 127.0.0.1:$port
  secret: $(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')
auth:
  htpasswd:
    realm: slipway-test-registry
    path: $dir/htpasswd
EOF
  chmod 600 "$dir/config.yml"
  log "starting docker-registry on 127.0.0.1:$port (log: $ENV_DIR/registry.log)"
  nohup /usr/bin/docker-registry serve "$dir/config.yml" >"$ENV_DIR/registry.log" 2>&1 </dev/null &
  pid=$!
  record_pid registry "$pid"
  wait_port "$port" docker-registry "$pid"
  # Auth must be on: an anonymous request gets 401.
  local code
  code="$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/v2/" || true)"
  [[ "$code" == 401 ]] || die "registry answered $code to an anonymous /v2/ (expected 401)"
}

# ---------------------------------------------------------------- sshd

start_sshd() {
  local dir="$ENV_DIR/ssh" pid port
  if pid="$(pid_of sshd)"; then
    log "sshd already running (pid $pid, port $(env_value "$ENV_DIR/env" SLIPWAY_SSH_PORT))"
    return 0
  fi
  forget_pid sshd
  mkdir -p "$dir" /run/sshd
  chmod 700 "$dir"
  [[ -f "$dir/ssh_host_ed25519_key" ]] || ssh-keygen -q -t ed25519 -N '' -C slipway-test-host -f "$dir/ssh_host_ed25519_key"
  [[ -f "$dir/id_ed25519" ]] || ssh-keygen -q -t ed25519 -N '' -C slipway-test-client -f "$dir/id_ed25519"
  cp "$dir/id_ed25519.pub" "$dir/authorized_keys"
  chmod 600 "$dir/authorized_keys"
  port="$(free_port_from "$SSH_PORT_WANTED")"
  echo "[127.0.0.1]:$port $(cut -d' ' -f1,2 "$dir/ssh_host_ed25519_key.pub")" > "$dir/known_hosts"
  cat >"$dir/sshd_config" <<EOF
# Throwaway sshd for slipway's end-to-end tests: loopback only, key auth only.
Port $port
ListenAddress 127.0.0.1
HostKey $dir/ssh_host_ed25519_key
AuthorizedKeysFile $dir/authorized_keys
PidFile none
PermitRootLogin prohibit-password
PubkeyAuthentication yes
PasswordAuthentication no
KbdInteractiveAuthentication no
UsePAM no
StrictModes no
AllowTcpForwarding yes
AllowStreamLocalForwarding yes
X11Forwarding no
PrintMotd no
SetEnv DOCKER_BUILDKIT=1
Subsystem sftp internal-sftp
EOF
  cat >"$dir/config" <<EOF
# Use with: ssh -F $dir/config slipway-test <command>
Host slipway-test
  HostName 127.0.0.1
  Port $port
  User root
  IdentityFile $dir/id_ed25519
  IdentitiesOnly yes
  UserKnownHostsFile $dir/known_hosts
  StrictHostKeyChecking yes
  BatchMode yes
  LogLevel ERROR
EOF
  launch_sshd sshd "$dir/sshd_config" "$port"
  SSH_PORT="$port"
}

# launch_sshd NAME CONFIG PORT: checks CONFIG, starts sshd on it in the background (log: NAME.log), waits for PORT.
launch_sshd() {
  local name="$1" cfg="$2" port="$3" pid
  /usr/sbin/sshd -t -f "$cfg" || die "$(basename "$cfg") invalid ($cfg)"
  log "starting $name on 127.0.0.1:$port (log: $ENV_DIR/$name.log)"
  nohup /usr/sbin/sshd -D -e -f "$cfg" >"$ENV_DIR/$name.log" 2>&1 </dev/null &
  pid=$!
  record_pid "$name" "$pid"
  wait_port "$port" sshd "$pid"
}

# known_host_line PORT: the throwaway host key for 127.0.0.1:PORT in known_hosts, once.
known_host_line() {
  local dir="$ENV_DIR/ssh" port="$1"
  grep -v "^\[127.0.0.1\]:$port " "$dir/known_hosts" > "$dir/known_hosts.tmp" || true
  echo "[127.0.0.1]:$port $(cut -d' ' -f1,2 "$dir/ssh_host_ed25519_key.pub")" >> "$dir/known_hosts.tmp"
  mv "$dir/known_hosts.tmp" "$dir/known_hosts"
}

# A second sshd (same keys, another port): deploy's multi-server tests reach two "servers".
start_sshd2() {
  local dir="$ENV_DIR/ssh" pid port
  if pid="$(pid_of sshd2)" && [[ -n "$(env_value "$ENV_DIR/env" SLIPWAY_SSH_PORT2)" ]]; then
    SSH2_PORT="$(env_value "$ENV_DIR/env" SLIPWAY_SSH_PORT2)"
    log "second sshd already running (pid $pid, port $SSH2_PORT)"
    known_host_line "$SSH2_PORT"
    return 0
  fi
  if pid="$(pid_of sshd2)"; then kill "$pid" 2>/dev/null || true; fi
  forget_pid sshd2
  port="$(free_port_from "$SSH2_PORT_WANTED")"
  sed -e "s/^Port .*/Port $port/" "$dir/sshd_config" > "$dir/sshd2_config"
  known_host_line "$port"
  launch_sshd sshd2 "$dir/sshd2_config" "$port"
  SSH2_PORT="$port"
}

# The deploy tests' app server (test/e2e/app-server/main.go), built once here: built by each e2e test
# process instead, on a fresh machine's empty Go cache, the parallel builds took over 300 s under load.
build_app_server() {
  local src="$ROOT/test/e2e/app-server/main.go" out="$ENV_DIR/app-server"
  [[ -x "$out" && "$out" -nt "$src" ]] && return 0
  log "building the deploy tests' app server ($out)"
  (cd "$ROOT/test/e2e/app-server" && CGO_ENABLED=0 GO111MODULE=off go build -trimpath -o "$out.tmp" main.go) \
    || die "go build of test/e2e/app-server/main.go failed"
  mv "$out.tmp" "$out"
}

write_env() {
  local reg_host ssh_port
  reg_host="$(env_value "$ENV_DIR/registry.env" REGISTRY_HOST)"
  ssh_port="${SSH_PORT:-$(env_value "$ENV_DIR/env" SLIPWAY_SSH_PORT)}"
  cat >"$ENV_DIR/env.tmp" <<EOF
SLIPWAY_TEST_ENV=$ENV_DIR
SLIPWAY_DOCKER=$DOCKER
DOCKER_BUILDKIT=1
DOCKER_CONFIG=$ENV_DIR/docker-config
SLIPWAY_BASE_IMAGE=$BASE_IMAGE
SLIPWAY_REGISTRY=$reg_host
SLIPWAY_SSH_HOST=127.0.0.1
SLIPWAY_SSH_PORT=$ssh_port
SLIPWAY_SSH_PORT2=${SSH2_PORT:-$(env_value "$ENV_DIR/env" SLIPWAY_SSH_PORT2)}
SLIPWAY_SSH_USER=root
SLIPWAY_SSH_KEY=$ENV_DIR/ssh/id_ed25519
SLIPWAY_SSH_KNOWN_HOSTS=$ENV_DIR/ssh/known_hosts
SLIPWAY_SSH_CONFIG=$ENV_DIR/ssh/config
SLIPWAY_APP_SERVER=$ENV_DIR/app-server
EOF
  mv "$ENV_DIR/env.tmp" "$ENV_DIR/env"
  mkdir -p "$ENV_DIR/docker-config"
  chmod 700 "$ENV_DIR/docker-config"
}

# ---------------------------------------------------------------- stop

stop_one() {
  local name="$1" pid i
  if ! pid="$(pid_of "$name")"; then forget_pid "$name"; return 0; fi
  log "stopping $name (pid $pid)"
  kill -TERM "$pid" 2>/dev/null || true
  for (( i = 0; i < 100; i++ )); do
    alive "$pid" || break
    sleep 0.2
  done
  if alive "$pid"; then
    log "$name (pid $pid) ignored SIGTERM for 20 s; sending SIGKILL"
    kill -KILL "$pid" 2>/dev/null || true
  fi
  forget_pid "$name"
}

cmd_stop() {
  [[ -f "$PIDS" ]] || { log "nothing recorded in $PIDS; nothing to stop"; return 0; }
  cmd_stop_swarm
  stop_one sshd2
  stop_one sshd
  stop_one registry
  stop_one dockerd
  # dockerd leaves no pid file on a clean exit; remove it only if the process is gone.
  if [[ -f /var/run/docker.pid ]] && ! alive "$(cat /var/run/docker.pid 2>/dev/null || echo 0)"; then
    rm -f /var/run/docker.pid
  fi
  [[ -s "$PIDS" ]] || rm -f "$PIDS"
}

cmd_status() {
  local name pid
  for name in dockerd registry sshd sshd2 swarm-registry swarm-dockerd-m swarm-dockerd-w swarm-sshd-m swarm-sshd-w; do
    if pid="$(pid_of "$name")"; then echo "$name: running (pid $pid)"; else echo "$name: not started here"; fi
  done
  engine_answers && echo "engine: answers" || echo "engine: does not answer"
  [[ -f "$ENV_DIR/env" ]] && cat "$ENV_DIR/env"
  return 0
}

cmd_start() {
  mkdir -p "$ENV_DIR"
  chmod 700 "$ENV_DIR"
  ensure_packages
  start_dockerd
  build_base_image
  start_registry
  start_sshd
  start_sshd2
  build_app_server
  write_env
  # Prove the loopback sshd reaches the engine.
  ssh -F "$ENV_DIR/ssh/config" slipway-test docker info >/dev/null 2>&1 \
    || die "ssh to 127.0.0.1:$(env_value "$ENV_DIR/env" SLIPWAY_SSH_PORT) could not run 'docker info' (log: $ENV_DIR/sshd.log)"
  log "ready: engine, $BASE_IMAGE, registry $(env_value "$ENV_DIR/registry.env" REGISTRY_HOST), sshd 127.0.0.1:$(env_value "$ENV_DIR/env" SLIPWAY_SSH_PORT); env in $ENV_DIR/env"
}

# shellcheck source=scripts/test-env-swarm.sh
. "$ROOT/scripts/test-env-swarm.sh"

case "${1:-start}" in
  start) cmd_start; if [[ "${2:-}" == swarm ]]; then cmd_start_swarm; fi ;;
  stop) cmd_stop ;;
  status) cmd_status ;;
  *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
