#!/usr/bin/env bash
# The conformance tests drive the emulator with the AWS CLI v2 from Debian's awscli package.
# Installs it when missing and this user can (root with apt-get); otherwise says how.
set -euo pipefail
AWS="${AWS_CLI:-/usr/bin/aws}"
if [ -x "$AWS" ]; then exit 0; fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
  echo "Installing the AWS CLI (Debian's awscli) for the conformance tests..."
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq awscli >/dev/null
  exit 0
fi
echo "The AWS CLI v2 is not at $AWS: install it (sudo apt-get install awscli) or set AWS_CLI to its path." >&2
exit 1
