#!/usr/bin/env bash
# The demo model, end to end, seeded: generate scenes → tokenizer → train (CPU) → HF checkpoint →
# evaluate on held-out scenes → convert into public/demo/model/ → docs/demo-model.md.
#
#   bash scripts/demo-model/train.sh            (≈ 29 min on 2 cores; WORK=/tmp/demo-model)
#
# Environment: WORK (scratch folder), TRAIN_SEED (7), TRAIN_COUNT (10000), EVAL_SEED (2),
# EVAL_COUNT (1000), STEPS (6000: an upper bound), TOTAL_MIN (29: the whole command's budget; the
# training budget is what is left of it after data generation, minus RESERVE_MIN (1.5) for loading,
# evaluation, conversion and the report), or BUDGET_MIN to fix the training budget directly.
# The cosine schedule ends at the budget, so a slower machine runs fewer steps instead of overrunning.
set -euo pipefail
cd "$(dirname "$0")/../.."

WORK=${WORK:-/tmp/demo-model}
TRAIN_SEED=${TRAIN_SEED:-7}
TRAIN_COUNT=${TRAIN_COUNT:-10000}
EVAL_SEED=${EVAL_SEED:-2}
EVAL_COUNT=${EVAL_COUNT:-1000}
STEPS=${STEPS:-6000}
TOTAL_MIN=${TOTAL_MIN:-29}
RESERVE_MIN=${RESERVE_MIN:-1.5}
PY=/usr/bin/python3
HERE=scripts/demo-model
START=$(date +%s)

rm -rf "$WORK"
mkdir -p "$WORK"
HALF=$((TRAIN_COUNT / 2))
echo "== data: train seed $TRAIN_SEED × $TRAIN_COUNT, held-out seed $EVAL_SEED × $EVAL_COUNT (320×240, JPEG q80)"
npx tsx $HERE/genData.ts --seed "$TRAIN_SEED" --start 0 --count "$HALF" --out "$WORK/train-a" &
A=$!
npx tsx $HERE/genData.ts --seed "$TRAIN_SEED" --start "$HALF" --count "$((TRAIN_COUNT - HALF))" --out "$WORK/train-b" &
B=$!
wait $A
wait $B
npx tsx $HERE/genData.ts --seed "$EVAL_SEED" --start 0 --count "$EVAL_COUNT" --out "$WORK/eval"

echo "== tokenizer"
npx tsx $HERE/makeTokenizer.ts "$WORK/tokenizer.json" "$WORK/train-a/records.json" "$WORK/train-b/records.json" \
  "$WORK/eval/records.json" public/demo/jsonfiles/demo_results.json

if [ -z "${BUDGET_MIN:-}" ]; then
  BUDGET_MIN=$(awk -v t="$TOTAL_MIN" -v r="$RESERVE_MIN" -v e="$(( $(date +%s) - START ))" 'BEGIN { printf "%.2f", t - r - e / 60 }')
fi
echo "== train (budget $BUDGET_MIN min)"
$PY $HERE/train.py --train "$WORK/train-a" "$WORK/train-b" --tokenizer "$WORK/tokenizer.json" --out "$WORK/checkpoint" \
  --seed "$TRAIN_SEED" --steps "$STEPS" --budget-min "$BUDGET_MIN" --batch 16 --lr 1.5e-3 --warmup 100 --w-hard 2.0 --long-frac 0.5 --log "$WORK/train-log.json"

echo "== evaluate"
$PY $HERE/evaluate.py --ckpt "$WORK/checkpoint" --data "$WORK/eval" --out "$WORK/eval.json" --subset 100

echo "== convert"
rm -rf public/demo/model
npx tsx scripts/convert.ts "$WORK/checkpoint" public/demo/model --dtype fp32 --name "FineHARD demo FG-CLIP (trained on generated scenes)"

END=$(date +%s)
echo "== report"
$PY $HERE/report.py --work "$WORK" --package public/demo/model --total-seconds "$((END - START))" \
  --eval-seed "$EVAL_SEED" --eval-count "$EVAL_COUNT" --train-seed "$TRAIN_SEED" --train-count "$TRAIN_COUNT" \
  --out docs/demo-model.md --expected $HERE/expected.json
echo "done in $(( ($(date +%s) - START) / 60 )) min"
