#!/usr/bin/env bash
# Renders every journey of bpmn/ to src/docs/images/<name>.png for the README, with bpmn-js (npm)
# in Debian's headless Chromium. Run from the project root: bash src/docs/render-diagrams.sh
set -euo pipefail
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm init -y >/dev/null && npm install --no-audit --no-fund bpmn-js@17 >/dev/null)
for diagram in bpmn/*.bpmn; do
  name=$(basename "$diagram" .bpmn)
  python3 - "$diagram" "$work/$name.html" <<'PY'
import json, sys
xml = open(sys.argv[1], encoding="utf-8").read()
open(sys.argv[2], "w", encoding="utf-8").write("""<!doctype html><html><head><meta charset="utf-8">
<link rel="stylesheet" href="node_modules/bpmn-js/dist/assets/diagram-js.css">
<link rel="stylesheet" href="node_modules/bpmn-js/dist/assets/bpmn-js.css">
<link rel="stylesheet" href="node_modules/bpmn-js/dist/assets/bpmn-font/css/bpmn-embedded.css">
<style>html,body{margin:0;background:#fff}#canvas{width:1440px;height:520px}</style>
<script src="node_modules/bpmn-js/dist/bpmn-viewer.production.min.js"></script></head>
<body><div id="canvas"></div><script>
const viewer = new BpmnJS({container: '#canvas'});
viewer.importXML(%s).then(() => viewer.get('canvas').zoom('fit-viewport', 'auto'),
  e => document.body.innerText = 'ERROR ' + e);
</script></body></html>""" % json.dumps(xml))
PY
  chromium --headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage --disable-background-networking \
    --disable-component-update --disable-sync --no-first-run --user-data-dir="$work/chromium" \
    --allow-file-access-from-files --virtual-time-budget=5000 --window-size=1440,520 \
    --screenshot="src/docs/images/$name.png" "file://$work/$name.html" 2>/dev/null
  echo "src/docs/images/$name.png"
done
