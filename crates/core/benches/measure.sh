#!/usr/bin/env bash
# Measures what the README's Performance section reports: the criterion medians of `validate`
# (1,000 and 10,000 functions) and `import` (5 MB), then the whole `ggaccess check` process on a
# generated 5 MB document (wall time, CPU time, peak memory), three runs each.
# Usage: crates/core/benches/measure.sh   (from anywhere; needs /usr/bin/time and python3)
set -euo pipefail
cd "$(dirname "$0")/../../.."

cargo bench -p ggaccess-core --bench validate --bench import

median() {
  python3 -c 'import json,sys; print("%.3f ms" % (json.load(open(sys.argv[1]))["median"]["point_estimate"] / 1e6))' \
    "target/criterion/$1/new/estimates.json"
}
small=$(median validate/functions/1000)
large=$(median validate/functions/10000)
echo "validate, 1,000 functions:  median $small"
echo "validate, 10,000 functions: median $large"
echo "ratio: $(python3 -c "print(round(${large% ms} / ${small% ms}, 1))")"
echo "import, 5 MB:               median $(median import/5MB)"

cargo build --release -p ggaccess-cli -p ggaccess-core --example generate
big=target/big.json
target/release/examples/generate 5MB > "$big"
echo "document: $(wc -c < "$big") bytes"
for run in 1 2 3; do
  /usr/bin/time -f "check, run $run: %e s wall, %U s user + %S s system, peak RSS %M KB, exit %x" \
    target/release/ggaccess check "$big" > /dev/null || true
done
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
