#!/usr/bin/env bash
# Writes the KJV excerpt embedded in the runtime jar: the Book of Genesis, exactly as the start of
# the corpus that dev.hasten.runtime.text.KjvCorpus reads from Debian's bible-kjv package (the same
# command and line width), so that the excerpt is a prefix of the full text. The King James text is
# in the public domain. Needs: apt-get install -y bible-kjv
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bible -l1000 "Gen1:1-Gen50:26" > "$root/runtime/src/main/resources/dev/hasten/runtime/text/kjv-genesis.txt"
