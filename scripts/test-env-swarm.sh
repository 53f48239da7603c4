# shellcheck shell=bash
# The Swarm part of the test environment (sourced by test-env.sh; `test-env.sh start swarm`).
#
# Two Docker engines of our own, each in its own network namespace, so that `docker swarm
# init/join` never touches the shared engine on /var/run/docker.sock:
#
#   root ns ──veth── manager ns (engine M, sshd on :22)
#   root ns ──veth── worker ns  (engine W, sshd on :22)
#   manager ns ──veth── worker ns   (the Swarm's own link: advertise addresses, VXLAN)
#
# All addresses are in 10.213.N.0/24 (N from this checkout's path, so two checkouts differ):
#   .1 root (registry, seen from M)   .2 manager      /28
#   .17 root (seen from W)            .18 worker      /28
#   .33 manager (swarm)               .34 worker (swarm) /28
# The worker reaches the registry's .1 through .17 (a host route); that traffic is local
# delivery in the root namespace, not forwarding, so the shared engine's FORWARD DROP policy
# does not matter. Each sshd sets DOCKER_HOST for its sessions: `ssh root@<node> docker …`
# talks to that node's engine. A second registry process serves the test registry's storage
# on .1 (the engines trust it with --insecure-registry). Nothing here joins a swarm: that is
# `slipway setup`'s job, tested end to end.

SWARM_ID="$(printf '%s' "$ROOT" | sha1sum | cut -c1-4)"
SWARM_RUN="/run/slw$SWARM_ID"
SWARM_DIR="$ENV_DIR/swarm"
NS_M="slw$SWARM_ID-m"
NS_W="slw$SWARM_ID-w"

