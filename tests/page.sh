#!/usr/bin/env bash
# Opens the shareable progress page (`ebb progress --html`) in headless
# Chromium and checks what a clinician's browser shows: the period with its
# dates and year, labelled axes, and every count as text. Leaves a
# screenshot at target/progress-page.png.
set -euo pipefail
cd "$(dirname "$0")/.."
source tests/toolchains.sh
ensure_chromium
EBB_CHROMIUM=/usr/bin/chromium cargo test -q -p ebb-cli --locked --test page -- --ignored
