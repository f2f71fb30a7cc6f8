#!/usr/bin/env bash
# Builds the container image (Dockerfile) and smoke-tests it: health, the till flow through the container, a
# restart that keeps the data in the /data volume, the Host check, a memory-only start, `docker stop` time,
# start-to-first-200 time, image size against its base. Exits non-zero on any failure. Run as root on Debian;
# docs/container.md says what it does and why.
#
# - Installs docker.io when there is no dockerd, and starts a daemon of its own when no daemon answers (own socket
#   and data root, no bridge: every container here uses --network host; overlay2 storage where it works, else
#   vfs; DSB_STORAGE_DRIVER chooses) and stops it at the end.
# - The base image node:20-bookworm-slim is pulled; when the pull fails (no registry reachable: offline CI), a local
#   stand-in is built under the same name from a Debian bookworm minbase root (debootstrap) and this machine's
#   Node 20 and npm, and cached (the image in the daemon's data root, its root as a tar beside it).
# - npm inside the build trusts the CA bundle the host's `npm config get cafile` names, given as a BuildKit
#   secret; the script checks that no file of the final image holds it.
#
# `--prepare` installs what is missing and builds the stand-in's root (no daemon), for CI to run beside the tests.
# Variables: DSB_IMAGE (tag, default douyin-sandbox:ci), DSB_STATE (daemon data roots and caches, default
# /var/lib/dsb-docker), DSB_SOCK (the own daemon's socket, default /tmp/dsb-docker.sock), DSB_STORAGE_DRIVER
# (overlay2 or vfs for the own daemon), DSB_DEBIAN_MIRROR (for the stand-in, default http://deb.debian.org/debian).
set -euo pipefail
cd "$(dirname "$0")/.."

