#!/usr/bin/env bash
# Installs what the integration and UI tests need to run a real VS Code without downloading one:
#   - Debian packages: chromium (driven headless by playwright-core), libkrb5-dev (headers for
#     the `kerberos` addon built from source), ripgrep (see the ripgrep cache below), plus a
#     compiler toolchain and python3 for node-gyp when they are missing;
#   - code-server (a full VS Code: server, web workbench and the Node extension host) from the
#     npm registry, into `.code-server/` at the repository root. That folder has its own
#     package.json and node_modules (git-ignored), so the extension's own `npm ci` stays light.
#
# Idempotent: apt is skipped when the packages are present, npm when `.code-server/` already
# holds a verified install of the pinned version. Run it from anywhere:
#   bash scripts/vscode/install.sh            # FORCE=1 to reinstall code-server
set -euo pipefail

CODE_SERVER_VERSION="4.100.3" # VS Code 1.100.3, the newest code-server that runs on Node 20
# @vscode/ripgrep as pinned by that code-server: its postinstall downloads rg from GitHub unless
# this tarball is already in its cache under $TMPDIR.
RIPGREP_CACHE_DIR="vscode-ripgrep-cache-1.15.11"
RIPGREP_VERSION="v13.0.0-10"

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
DEST="$ROOT/.code-server"
MARKER="$DEST/.installed"
PKG="$DEST/node_modules/code-server"
START=$SECONDS

log() { printf '[vscode-install] %s\n' "$*"; }
die() { printf '[vscode-install] ERROR: %s\n' "$*" >&2; exit 1; }

# ---------------------------------------------------------------- 1. Debian packages
apt_packages=()
for p in chromium libkrb5-dev ripgrep fonts-liberation fonts-noto-cjk; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || apt_packages+=("$p")
done
command -v make >/dev/null && command -v g++ >/dev/null || apt_packages+=(build-essential)
command -v python3 >/dev/null || apt_packages+=(python3)

