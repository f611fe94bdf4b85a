#!/usr/bin/env bash
# Package checks on the packed tarball:
#   1. pack (fails when package.json points at a file the tarball lacks; nothing else can run),
#   2. publint --strict, which must report nothing at all,
#   3. Are the Types Wrong? in every resolution mode (node10, node16 CJS and ESM, bundler),
#   4. the dist smoke test: install the tarball into a consumer project, import and require
#      every subpath, run the fixtures through every adapter and the CLI.
# Steps 2-4 all run, so one CI log shows every problem; the script fails if any of them did.
# Needs a built dist/ (`npm run build`). Usage: npm run check:package
set -euo pipefail
cd "$(dirname "$0")/.."

work="$(mktemp -d "${TMPDIR:-/tmp}/vfw-package-XXXXXX")"
trap 'rm -rf "$work"' EXIT

echo '== npm pack'
tarball="$(node scripts/lib/pack.mjs "$work")"
echo "$tarball"

publint_strict() {
  npx --no-install publint run --strict "$tarball" | tee "$work/publint.log"
  # Suggestions do not change publint's exit code; the bar here is that it has nothing to say.
  grep -q 'All good!' "$work/publint.log"
}

attw_all_modes() {
  npx --no-install attw "$tarball" --profile strict --format table-flipped --no-emoji --no-color
}

dist_smoke() {
  node scripts/lib/dist-smoke.mjs "$tarball"
}

failed=()
for check in publint_strict attw_all_modes dist_smoke; do
  echo "== $check"
  "$check" || failed+=("$check")
done

if ((${#failed[@]} > 0)); then
  echo "FAILED: ${failed[*]}"
  exit 1
fi
echo 'package checks passed'
