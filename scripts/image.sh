#!/usr/bin/env bash
# Builds the operator image without a container daemon and without root.
#
#   scripts/image.sh          build target/countcast-image.tar (a docker archive that
#                             `ctr images import`, `docker load` and `podman load` accept) and
#                             its CycloneDX SBOM target/countcast-image.sbom.json
#   scripts/image.sh base     only build (or find in the cache) the base image; prints its path
#
# The base image is a jlink'ed Java runtime of only the modules the operator needs, plus the few
# shared libraries it links against, copied from the machine's Debian packages (the list is in
# the image at /usr/share/countcast/base-packages.txt). It is cached outside the checkout, keyed
# by the JDK release, the module list and this script's base recipe, so only a new JDK rebuilds it.
# Jib (profile `image` in pom.xml) then adds the operator's dependency, resource and class layers
# on top and writes the archive, tagged with the image name manifests/ and the chart use.
#
# Environment (all optional):
#   COUNTCAST_CACHE   cache directory (default ${XDG_CACHE_HOME:-~/.cache}/countcast)
#   JAVA_HOME         the JDK whose jmods and jlink build the runtime (default: the one of `javac`)
#   MVN_ARGS          extra arguments for the Maven build (e.g. -o)
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cache_dir="${COUNTCAST_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/countcast}/image"

# The operator's modules: `jdeps --print-module-deps --ignore-missing-deps target/countcast.jar`
# plus providers jdeps cannot see: jdk.crypto.ec (TLS with ECDSA certificates) and jdk.random
# (RandomGenerator.getDefault(), L32X64MixRandom; without it the Prometheus client fails, as
# `scripts/demo.sh --node` showed).
modules="java.base,java.compiler,java.desktop,java.net.http,java.sql,jdk.httpserver,jdk.management"
modules+=",jdk.unsupported,jdk.crypto.ec,jdk.random"
# java.desktop is needed for java.beans only; its native parts that want X11, sound or fonts are
# left out so the image needs no graphics libraries.
exclude_files="**/libawt_xawt.so,**/libjawt.so,**/libjsound.so,**/libsplashscreen.so"
exclude_files+=",**/libfontmanager.so,**/liblcms.so,**/libjavajpeg.so"
# Bump when the base recipe below changes, so cached bases are rebuilt.
base_recipe=2
# The uid/gid the Deployment in manifests/ and the chart run as (runAsUser/runAsGroup).
app_uid=65532