if ((${#apt_packages[@]})); then
  SUDO=()
  if [ "$(id -u)" != 0 ]; then
    # sudo when it works without a password, or can ask for one on a terminal; else say what to run.
    if command -v sudo >/dev/null && { sudo -n true 2>/dev/null || [ -t 0 ]; }; then
      SUDO=(sudo)
    else
      die "the test VS Code needs Debian packages that only root can install: as root, run \`apt-get update && apt-get install -y --no-install-recommends ${apt_packages[*]}\`, then run this again (npm test does)."
    fi
  fi
  log "apt-get update"
  "${SUDO[@]}" apt-get update -qq
  log "apt-get install ${apt_packages[*]} (takes a few minutes)"
  "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive \
    apt-get install -y -qq --no-install-recommends "${apt_packages[@]}" >/dev/null
  log "apt packages installed ($((SECONDS - START)) s)"
else
  log "apt packages already installed (chromium, libkrb5-dev, ripgrep, fonts-liberation, fonts-noto-cjk)"
fi
[ -x /usr/bin/chromium ] || die "/usr/bin/chromium is missing after apt-get install"
[ -x /usr/bin/rg ] || die "/usr/bin/rg is missing after apt-get install"

# ---------------------------------------------------------------- 2. code-server
node_major="$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null)" || die "node is not on PATH"
[ "$node_major" = 20 ] ||
  die "code-server $CODE_SERVER_VERSION needs Node 20 (found $(node -v)); its native modules are built for the running Node"

verify() {
  # The postinstall scripts of code-server and of its VS Code dependencies really ran when the
  # VS Code server's node_modules exist, the native addons are built and rg is in place.
  local vs="$PKG/lib/vscode"
  [ -f "$PKG/out/node/entry.js" ] || { echo "missing out/node/entry.js"; return 1; }
  local v xdg="$DEST/tmp/verify"
  # code-server writes a default config and logs under XDG_CONFIG_HOME/XDG_DATA_HOME: keep them here.
  v="$(XDG_CONFIG_HOME="$xdg/config" XDG_DATA_HOME="$xdg/data" XDG_CACHE_HOME="$xdg/cache" \
    node "$PKG/out/node/entry.js" --version 2>&1)" || { echo "code-server --version failed: $v"; return 1; }
  rm -rf "$xdg"
  v="$(printf '%s\n' "$v" | grep -E "^$CODE_SERVER_VERSION " | sed -n 1p)"
  [ -n "$v" ] || { echo "code-server --version does not report $CODE_SERVER_VERSION"; return 1; }
  [ -x "$vs/node_modules/@vscode/ripgrep/bin/rg" ] || { echo "missing @vscode/ripgrep/bin/rg"; return 1; }
  "$vs/node_modules/@vscode/ripgrep/bin/rg" --version >/dev/null || { echo "rg does not run"; return 1; }
  (cd "$vs" && node -e '
    for (const m of ["node-pty", "kerberos", "@vscode/spdlog", "native-watchdog", "@parcel/watcher"]) {
      try { require(m); } catch (e) { console.log("cannot load " + m + ": " + e.message); process.exit(1); }
    }') || return 1
  [ -d "$vs/extensions/node_modules" ] || { echo "built-in extensions have no node_modules"; return 1; }
  echo "$v"
}

if [ "${FORCE:-}" != 1 ] && [ -f "$MARKER" ] && [ "$(cat "$MARKER")" = "$CODE_SERVER_VERSION" ] &&
  [ -f "$PKG/out/node/entry.js" ]; then
  log "code-server $CODE_SERVER_VERSION already installed in .code-server/ (FORCE=1 to reinstall)"
  exit 0
fi

log "installing code-server $CODE_SERVER_VERSION into .code-server/ (1-2 minutes: it downloads ~300 MB and builds native addons)"
rm -rf "$DEST/node_modules" "$DEST/package-lock.json" "$MARKER"
mkdir -p "$DEST/tmp"
# Kept in the folder (git-ignored) so the extension's own npm ci never sees it. `allowScripts`
# approves the install scripts for npm versions that gate them (npm >= 11.x); older ones ignore it.
cat >"$DEST/package.json" <<EOF
{
  "name": "vscode-test-server",
  "private": true,
  "description": "code-server for the integration and UI tests; written by scripts/vscode/install.sh",
  "dependencies": { "code-server": "$CODE_SERVER_VERSION" },
  "allowScripts": { "code-server": true, "argon2": true }
}
EOF

# Workaround: @vscode/ripgrep's postinstall downloads rg from GitHub; give it Debian's rg in its cache.
case "$(uname -m)" in
  x86_64) rg_target=x86_64-unknown-linux-musl ;;
  aarch64 | arm64) rg_target=aarch64-unknown-linux-musl ;;
  *) die "unsupported architecture $(uname -m)" ;;
esac
rg_cache="$DEST/tmp/$RIPGREP_CACHE_DIR"
mkdir -p "$rg_cache" "$DEST/tmp/rg-stage"
cp /usr/bin/rg "$DEST/tmp/rg-stage/rg"
tar -czf "$rg_cache/ripgrep-$RIPGREP_VERSION-$rg_target.tar.gz" -C "$DEST/tmp/rg-stage" rg
rm -rf "$DEST/tmp/rg-stage"
log "ripgrep cache prepared from /usr/bin/rg ($(/usr/bin/rg --version 2>/dev/null | sed -n 1p))"

log "npm install code-server@$CODE_SERVER_VERSION (its postinstall installs the VS Code server and builds node-pty, kerberos, ...)"
npm_log="$DEST/tmp/npm-install.log"
(
  cd "$DEST"
  # Workarounds: code-server's postinstall refuses to run as root without unsafe_perm;
  # node-pty's postinstall runs `npx node-gyp`, which needs npm_config_yes; TMPDIR points at the
  # ripgrep cache above. The nested `npm install`s of the postinstall inherit all of these.
  export TMPDIR="$DEST/tmp" npm_config_unsafe_perm=true npm_config_yes=true
  # npm >= 11: never turn unreviewed install scripts into errors (a CI's npmrc might).
  export npm_config_strict_allow_scripts=false
  export npm_config_fund=false npm_config_audit=false npm_config_update_notifier=false
  npm install --no-save --foreground-scripts --loglevel=warn
) >"$npm_log" 2>&1 || {
  tail -n 60 "$npm_log" >&2
  die "npm install failed (full log: .code-server/tmp/npm-install.log)"
}
if grep -q 'npm warn install-scripts' "$npm_log"; then
  # npm >= 11 lists the install scripts of the VS Code server's dependencies (installed by
  # code-server's postinstall in lib/vscode, outside our allowScripts) as "not yet covered": it
  # still runs them (only denied ones, or any with strict-allow-scripts, are refused); the check
  # below fails if they did not run.
  log "note: npm listed $(grep -c 'npm warn install-scripts   ' "$npm_log") nested install scripts as not covered by allowScripts; they ran (verified next)"
fi

log "verifying the install"
if ! out="$(verify)"; then
  tail -n 40 "$npm_log" >&2
  die "code-server install is incomplete: $out (full log: .code-server/tmp/npm-install.log)"
fi
echo "$CODE_SERVER_VERSION" >"$MARKER"
log "installed: code-server $out; $(du -sh "$DEST/node_modules" | cut -f1) in .code-server/node_modules ($((SECONDS - START)) s)"
