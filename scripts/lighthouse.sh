#!/usr/bin/env bash
# Lighthouse 12 (mobile emulation and throttling, its defaults) against a running
# server: prints Performance, Accessibility, Best Practices and SEO for each URL.
# A benchmark, not a test. Lighthouse 13 needs Node 22, so the version is pinned.
#
#   scripts/lighthouse.sh http://127.0.0.1:8001/en/ http://127.0.0.1:8001/en/news/12-some-story/
#
# Each URL is measured RUNS times (default 3) and the median of each score is
# printed, as Lighthouse's own docs advise: Performance moves with the machine's
# load. "cpu" is Lighthouse's benchmark index of this machine during the runs
# (its mobile throttling assumes roughly 1000-2000; a busy machine scores lower
# and its Performance figure is then pessimistic).
#
# Measure a production-like server (DJANGO_DEBUG unset, collectstatic, gunicorn),
# not runserver: it serves static files uncompressed and without far-future caching.
# Full JSON reports are kept in $LIGHTHOUSE_OUT (default: a new temporary folder).
set -euo pipefail

if (($# == 0)); then
    echo "usage: [RUNS=3] $0 URL [URL...]" >&2
    exit 2
fi
runs="${RUNS:-3}"
export CHROME_PATH="${CHROME_PATH:-/usr/bin/chromium}"
out="${LIGHTHOUSE_OUT:-$(mktemp -d -t lighthouse-XXXXXX)}"
mkdir -p "$out"

printf '%-64s %5s %5s %5s %5s %6s\n' "URL (median of $runs)" "Perf" "A11y" "BP" "SEO" "cpu"
n=0
for url in "$@"; do
    n=$((n + 1))
    reports=()
    for run in $(seq "$runs"); do
        report="$out/page-$n-run-$run.json"
        npx --yes lighthouse@12.2.3 "$url" \
            --quiet \
            --output=json --output-path="$report" \
            --only-categories=performance,accessibility,best-practices,seo \
            --chrome-flags="--headless=new --no-sandbox --disable-gpu --disable-background-networking" \
            >/dev/null
        reports+=("$report")
    done
    node -e '
        const [url, ...files] = process.argv.slice(1);
        const reports = files.map((file) => require(file));
        const median = (values) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)];
        const score = (id) => median(reports.map((r) => Math.round(r.categories[id].score * 100)));
        const cpu = median(reports.map((r) => Math.round(r.environment.benchmarkIndex)));
        const row = [score("performance"), score("accessibility"), score("best-practices"), score("seo"), cpu];
        console.log(url.padEnd(64).slice(0, 64), ...row.map((s, i) => String(s).padStart(i === 4 ? 6 : 5)));
        const failing = new Set();
        for (const report of reports) {
            for (const [id, audit] of Object.entries(report.audits)) {
                if (audit.score !== null && audit.score < 0.9 && audit.scoreDisplayMode === "binary") failing.add(`${id} - ${audit.title}`);
            }
        }
        for (const line of failing) console.log("    failed in a run:", line);
    ' "$url" "${reports[@]}"
done
echo "Reports: $out"
