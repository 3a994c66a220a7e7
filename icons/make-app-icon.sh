#!/usr/bin/env bash
# Renders the application icon (src/main/resources/dev/flowsim/icons/app/flowsim.svg) to the PNG
# sizes, the Windows .ico and the macOS .icns that are committed next to it. Run it after editing
# the SVG; the build does not run it (its outputs are committed).
# Needs: rsvg-convert (Debian librsvg2-bin), ImageMagick convert, png2icns (Debian icnsutils).
set -euo pipefail
dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/src/main/resources/dev/flowsim/icons/app"
svg="$dir/flowsim.svg"
for tool in rsvg-convert convert png2icns; do
  command -v "$tool" >/dev/null || { echo "make-app-icon: needs $tool" >&2; exit 2; }
done

sizes=(16 24 32 48 64 128 256 512)
for s in "${sizes[@]}"; do
  rsvg-convert --width "$s" --height "$s" --format png "$svg" --output "$dir/flowsim-$s.png"
done

# Windows: one .ico holding 16..256 (256 stored as PNG by ImageMagick)
convert "$dir"/flowsim-{16,24,32,48,64,128,256}.png "$dir/flowsim.ico"
# macOS: png2icns takes the sizes it knows (16, 32, 48, 128, 256, 512)
png2icns "$dir/flowsim.icns" "$dir"/flowsim-{16,32,48,128,256,512}.png >/dev/null
ls -l "$dir"
