#!/usr/bin/env bash
# Renders jinguo.svg into the PNG sizes the desktop's icon theme wants
# (hicolor). The PNGs are committed; run this again after editing the SVG.
# Needs rsvg-convert (Debian: librsvg2-bin).
set -euo pipefail
cd "$(dirname "$0")"
for size in 16 24 32 48 64 128 256 512; do
  rsvg-convert -w "$size" -h "$size" jinguo.svg -o "jinguo-$size.png"
done
