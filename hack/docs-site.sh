#!/usr/bin/env bash
# The collection's documentation site, built from its specs with antsibull-docs and Sphinx into
# .cache/docs-site/build/html, then looked at:
#   - Sphinx must print no warning of ours. Built offline, the links to ansible-core's own pages
#     (ansible.builtin modules, the common return values, the configuration settings, the page on
#     action plugins that a module with an action plugin links to) cannot be
#     resolved; those warnings, and only those, are accepted.
#   - each role's page shows every option of its main entry point;
#   - headless Chromium (Debian's package, installed when missing) renders the gunicorn role's
#     page to .cache/docs-site/gunicorn_role.png, which must be a real picture of it.
set -euo pipefail
cd "$(dirname "$0")/.."
export ANSIBLE_COLLECTIONS_PATH=${ANSIBLE_COLLECTIONS_PATH:-$PWD/.cache/collections}
out=$PWD/.cache/docs-site
rm -rf "$out"
mkdir -p "$out/rst"
chmod 700 "$out" "$out/rst"  # antsibull-docs wants its directory writable by its owner only

antsibull-docs --config-file docs/site/antsibull-docs.cfg collection --use-current \
  --dest-dir "$out/rst" greenunicorn.gunicorn > "$out/antsibull-docs.log" 2>&1 \
  || { cat "$out/antsibull-docs.log"; exit 1; }
cp docs/site/index.rst "$out/rst/index.rst"
sphinx-build -q -b html -c docs/site "$out/rst" "$out/build/html" 2> "$out/sphinx-warnings.log" \
  || { cat "$out/sphinx-warnings.log"; exit 1; }
external="undefined label: '(ansible_collections\.ansible\.builtin\.[a-z_]+_module|common_return_values|ansible_configuration_settings|action_plugins)'"
ours=$(grep -i 'warning\|error' "$out/sphinx-warnings.log" | grep -v -E "$external" || true)
if [ -n "$ours" ]; then
  echo "Sphinx warnings of the collection's documentation:" >&2
  echo "$ours" >&2
  exit 1
fi
echo "sphinx-build: $(find "$out/build/html" -name '*.html' | wc -l) pages, no warning of ours ($(grep -c -E "$external" "$out/sphinx-warnings.log" || true) links to ansible-core's pages left unresolved offline)"

html=$out/build/html/collections/greenunicorn/gunicorn
for role in gunicorn nginx_proxy; do
  page=$html/${role}_role.html
  missing=$(python3 - "$page" "roles/$role/meta/argument_specs.yml" <<'PY'
import html, re, sys, yaml
text = html.unescape(re.sub(r"<[^>]+>", " ", open(sys.argv[1], encoding="utf-8").read()))
options = yaml.safe_load(open(sys.argv[2]))["argument_specs"]["main"]["options"]
print(" ".join(o for o in options if not re.search(r"\b%s\b" % re.escape(o), text)))
PY
)
  [ -z "$missing" ] || { echo "ERROR: $page does not show $missing" >&2; exit 1; }
  echo "$(basename "$page"): every option of the main entry point is on the page"
done

if ! command -v chromium >/dev/null 2>&1; then
  echo "installing chromium from the Debian archive (for the screenshot)"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium > "$out/chromium-install.log" 2>&1 \
    || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium > "$out/chromium-install.log" 2>&1; }
fi
shot=$out/gunicorn_role.png
timeout 120 chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size=1280,1600 \
  --screenshot="$shot" "file://$html/gunicorn_role.html" > "$out/chromium.log" 2>&1 \
  || { cat "$out/chromium.log"; exit 1; }
python3 - "$shot" <<'PY'
import struct, sys, zlib
data = open(sys.argv[1], "rb").read()
assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
chunks, pos = [], 8
while pos < len(data):
    length, kind = struct.unpack(">I4s", data[pos:pos + 8])
    chunks.append((kind, data[pos + 8:pos + 8 + length]))
    pos += 12 + length
width, height = struct.unpack(">II", dict(chunks)[b"IHDR"][:8])
assert (width, height) == (1280, 1600), (width, height)
# a rendered page, not a blank one: its pixels hold many different values
pixels = zlib.decompress(b"".join(body for kind, body in chunks if kind == b"IDAT"))
assert len(set(pixels)) > 64, "the page looks blank"
print(f"screenshot {sys.argv[1]}: {width}x{height}, {len(data) // 1024} KiB, {len(set(pixels))} byte values")
PY
