# Shared by scripts/test and scripts/serve: timed phases and idempotent installs.

phase() {
  local name=$1
  shift
  local start=$SECONDS
  echo "==> $name"
  "$@"
  echo "==> $name: $((SECONDS - start)) s"
}
