# shellcheck shell=bash
# Sourced by scripts/image.sh and scripts/node.sh: writes a one-layer image as a docker archive
# (manifest.json, config, layer.tar), the format `ctr images import`, `docker load` and Jib's
# tar:// base images read. No daemon, no root: only tar and sha256sum.
#
#   write_docker_archive ROOTFS OUT TAG CONFIG
#     ROOTFS  directory that becomes the image's /
#     OUT     archive file to write (replaced atomically)
#     TAG     image name and tag it carries (e.g. countcast.local/busybox:1)
#     CONFIG  the image config's "config" object as JSON (User, Env, Entrypoint, Cmd, ...)
write_docker_archive() {
  local rootfs="$1" out="$2" tag="$3" config="$4" work diff_id config_id
  work="$(mktemp -d)"
  # Reproducible: sorted, numeric root ownership, fixed times; same input, same image id.
  tar --sort=name --owner=0 --group=0 --numeric-owner --mtime=@0 -C "$rootfs" -cf "$work/layer.tar" .
  diff_id="$(sha256sum "$work/layer.tar" | cut -d' ' -f1)"
  printf '{"architecture":"amd64","os":"linux","created":"1970-01-01T00:00:00Z","config":%s,%s,%s}\n' \
    "$config" \
    "\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\"sha256:${diff_id}\"]}" \
    "\"history\":[{\"created\":\"1970-01-01T00:00:00Z\",\"created_by\":\"$(basename "$0")\"}]" \
    > "$work/config.json"
  config_id="$(sha256sum "$work/config.json" | cut -d' ' -f1)"
  mv "$work/config.json" "$work/$config_id.json"
  printf '[{"Config":"%s.json","RepoTags":["%s"],"Layers":["layer.tar"]}]\n' "$config_id" "$tag" \
    > "$work/manifest.json"
  tar --sort=name --owner=0 --group=0 --numeric-owner --mtime=@0 -C "$work" \
    -cf "$out.tmp.$$" manifest.json "$config_id.json" layer.tar
  mv -f "$out.tmp.$$" "$out"
  rm -rf "$work"
}