swarm_net() { # the N of 10.213.N.0/24: recorded, else derived from the id and free
  local n
  n="$(env_value "$SWARM_DIR/net" N 2>/dev/null || true)"
  if [[ -z "$n" ]]; then
    n=$(( 16#$SWARM_ID % 200 + 20 ))
    while ip -4 addr | grep -q "inet 10\.213\.$n\." || ip -4 route | grep -q "^10\.213\.$n\."; do n=$(( n + 1 )); done
    mkdir -p "$SWARM_DIR"
    echo "N=$n" > "$SWARM_DIR/net"
  fi
  echo "$n"
}

in_ns() { local ns="$1"; shift; nsenter --net="/run/netns/$ns" "$@"; }

# The veth pair from the root namespace to one node's: DEV with ROOT_ADDR on our side, toroot with
# NODE_ADDR in the node's; with VIA, the node reaches VIA's /32 (the registry) through ROOT_ADDR.
swarm_node_link() { # swarm_node_link NS DEV ROOT_ADDR NODE_ADDR [VIA]
  local ns="$1" dev="$2" root_addr="$3" node_addr="$4" via="${5:-}"
  ip link show "$dev" >/dev/null 2>&1 && return 0
  ip link add "$dev" type veth peer name toroot netns "$ns"
  ip addr add "$root_addr/28" dev "$dev"
  ip link set "$dev" up
  in_ns "$ns" ip addr add "$node_addr/28" dev toroot
  in_ns "$ns" ip link set toroot up
  in_ns "$ns" ip link set lo up
  if [[ -n "$via" ]]; then in_ns "$ns" ip route add "$via/32" via "$root_addr"; fi
}

swarm_links() {
  local n="$1" p="10.213.$1"
  ip netns list | grep -q "^$NS_M\b" || ip netns add "$NS_M"
  ip netns list | grep -q "^$NS_W\b" || ip netns add "$NS_W"
  swarm_node_link "$NS_M" "slw${SWARM_ID}m" "$p.1" "$p.2"
  swarm_node_link "$NS_W" "slw${SWARM_ID}w" "$p.17" "$p.18" "$p.1"
  if ! in_ns "$NS_M" ip link show tonode >/dev/null 2>&1; then
    in_ns "$NS_M" ip link add tonode type veth peer name tonode netns "$NS_W"
    in_ns "$NS_M" ip addr add "$p.33/28" dev tonode
    in_ns "$NS_W" ip addr add "$p.34/28" dev tonode
    in_ns "$NS_M" ip link set tonode up
    in_ns "$NS_W" ip link set tonode up
  fi
}

swarm_engine_answers() { DOCKER_HOST="unix://$SWARM_RUN/$1.sock" timeout 10 "$DOCKER" info >/dev/null 2>&1; }

start_swarm_engine() { # start_swarm_engine m|w NS REGISTRY
  local node="$1" ns="$2" reg="$3" name="swarm-dockerd-$1" pid i
  if pid="$(pid_of "$name")"; then
    # Still right only if it trusts the registry as it is now (a restarted registry may have a new port).
    if tr '\0' ' ' < "/proc/$pid/cmdline" | grep -q -- "--insecure-registry $reg " && swarm_engine_answers "$node"; then
      log "swarm engine $node already running"; return 0
    fi
    stop_one "$name"
  fi
  forget_pid "$name"
  mkdir -p "$SWARM_RUN" "$SWARM_DIR/$node"
  rm -f "$SWARM_RUN/$node.pid"
  log "starting swarm engine $node in netns $ns (log: $SWARM_DIR/$node.log)"
  nohup nsenter --net="/run/netns/$ns" /usr/sbin/dockerd \
    --data-root "$SWARM_DIR/$node/data" --exec-root "$SWARM_RUN/$node" --pidfile "$SWARM_RUN/$node.pid" \
    -H "unix://$SWARM_RUN/$node.sock" --insecure-registry "$reg" --log-level warn \
    >"$SWARM_DIR/$node.log" 2>&1 </dev/null &
  pid=$!
  record_pid "$name" "$pid"
  for (( i = 0; i < 60; i++ )); do
    swarm_engine_answers "$node" && return 0
    alive "$pid" || { tail -n 20 "$SWARM_DIR/$node.log" >&2; die "swarm engine $node exited at start"; }
    sleep 1
  done
  die "swarm engine $node did not answer within 60 s (log: $SWARM_DIR/$node.log)"
}

start_swarm_sshd() { # start_swarm_sshd m|w NS ADDRESS
  local node="$1" ns="$2" addr="$3" name="swarm-sshd-$1" dir="$ENV_DIR/ssh" pid i
  if pid_of "$name" >/dev/null; then log "swarm sshd $node already running"; return 0; fi
  forget_pid "$name"
  sed -e "s/^Port .*/Port 22/" -e "s/^ListenAddress .*/ListenAddress $addr/" \
      -e "s|^SetEnv .*|SetEnv DOCKER_BUILDKIT=1 DOCKER_HOST=unix://$SWARM_RUN/$node.sock|" \
      "$dir/sshd_config" > "$dir/sshd_swarm_$node.config"
  grep -v "^$addr " "$dir/known_hosts" > "$dir/known_hosts.tmp" || true
  echo "$addr $(cut -d' ' -f1,2 "$dir/ssh_host_ed25519_key.pub")" >> "$dir/known_hosts.tmp"
  mv "$dir/known_hosts.tmp" "$dir/known_hosts"
  /usr/sbin/sshd -t -f "$dir/sshd_swarm_$node.config" || die "invalid $dir/sshd_swarm_$node.config"
  nohup nsenter --net="/run/netns/$ns" /usr/sbin/sshd -D -e -f "$dir/sshd_swarm_$node.config" >"$SWARM_DIR/sshd-$node.log" 2>&1 </dev/null &
  pid=$!
  record_pid "$name" "$pid"
  for (( i = 0; i < 50; i++ )); do
    (exec 3<>"/dev/tcp/$addr/22") 2>/dev/null && return 0
    alive "$pid" || die "swarm sshd $node exited at start (log: $SWARM_DIR/sshd-$node.log)"
    sleep 0.2
  done
  die "swarm sshd $node did not listen on $addr:22"
}

# The test registry's storage, served again on the address the nodes reach (same users).
start_swarm_registry() { # start_swarm_registry ADDRESS
  local addr="$1" name=swarm-registry pid port main cfg="$ENV_DIR/registry/config-swarm.yml"
  main="$(pid_of registry || true)"
  # Serves the same users only while the main registry is the one it was started next to.
  if pid_of "$name" >/dev/null && [[ -n "$main" && "$(env_value "$SWARM_DIR/net" MAIN)" == "$main" ]]; then return 0; fi
  stop_one "$name"
  port="$(env_value "$ENV_DIR/registry.env" REGISTRY_HOST)"; port="${port##*:}"
  sed -e "s/^  addr: .*/  addr: $addr:$port/" "$ENV_DIR/registry/config.yml" > "$cfg"
  chmod 600 "$cfg"
  nohup /usr/bin/docker-registry serve "$cfg" >"$SWARM_DIR/registry.log" 2>&1 </dev/null &
  pid=$!
  record_pid "$name" "$pid"
  for (( i = 0; i < 50; i++ )); do
    (exec 3<>"/dev/tcp/$addr/$port") 2>/dev/null && break
    alive "$pid" || die "the swarm registry exited at start (log: $SWARM_DIR/registry.log)"
    sleep 0.2
  done
  grep -v -e '^REGISTRY=' -e '^MAIN=' "$SWARM_DIR/net" > "$SWARM_DIR/net.tmp" || true
  printf 'REGISTRY=%s\nMAIN=%s\n' "$addr:$port" "$main" >> "$SWARM_DIR/net.tmp"
  mv "$SWARM_DIR/net.tmp" "$SWARM_DIR/net"
}

cmd_start_swarm() {
  command -v nsenter >/dev/null || die "nsenter (util-linux) is missing"
  local n p reg_port
  # Namespaces of this checkout without its recorded net are a killed run's leftovers (same path, same
  # id): their links keep the old addresses, so the new ones would not reach them. Remove them first.
  if [[ ! -f "$SWARM_DIR/net" ]] && ip netns list | grep -q -e "^$NS_M\b" -e "^$NS_W\b"; then
    log "removing a previous run's swarm namespaces $NS_M, $NS_W"
    cmd_stop_swarm
  fi
  n="$(swarm_net)"; p="10.213.$n"
  swarm_links "$n"
  reg_port="$(env_value "$ENV_DIR/registry.env" REGISTRY_HOST)"; reg_port="${reg_port##*:}"
  start_swarm_registry "$p.1"
  start_swarm_engine m "$NS_M" "$p.1:$reg_port"
  start_swarm_engine w "$NS_W" "$p.1:$reg_port"
  start_swarm_sshd m "$NS_M" "$p.2"
  start_swarm_sshd w "$NS_W" "$p.18"
  cat >> "$ENV_DIR/env" <<EOF
SLIPWAY_SWARM_REGISTRY=$p.1:$reg_port
SLIPWAY_SWARM_MANAGER=$p.2
SLIPWAY_SWARM_WORKER=$p.18
SLIPWAY_SWARM_MANAGER_ADDR=$p.33
SLIPWAY_SWARM_WORKER_ADDR=$p.34
SLIPWAY_SWARM_MANAGER_DOCKER=unix://$SWARM_RUN/m.sock
SLIPWAY_SWARM_WORKER_DOCKER=unix://$SWARM_RUN/w.sock
SLIPWAY_SWARM_WORKER_NETNS=$NS_W
EOF
  ssh -F "$ENV_DIR/ssh/config" -o HostName="$p.2" -o Port=22 -o ConnectTimeout=20 slipway-test docker info >/dev/null 2>&1 \
    || die "ssh to the swarm manager $p.2 could not run 'docker info' (log: $SWARM_DIR/sshd-m.log)"
  log "swarm nodes ready: manager $p.2 (swarm $p.33), worker $p.18 (swarm $p.34), registry $p.1:$reg_port"
}

cmd_stop_swarm() {
  local node
  stop_one swarm-sshd-w; stop_one swarm-sshd-m
  for node in w m; do stop_one "swarm-dockerd-$node"; done
  stop_one swarm-registry
  # The links and namespaces go too (an engine that is gone leaves nothing running in them).
  ip link del "slw${SWARM_ID}m" 2>/dev/null || true
  ip link del "slw${SWARM_ID}w" 2>/dev/null || true
  ip netns del "$NS_M" 2>/dev/null || true
  ip netns del "$NS_W" 2>/dev/null || true
}
