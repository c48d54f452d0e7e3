#!/usr/bin/env bash
# The demo model, end to end, seeded: generate scenes → tokenizer → train (CPU) → HF checkpoint →
# evaluate on held-out scenes → convert into public/demo/model/ → docs/demo-model.md.
#
#   bash scripts/demo-model/train.sh            (≈ 28 min on 2 cores; WORK=/tmp/demo-model)
#
# Environment: WORK (scratch folder), TRAIN_SEED (7), TRAIN_COUNT (10000), EVAL_SEED (2),
# EVAL_COUNT (1000), STEPS (1800), BUDGET_MIN (24: the schedule ends early if the machine is slower).
set -euo pipefail
cd "$(dirname "$0")/../.."

WORK=${WORK:-/tmp/demo-model}
TRAIN_SEED=${TRAIN_SEED:-7}
TRAIN_COUNT=${TRAIN_COUNT:-10000}
EVAL_SEED=${EVAL_SEED:-2}
EVAL_COUNT=${EVAL_COUNT:-1000}
STEPS=${STEPS:-1800}
BUDGET_MIN=${BUDGET_MIN:-24}
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

echo "== train"
$PY $HERE/train.py --train "$WORK/train-a" "$WORK/train-b" --tokenizer "$WORK/tokenizer.json" --out "$WORK/checkpoint" \
  --seed "$TRAIN_SEED" --steps "$STEPS" --budget-min "$BUDGET_MIN" --batch 16 --lr 1.5e-3 --warmup 60 --w-hard 2.0 --log "$WORK/train-log.json"

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
