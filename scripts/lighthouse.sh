#!/usr/bin/env bash
# Lighthouse 12 (mobile emulation and throttling, its defaults) against a running
# server: prints Performance, Accessibility, Best Practices and SEO for each URL.
# A benchmark, not a test. Lighthouse 13 needs Node 22, so the version is pinned.
#
#   scripts/lighthouse.sh http://127.0.0.1:8001/en/ http://127.0.0.1:8001/en/news/12-some-story/
#
# Measure a production-like server (DJANGO_DEBUG unset, collectstatic, gunicorn),
# not runserver: it serves static files uncompressed and without far-future caching.
# Full JSON reports are kept in $LIGHTHOUSE_OUT (default: a new temporary folder).
set -euo pipefail

if (($# == 0)); then
    echo "usage: $0 URL [URL...]" >&2
    exit 2
fi
export CHROME_PATH="${CHROME_PATH:-/usr/bin/chromium}"
out="${LIGHTHOUSE_OUT:-$(mktemp -d -t lighthouse-XXXXXX)}"
mkdir -p "$out"

printf '%-70s %5s %5s %5s %5s\n' "URL" "Perf" "A11y" "BP" "SEO"
n=0
for url in "$@"; do
    n=$((n + 1))
    report="$out/report-$n.json"
    npx --yes lighthouse@12.2.3 "$url" \
        --quiet \
        --output=json --output-path="$report" \
        --only-categories=performance,accessibility,best-practices,seo \
        --chrome-flags="--headless=new --no-sandbox --disable-gpu --disable-background-networking" \
        >/dev/null
    node -e '
        const report = require(process.argv[1]);
        const score = (id) => Math.round(report.categories[id].score * 100);
        const row = [score("performance"), score("accessibility"), score("best-practices"), score("seo")];
        console.log(process.argv[2].padEnd(70).slice(0, 70), ...row.map((s) => String(s).padStart(5)));
        for (const [id, audit] of Object.entries(report.audits)) {
            if (audit.score !== null && audit.score < 0.9 && audit.scoreDisplayMode !== "informative"
                && audit.scoreDisplayMode !== "manual" && audit.scoreDisplayMode !== "notApplicable") {
                console.log("    below 90:", id, "-", audit.title, audit.displayValue ? `(${audit.displayValue})` : "");
            }
        }
    ' "$report" "$url"
done
echo "Reports: $out"
