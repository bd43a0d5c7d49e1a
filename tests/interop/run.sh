#!/usr/bin/env bash
# The real readers: exports Factmark writes, loaded by the tools' own libraries from PyPI.
#
# Builds factmark, exports the interop fixture sessions (tests/interop/sessions/*.ron) to every
# format into a scratch folder, creates a throwaway virtual environment with the packages in
# tests/interop/requirements.txt, and runs each tests/interop/check_*.py on the exports. Each
# check asserts that every span's text, as the reader sees it, is the annotated text.
# Nothing is fetched at run time by Factmark itself; pip reaches the package registry.
#
# Usage: tests/interop/run.sh            (from anywhere; exit 1 when any check fails)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT

cd "$root"
cargo build --quiet --bin factmark
factmark="$root/target/debug/factmark"
if [ -n "${CARGO_TARGET_DIR:-}" ]; then factmark="$CARGO_TARGET_DIR/debug/factmark"; fi

python3 -m venv "$scratch/venv"
# shellcheck disable=SC1091
. "$scratch/venv/bin/activate"
python -m pip install --quiet --disable-pip-version-check --upgrade pip
python -m pip install --quiet --disable-pip-version-check -r "$here/requirements.txt"

export FACTMARK="$factmark"
export INTEROP_SESSIONS="$here/sessions"
export INTEROP_OUT="$scratch/out"
mkdir -p "$INTEROP_OUT"

status=0
for check in "$here"/check_*.py; do
  [ -e "$check" ] || continue
  name="$(basename "$check" .py)"
  echo "== $name"
  if ! python "$check"; then
    echo "FAILED: $name"
    status=1
  fi
done
exit $status