log() { printf '[image %s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }
die() { printf '[image] error: %s\n' "$*" >&2; exit 1; }

java_home() {
  if [[ -n "${JAVA_HOME:-}" ]]; then echo "$JAVA_HOME"; return; fi
  local javac; javac="$(command -v javac)" || die "no JDK found (javac not on PATH, JAVA_HOME unset)"
  dirname "$(dirname "$(readlink -f "$javac")")"
}

# Files a dynamic executable or library needs, as ldd resolves them on this machine.
needed_libraries() {
  ldd "$@" 2>/dev/null | awk '$2 == "=>" && $3 ~ /^\// { print $3 } $1 ~ /^\/.*ld-linux/ { print $1 }' | sort -u
}

# shellcheck source=lib/docker-archive.sh
source "$repo_root/scripts/lib/docker-archive.sh"

cmd_base() {
  local jdk key base rootfs start=$SECONDS
  jdk="$(java_home)"
  [[ -x "$jdk/bin/jlink" && -d "$jdk/jmods" ]] \
    || die "$jdk has no jlink or jmods (Debian: apt-get install openjdk-17-jdk-headless)"
  key="$(printf '%s\n' "$(cat "$jdk/release")" "$modules" "$exclude_files" "$base_recipe" "$app_uid" \
    | sha256sum | cut -c1-16)"
  base="$cache_dir/base-$key.tar"
  if [[ -f "$base" ]]; then
    ln -sfn "$(basename "$base")" "$cache_dir/base.tar"   # the pom's default countcast.image.base
    log "base image cached: $base"
    echo "$base"; return 0
  fi
  log "building the base image (jlink $modules) ..."
  mkdir -p "$cache_dir"
  rootfs="$(mktemp -d)"
  trap 'rm -rf "$rootfs"' RETURN
  chmod 755 "$rootfs"   # becomes the image's /: mktemp's 0700 would lock out the non-root user
  "$jdk/bin/jlink" --add-modules "$modules" --exclude-files "$exclude_files" \
    --strip-debug --no-header-files --no-man-pages --compress=2 --output "$rootfs/opt/java"
  # Debian's cacerts is a symlink into /etc/ssl; jlink copies the file, keep it that way.
  [[ -f "$rootfs/opt/java/lib/security/cacerts" ]] || die "jlink produced no cacerts"

  local libs lib
  mapfile -t libs < <(needed_libraries "$rootfs/opt/java/bin/java" $(find "$rootfs/opt/java" -name '*.so'))
  (( ${#libs[@]} )) || die "ldd found no libraries for the runtime"
  mkdir -p "$rootfs/lib/x86_64-linux-gnu" "$rootfs/lib64" "$rootfs/usr/share/countcast"
  for lib in "${libs[@]}"; do
    [[ "$lib" == "$rootfs"* ]] && continue   # the runtime's own libraries
    cp -L "$lib" "$rootfs/lib/x86_64-linux-gnu/$(basename "$lib")"
  done
  ln -s /lib/x86_64-linux-gnu/ld-linux-x86-64.so.2 "$rootfs/lib64/ld-linux-x86-64.so.2"
  # Which Debian packages those files come from (usrmerge: dpkg knows some as /lib, some as /usr/lib).
  {
    echo "# Debian packages the files of this base image come from (scripts/image.sh base)"
    for lib in "${libs[@]}"; do
      [[ "$lib" == "$rootfs"* ]] && continue
      dpkg -S "$lib" 2>/dev/null || dpkg -S "/usr$lib" 2>/dev/null || dpkg -S "${lib#/usr}" 2>/dev/null \
        || echo "unknown: $lib"
    done | cut -d: -f1 | sort -u | while read -r pkg; do
      dpkg-query -W -f='${Package} ${Version}\n' "$pkg" 2>/dev/null || echo "$pkg"
    done
    dpkg -S "$jdk/jmods/java.base.jmod" | cut -d: -f1 | xargs dpkg-query -W -f='${Package} ${Version} (jlink)\n'
  } > "$rootfs/usr/share/countcast/base-packages.txt"

  mkdir -p "$rootfs/etc" "$rootfs/tmp"
  chmod 1777 "$rootfs/tmp"
  printf 'root:x:0:0:root:/root:/usr/sbin/nologin\ncountcast:x:%s:%s:countcast:/tmp:/usr/sbin/nologin\n' \
    "$app_uid" "$app_uid" > "$rootfs/etc/passwd"
  printf 'root:x:0:\ncountcast:x:%s:\n' "$app_uid" > "$rootfs/etc/group"
  # Smoke test of the runtime on this machine before it is cached.
  "$rootfs/opt/java/bin/java" -version >/dev/null 2>&1 || die "the jlink'ed runtime does not start"

  write_docker_archive "$rootfs" "$base" "countcast.local/java-base:$base_recipe" \
    "{\"User\":\"${app_uid}:${app_uid}\",\"WorkingDir\":\"/\",\"Env\":[\"PATH=/opt/java/bin:/usr/bin:/bin\",\"JAVA_HOME=/opt/java\",\"LANG=C.UTF-8\"]}"
  # Old bases (another JDK or recipe) are dead weight.
  find "$cache_dir" -maxdepth 1 -name 'base-*.tar' ! -name "base-$key.tar" -delete
  ln -sfn "$(basename "$base")" "$cache_dir/base.tar"
  log "base image built in $((SECONDS - start))s: $base ($(du -h "$base" | cut -f1))"
  echo "$base"
}

cmd_build() {
  local base start=$SECONDS
  base="$(cmd_base)"
  cd "$repo_root"
  log "building target/countcast-image.tar with Jib (profile image) ..."
  # shellcheck disable=SC2086
  ./mvnw -B -ntp -q ${MVN_ARGS:-} -Pimage -DskipTests -Djib.disableUpdateChecks=true \
    "-Dcountcast.image.base=tar://$base" package
  [[ -f target/countcast-image.tar && -f target/countcast-image.sbom.json ]] \
    || die "Jib or CycloneDX wrote no target/countcast-image.tar / .sbom.json"
  log "done in $((SECONDS - start))s: target/countcast-image.tar ($(du -h target/countcast-image.tar | cut -f1)," \
      "image $(tar -xOf target/countcast-image.tar manifest.json | sed 's/.*"RepoTags":\["\([^"]*\)".*/\1/')), SBOM target/countcast-image.sbom.json"
}

case "${1:-build}" in
  build) cmd_build ;;
  base) cmd_base ;;
  *) sed -n '2,19p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 2 ;;
esac
