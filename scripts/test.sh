#!/usr/bin/env bash
# Set up and run the whole test suite on a fresh machine; CI runs exactly this (see .ci/run).
# Installs the Debian packages the browser and PostgreSQL tests need when they are missing (as root), then the
# Python packages, then runs pytest. Extra arguments go to pytest, e.g. `bash scripts/test.sh -m "not browser"`.
set -euo pipefail
cd "$(dirname "$0")/.."

debian_packages=()
command -v chromium >/dev/null 2>&1 || debian_packages+=(chromium)
command -v chromedriver >/dev/null 2>&1 || debian_packages+=(chromium-driver)
[ -d /usr/share/fonts/opentype/noto ] || debian_packages+=(fonts-noto-cjk)
compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || debian_packages+=(postgresql)
if [ ${#debian_packages[@]} -gt 0 ]; then
  if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing Debian packages: ${debian_packages[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${debian_packages[@]}"
  else
    echo "The browser and PostgreSQL tests need the Debian packages: ${debian_packages[*]} (sudo apt-get install ${debian_packages[*]})" >&2
    exit 1
  fi
fi

python -m pip install --quiet --disable-pip-version-check -e ".[test]"
python -m pytest "$@"
