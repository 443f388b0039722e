# Shell helpers sourced by the service launchers.
render_config() {
  # render_config NAME KEY=VALUE... : write a minimal INI file for a service
  name="$1"; shift
  mkdir -p "/etc/$name"
  { echo "[DEFAULT]"; for kv in "$@"; do echo "$kv" | sed 's/=/ = /'; done; } > "/etc/$name/$name.conf"
}
