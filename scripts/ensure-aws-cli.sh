#!/usr/bin/env bash
# What npm test needs beyond npm: the AWS CLI v2 (Debian's awscli) that drives the emulator in the
# conformance tests, and openssl, which makes the test company CA for the proxy tests. Installs what
# is missing when this user can (root with apt-get); otherwise says how.
set -euo pipefail
AWS="${AWS_CLI:-/usr/bin/aws}"
missing=()
[ -x "$AWS" ] || missing+=(awscli)
command -v openssl >/dev/null || missing+=(openssl)
if [ ${#missing[@]} -eq 0 ]; then exit 0; fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
  echo "Installing ${missing[*]} for the tests..."
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  exit 0
fi
echo "Missing for the tests: ${missing[*]} (the AWS CLI v2 at $AWS, openssl): install them (sudo apt-get install ${missing[*]}), or set AWS_CLI to the CLI's path." >&2
exit 1