T0=$(date +%s%3N)
IMAGE=${DSB_IMAGE:-douyin-sandbox:ci}
BASE=node:20-bookworm-slim
STATE=${DSB_STATE:-/var/lib/dsb-docker}
SOCK=${DSB_SOCK:-/tmp/dsb-docker.sock}
MIRROR=${DSB_DEBIAN_MIRROR:-http://deb.debian.org/debian}
FLOW=.ci/container-flow.mjs
RUN_ID=dsb-smoke-$$
VOLUME=$RUN_ID-data
WORK=$(mktemp -d /tmp/dsb-container.XXXXXX)
DAEMON_PID=""
CONTAINERS=()
SUMMARY=()

log() { printf '[container] %s\n' "$*" >&2; }
die() {
  log "FAILED: $*"
  exit 1
}
# The machine cannot run Docker at all (no package, no daemon, no network for the base): exit 3, which .ci/run
# reports as a skipped smoke test; a broken image or a failed check is exit 1.
unavailable() {
  log "UNAVAILABLE: $*"
  exit 3
}
now_ms() { date +%s%3N; }
note() { SUMMARY+=("$(printf '%-34s %s' "$1" "$2")"); }
mb() { awk -v b="$1" 'BEGIN { printf "%.1f MB", b / 1000000 }'; }

cleanup() {
  local rc=$?
  set +e
  for c in "${CONTAINERS[@]}"; do
    if [ "$rc" -ne 0 ]; then
      log "--- logs of $c ---"
      "$DOCKER" logs --tail 40 "$c" 2>&1 | sed 's/^/    /' >&2
    fi
    "$DOCKER" rm -f "$c" >/dev/null 2>&1
  done
  [ -n "${DOCKER:-}" ] && "$DOCKER" volume rm -f "$VOLUME" >/dev/null 2>&1
  if [ -n "$DAEMON_PID" ]; then
    kill -TERM "$DAEMON_PID" 2>/dev/null
    for _ in $(seq 1 100); do kill -0 "$DAEMON_PID" 2>/dev/null || break; sleep 0.2; done
    kill -0 "$DAEMON_PID" 2>/dev/null && kill -KILL "$DAEMON_PID" 2>/dev/null
  fi
  rm -rf "$WORK"
  exit "$rc"
}
trap cleanup EXIT

apt_install() {
  local sudo=""
  [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null 2>&1 && sudo=sudo
  log "installing $* with apt"
  $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

command -v node >/dev/null || die "node is needed (the smoke test's HTTP client, and the offline stand-in's Node)"

# --- 1. a Docker daemon and a client that builds with BuildKit -------------------------------------------------
# debootstrap (a few shell scripts) comes along, for the offline stand-in: one apt-get update for both
t=$(now_ms)
missing=()
command -v dockerd >/dev/null || missing+=(docker.io)
command -v debootstrap >/dev/null || missing+=(debootstrap)
if [ "${#missing[@]}" -gt 0 ]; then
  apt_install "${missing[@]}" || unavailable "could not install ${missing[*]}"
  note "apt-get install ${missing[*]}" "$(($(now_ms) - t)) ms"
fi

# The stand-in's root as a tar (cached under $STATE): Debian bookworm minbase with this machine's Node 20 and npm.
# Prints the tar's path. Needs no Docker daemon, so `--prepare` can make it while the test suite runs.
standin_tar() {
  local node_bin npm_dir version root cache
  node_bin=$(readlink -f "$(command -v node)")
  version=$("$node_bin" --version)
  case "$version" in v20.*) ;; *) die "the offline stand-in copies this machine's Node, which must be 20.x (found $version)" ;; esac
  # npm's own directory (it bundles its dependencies): /usr/lib/node_modules/npm, /usr/local/lib/node_modules/npm…
  npm_dir=$(dirname "$(dirname "$(readlink -f "$(command -v npm)")")")
  [ -f "$npm_dir/bin/npm-cli.js" ] && [ -d "$npm_dir/node_modules" ] ||
    die "no self-contained npm at $npm_dir to copy into the stand-in (install Node 20 from nodejs.org or NodeSource)"
  mkdir -p "$STATE"
  cache="$STATE/standin-bookworm-node-$version.tar"
  if [ ! -s "$cache" ]; then
    root="$WORK/rootfs"
    log "building the stand-in root: debootstrap --variant=minbase bookworm from $MIRROR, Node $version"
    debootstrap --variant=minbase bookworm "$root" "$MIRROR" >"$WORK/debootstrap.log" 2>&1 ||
      { tail -20 "$WORK/debootstrap.log" >&2; unavailable "debootstrap failed"; }
    install -m 0755 "$node_bin" "$root/usr/local/bin/node"
    mkdir -p "$root/usr/local/lib/node_modules"
    cp -a "$npm_dir" "$root/usr/local/lib/node_modules/npm"
    ln -s ../lib/node_modules/npm/bin/npm-cli.js "$root/usr/local/bin/npm"
    ln -s ../lib/node_modules/npm/bin/npx-cli.js "$root/usr/local/bin/npx"
    # the official image's user
    chroot "$root" groupadd --gid 1000 node
    chroot "$root" useradd --uid 1000 --gid node --shell /bin/bash --create-home node
    rm -rf "$root"/var/cache/apt/archives/*.deb "$root"/var/lib/apt/lists/* "$root"/var/log/*.log \
      "$root"/var/cache/debconf/*-old "$root"/usr/share/doc/* "$root"/usr/share/man/*
    tar --numeric-owner -C "$root" -cf "$cache.tmp" . && mv "$cache.tmp" "$cache"
    rm -rf "$root"
  fi
  printf '%s\n' "$cache"
}

# `--prepare`: only what needs the network and no daemon (the packages above, the stand-in's root when no registry
# answers), so CI can run it beside the test suite and the build after it.
if [ "${1:-}" = --prepare ]; then
  if [ "$(curl -s -o /dev/null -m 5 -w '%{http_code}' https://registry-1.docker.io/v2/ || true)" = 000 ]; then
    t=$(now_ms)
    standin_tar >/dev/null
    note "stand-in root prepared" "$(($(now_ms) - t)) ms"
  fi
  printf '%s\n' "${SUMMARY[@]}" >&2
  exit 0
fi

# A client that runs BuildKit builds (for --secret): one with the buildx plugin, or one older than 23, whose
# `DOCKER_BUILDKIT=1 docker build` has BuildKit built in (Debian bookworm's docker.io is 20.10).
DOCKER=""
for c in $(type -ap docker) /usr/bin/docker; do
  [ -x "$c" ] || continue
  if "$c" buildx version >/dev/null 2>&1; then
    DOCKER=$c BUILD=(buildx build --load)
    break
  fi
  version=$("$c" --version 2>/dev/null || true)
  if [[ $version =~ ([0-9]+)\. ]] && [ "${BASH_REMATCH[1]}" -lt 23 ]; then
    DOCKER=$c BUILD=(build)
    export DOCKER_BUILDKIT=1
    break
  fi
done
[ -n "$DOCKER" ] || unavailable "no docker client that builds with BuildKit (install docker-buildx, or docker.io from Debian)"

# Starts dockerd with this storage driver on our socket; fails when the daemon exits or does not answer in 30 s.
start_daemon() {
  local driver=$1
  mkdir -p "$STATE/$driver"
  log "starting dockerd on $SOCK ($driver storage, data root $STATE/$driver)"
  dockerd --host "$DOCKER_HOST" --data-root "$STATE/$driver" --exec-root /tmp/dsb-docker-exec \
    --pidfile /tmp/dsb-docker.pid --storage-driver "$driver" --bridge none --iptables=false \
    >"$STATE/dockerd.log" 2>&1 &
  DAEMON_PID=$!
  for _ in $(seq 1 150); do
    "$DOCKER" info >/dev/null 2>&1 && return 0
    kill -0 "$DAEMON_PID" 2>/dev/null || break
    sleep 0.2
  done
  tail -5 "$STATE/dockerd.log" >&2
  kill -TERM "$DAEMON_PID" 2>/dev/null && wait "$DAEMON_PID" 2>/dev/null
  DAEMON_PID=""
  return 1
}

if "$DOCKER" info >/dev/null 2>&1; then
  log "using the running Docker daemon"
else
  export DOCKER_HOST=unix://$SOCK
  if "$DOCKER" info >/dev/null 2>&1; then
    log "using the daemon already on $SOCK"
  elif [ -n "${DSB_STORAGE_DRIVER:-}" ]; then
    start_daemon "$DSB_STORAGE_DRIVER" || unavailable "dockerd did not start with $DSB_STORAGE_DRIVER storage"
  else
    # overlay2 shares layers (a container starts in about a second); vfs copies every layer whole (a container
    # takes 5-15 s to create) but works everywhere, e.g. where /var/lib is itself on overlayfs
    start_daemon overlay2 || { log "overlay2 storage does not work here: vfs"; start_daemon vfs; } ||
      unavailable "dockerd did not start (log: $STATE/dockerd.log)"
  fi
fi
log "client $DOCKER ($("$DOCKER" --version)), server $("$DOCKER" version -f '{{.Server.Version}}')"

# --- 2. the base image: pulled, or a local stand-in when no registry is reachable -----------------------------
build_standin() {
  local cache version
  cache=$(standin_tar)
  version=$(node --version)
  log "importing the stand-in $BASE from $cache"
  "$DOCKER" import -m "douyin-sandbox offline stand-in for $BASE (Debian bookworm minbase, Node $version)" \
    --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    --change "ENV NODE_VERSION=${version#v}" \
    --change 'CMD ["node"]' \
    "$cache" "$BASE" >/dev/null
  "$DOCKER" run --rm --network host --user node "$BASE" sh -c 'node --version && npm --version' >/dev/null ||
    die "the stand-in $BASE cannot run node and npm"
}

t=$(now_ms)
if "$DOCKER" image inspect "$BASE" >/dev/null 2>&1; then
  log "base image $BASE is here"
elif timeout 90 "$DOCKER" pull -q "$BASE" >"$WORK/pull.log" 2>&1; then
  log "pulled $BASE"
else
  log "cannot pull $BASE ($(tail -1 "$WORK/pull.log")); building the offline stand-in"
  build_standin
fi
BASE_NOTE=$("$DOCKER" image inspect -f '{{.Comment}}' "$BASE")
case "$BASE_NOTE" in *stand-in*) BASE_KIND="offline stand-in" ;; *) BASE_KIND="registry image" ;; esac
note "base image ready" "$(($(now_ms) - t)) ms ($BASE_KIND)"

# --- 3. the build, npm trusting the host's CA bundle through a build secret -----------------------------------
SECRET=()
CAFILE=$(npm config get cafile 2>/dev/null || true)
if [ -n "$CAFILE" ] && [ "$CAFILE" != null ] && [ "$CAFILE" != undefined ] && [ -s "$CAFILE" ]; then
  SECRET=(--secret "id=npm_ca,src=$CAFILE")
  log "npm in the build trusts $CAFILE (build secret npm_ca)"
fi
t=$(now_ms)
"$DOCKER" "${BUILD[@]}" --progress plain --network host "${SECRET[@]}" -t "$IMAGE" . >"$STATE/build.log" 2>&1 ||
  { tail -40 "$STATE/build.log" >&2; die "docker build failed (whole log: $STATE/build.log)"; }
note "image build" "$(($(now_ms) - t)) ms"

base_size=$("$DOCKER" image inspect -f '{{.Size}}' "$BASE")
image_size=$("$DOCKER" image inspect -f '{{.Size}}' "$IMAGE")
added=$((image_size - base_size))
note "image size" "$(mb "$image_size") (base $(mb "$base_size"), added $(mb "$added"))"
[ "$added" -le 50000000 ] || die "the image adds $(mb "$added") to its base (target ≤ 50 MB)"

# the CA bundle is in no file of the final image, beyond what the base image itself holds
if [ "${#SECRET[@]}" -gt 0 ]; then
  ca_size=$(stat -c %s "$CAFILE")
  ca_sum=$(sha256sum "$CAFILE" | cut -d' ' -f1)
  copies() {
    "$DOCKER" run --rm --network host --user 0 --entrypoint sh "$1" -c \
      "find / -xdev -type f -size ${ca_size}c -exec sha256sum {} + 2>/dev/null | grep -c '^$ca_sum ' || true"
  }
  [ "$(copies "$IMAGE")" -le "$(copies "$BASE")" ] || die "the CA bundle $CAFILE was left in the image"
  history=$("$DOCKER" history --no-trunc "$IMAGE") # captured: with pipefail, grep -q would race the pipe
  case "$history" in *npm_ca*) die "the image history names the npm_ca secret" ;; esac
  note "CA bundle in the image" "none (checked by content)"
fi

[ "$("$DOCKER" image inspect -f '{{.Config.User}}' "$IMAGE")" = node ] || die "the image does not run as user node"

# --- 4. smoke test ------------------------------------------------------------------------------------------
free_port() { node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"; }
PORT=$(free_port)
URL=http://127.0.0.1:$PORT

# starts a container; MS = ms from `docker run` to the first 200 of /sandbox/health
start_container() {
  local name=$1 started first
  shift
  CONTAINERS+=("$name")
  started=$(now_ms)
  "$DOCKER" run -d --name "$name" --network host -e PORT="$PORT" "$@" "$IMAGE" >/dev/null
  first=$(node "$FLOW" wait "$URL") || die "$name answered no 200 on /sandbox/health within 60 s"
  MS=$((first - started))
}

# stops a container: MS = ms from `docker stop` to the server's exit as the daemon recorded it (State.FinishedAt),
# WALL = ms until the client returned (more on a loaded machine). The server must exit by itself (code 0) within
# 2 s; one that ignored SIGTERM would be killed after the 10 s of -t 10 (code 137).
stop_container() {
  local name=$1 t code
  t=$(now_ms)
  "$DOCKER" stop -t 10 "$name" >/dev/null
  WALL=$(($(now_ms) - t))
  MS=$(($(date -d "$("$DOCKER" inspect -f '{{.State.FinishedAt}}' "$name")" +%s%3N) - t))
  code=$("$DOCKER" inspect -f '{{.State.ExitCode}}' "$name")
  [ "$code" = 0 ] || die "$name exited with $code on docker stop (not a clean SIGTERM shutdown)"
  [ "$MS" -le 2000 ] || die "$name exited $MS ms after docker stop (target ≤ 2000)"
}

"$DOCKER" volume create "$VOLUME" >/dev/null
start_container "$RUN_ID-a" -v "$VOLUME:/data"
note "start to first 200 (fresh volume)" "$MS ms"
[ "$("$DOCKER" exec "$RUN_ID-a" id -u)" != 0 ] || die "the server runs as root"
node "$FLOW" till "$URL" "$WORK/flow.json" || die "the till flow through the container failed"
node "$FLOW" hosts "$URL" || die "the Host check does not behave as documented"
for _ in $(seq 1 40); do
  health=$("$DOCKER" inspect -f '{{.State.Health.Status}}' "$RUN_ID-a")
  [ "$health" = healthy ] && break
  sleep 0.5
done
[ "$health" = healthy ] || die "the HEALTHCHECK reports $health"
note "HEALTHCHECK" "$health"
stop_container "$RUN_ID-a"
stop1="$MS ms (client $WALL ms)"
"$DOCKER" rm "$RUN_ID-a" >/dev/null

start_container "$RUN_ID-b" -v "$VOLUME:/data"
note "start to first 200 (data in volume)" "$MS ms"
node "$FLOW" check "$URL" "$WORK/flow.json" || die "the data did not survive the restart"
note "data kept across containers" "yes (tenant, verified certificate)"
stop_container "$RUN_ID-b"
note "docker stop to exit" "$stop1, $MS ms (client $WALL ms), exit code 0"

start_container "$RUN_ID-m" -e MEMORY=1
note "MEMORY=1" "memory-only start to first 200 in $MS ms"
banner=$("$DOCKER" logs "$RUN_ID-m" 2>&1)
case "$banner" in *"storage: memory"*) ;; *) die "MEMORY=1 did not start a memory-only sandbox" ;; esac
stop_container "$RUN_ID-m"

note "total" "$(($(now_ms) - T0)) ms"
printf '\n[container] summary (%s, %s)\n' "$IMAGE" "$("$DOCKER" info -f '{{.Driver}}') storage" >&2
printf '  %s\n' "${SUMMARY[@]}" >&2
