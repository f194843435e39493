# Shared by scripts/test and scripts/serve: timed phases and idempotent installs.

phase() {
  local name=$1
  shift
  local start=$SECONDS
  echo "==> $name"
  "$@"
  echo "==> $name: $((SECONDS - start)) s"
}

# Puts the web tools first on PATH (npm's wasm-opt before any other; scripts/trunk/cargo, which
# lets Trunk build the root package) and keeps Trunk offline.
web_env() {
  export PATH="$HOME/.cargo/bin:$PATH"
  if [ -z "${GGACCESS_REAL_CARGO:-}" ]; then
    GGACCESS_REAL_CARGO=$(command -v cargo)
    export GGACCESS_REAL_CARGO
  fi
  export PATH="$PWD/scripts/trunk:$PWD/node_modules/.bin:$PATH"
  export TRUNK_SKIP_VERSION_CHECK=true
}

# The version Cargo.lock resolved for a package (`locked_version wasm-bindgen`).
locked_version() {
  awk -v name="$1" '$0 == "name = \"" name "\"" { getline; gsub(/version = |"/, ""); print; exit }' \
    Cargo.lock
}
