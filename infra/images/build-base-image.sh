#!/usr/bin/env bash
# Builds the services' base image without a Docker daemon or a container registry: Debian bookworm (minbase)
# with OpenJDK 17 JRE from the Debian mirror (debootstrap), saved as a docker-archive tarball that Jib uses
# as its base (tar://). For machines that reach Debian's mirror but not Docker Hub.
#
#   sudo infra/images/build-base-image.sh [OUT]            (default OUT: infra/images/target/base-jre17.tar)
#   ./mvnw -Pimages -DskipTests package -Dimage.base=tar://$PWD/infra/images/target/base-jre17.tar
#
# Needs root (debootstrap) and the debootstrap package (apt-get install -y debootstrap).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
OUT="${1:-$ROOT/infra/images/target/base-jre17.tar}"
MIRROR="${DEBIAN_MIRROR:-http://deb.debian.org/debian}"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
command -v debootstrap >/dev/null || { echo "debootstrap is missing: apt-get install -y debootstrap" >&2; exit 1; }
[[ $EUID -eq 0 ]] || { echo "debootstrap needs root" >&2; exit 1; }

echo "1/3 debootstrap bookworm (minbase) + openjdk-17-jre-headless from $MIRROR (about a minute)"
debootstrap --variant=minbase --include=openjdk-17-jre-headless bookworm "$WORK/rootfs" "$MIRROR" \
  > "$WORK/debootstrap.log" 2>&1 || { tail -20 "$WORK/debootstrap.log" >&2; exit 1; }
rm -rf "$WORK"/rootfs/var/cache/apt/* "$WORK"/rootfs/var/lib/apt/lists/* "$WORK"/rootfs/usr/share/doc/* \
  "$WORK"/rootfs/usr/share/man/* "$WORK"/rootfs/var/log/* "$WORK"/rootfs/tmp/*
mkdir -p "$WORK/rootfs/tmp" && chmod 1777 "$WORK/rootfs/tmp"
# the services run as 10001:10001 (infra/k8s runAsUser), with a home for the JVM's user.home
echo 'app:x:10001:10001:app:/home/app:/usr/sbin/nologin' >> "$WORK/rootfs/etc/passwd"
echo 'app:x:10001:' >> "$WORK/rootfs/etc/group"
mkdir -p "$WORK/rootfs/home/app" && chown 10001:10001 "$WORK/rootfs/home/app"

echo "2/3 one layer"
mkdir -p "$WORK/image"
tar --numeric-owner --xattrs -C "$WORK/rootfs" --exclude='./proc/*' --exclude='./sys/*' --exclude='./dev/*' \
  -cf "$WORK/image/layer.tar" .
DIFF_ID="sha256:$(sha256sum "$WORK/image/layer.tar" | cut -d' ' -f1)"
CREATED="$(date -u +%Y-%m-%dT%H:%M:%SZ)"
cat > "$WORK/image/config.json" <<JSON
{"architecture":"amd64","os":"linux","created":"$CREATED",
 "config":{"Env":["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin","JAVA_HOME=/usr/lib/jvm/java-17-openjdk-amd64","LANG=C.UTF-8"],"WorkingDir":"/"},
 "rootfs":{"type":"layers","diff_ids":["$DIFF_ID"]},
 "history":[{"created":"$CREATED","created_by":"infra/images/build-base-image.sh: debootstrap bookworm minbase + openjdk-17-jre-headless"}]}
JSON
CONFIG="$(sha256sum "$WORK/image/config.json" | cut -d' ' -f1).json"
mv "$WORK/image/config.json" "$WORK/image/$CONFIG"
printf '[{"Config":"%s","RepoTags":["jember/base-jre17:bookworm"],"Layers":["layer.tar"]}]\n' "$CONFIG" \
  > "$WORK/image/manifest.json"

echo "3/3 docker-archive $OUT"
mkdir -p "$(dirname "$OUT")"
tar -C "$WORK/image" -cf "$OUT" manifest.json "$CONFIG" layer.tar
ls -la "$OUT"
