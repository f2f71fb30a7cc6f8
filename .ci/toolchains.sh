#!/usr/bin/env bash
# Installs from Debian whichever toolchains of the language examples (examples/) are missing: a JDK 17 (a JRE
# cannot launch `java Main.java`), Go, Python 3 and PHP with its curl extension. Quiet and noninteractive, with
# sudo when not root, like the Chromium install in .ci/run. `--check` only lists the missing packages (exit 1
# when there are some). test/examples-languages.test.ts runs the examples.
set -euo pipefail
missing=()
java_ok() {
  java -version 2>&1 | grep -Eq 'version "(1[7-9]|[2-9][0-9])' && java --list-modules 2>/dev/null | grep -q '^jdk\.compiler@'
}
java_ok || missing+=(openjdk-17-jdk-headless)
command -v go >/dev/null 2>&1 || missing+=(golang-go)
python3 -c 'import sys; assert sys.version_info >= (3, 8)' >/dev/null 2>&1 || missing+=(python3)
php -r 'exit(PHP_MAJOR_VERSION >= 8 && extension_loaded("curl") ? 0 : 1);' >/dev/null 2>&1 || missing+=(php-cli php-curl)

if [ "${1:-}" = "--check" ]; then
  [ ${#missing[@]} -eq 0 ] && exit 0
  echo "${missing[*]}"
  exit 1
fi
[ ${#missing[@]} -eq 0 ] && exit 0
SUDO=""
[ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null 2>&1 && SUDO="sudo"
echo "installing ${missing[*]} for the language examples" >&2
$SUDO apt-get update -qq \
  && $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null \
  || echo "could not install ${missing[*]}; the language examples' test will fail" >&2
