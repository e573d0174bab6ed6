#!/bin/sh
# Render a Word file's pages to PNG with LibreOffice, to look at what a secretary will see.
# Usage: scripts/render_docx.sh rapport.docx [OUTDIR]   (needs soffice and pdftoppm)
set -eu
docx=$1
out=${2:-$(dirname "$docx")}
command -v soffice >/dev/null || { echo "soffice (LibreOffice) is not installed" >&2; exit 1; }
command -v pdftoppm >/dev/null || { echo "pdftoppm (poppler-utils) is not installed" >&2; exit 1; }
soffice --headless --convert-to pdf --outdir "$out" "$docx" >/dev/null
pdf="$out/$(basename "${docx%.*}").pdf"
pdftoppm -r 80 -png "$pdf" "$out/page"
ls "$out"/page-*.png
