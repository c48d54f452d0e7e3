"""Fan `npm run score` out over a FineHARD release with Ray Data: one CLI process per task.

A task is one jsonfile and one `--shard i/n` slice of it, sized by bytes so tasks take similar
time; each writes one parquet file, `<out>/<jsonfile stem>.<i>-of-<n>.parquet`. Outputs that
already exist are skipped, so a failed or interrupted job is resumed by running it again.

Every worker node needs this project checked out at --app (same path) with `npm ci` done (on GPU
nodes: `npm ci --onnxruntime-node-install=cuda12`), Node 20+, and the jsonfiles, images and model
package on a shared filesystem. See docs/scale-out.md. Written against Ray Data 2.x; not run in
the project's own environment, which has no Ray.

    python scripts/scale-out/ray_score.py --app /opt/finehard-explorer \
        --jsonfiles '/data/FineHARD/jsonfiles/*.json' --images /data/FineHARD/grit-12m \
        --model /models/fg-clip-base-package --out /data/FineHARD-scores/fg-clip-base \
        --gpus-per-task 0.125
"""
import argparse
import glob
import json
import math
import os
import subprocess
import time

import ray


def plan(jsonfiles, out_dir, bytes_per_task):
    """(jsonfile, i, n, output) for every slice; n grows with the file so tasks are alike in size."""
    tasks = []
    for path in sorted(jsonfiles):
        n = max(1, math.ceil(os.path.getsize(path) / bytes_per_task))
        stem = os.path.splitext(os.path.basename(path))[0]
        for i in range(n):
            tasks.append({"jsonfile": path, "shard": f"{i}/{n}", "out": os.path.join(out_dir, f"{stem}.{i}-of-{n}.parquet")})
    return tasks


def make_scorer(args):
    def score(task):
        if os.path.exists(task["out"]):
            return {**task, "status": "exists", "seconds": 0.0, "report": ""}
        partial = task["out"] + ".partial"
        command = ["node", "--import", "tsx", "scripts/score.ts", task["jsonfile"], "--model", args.model,
                   "--out", partial, "--shard", task["shard"], "--provider", args.provider, "--threads", str(args.threads),
                   "--batch", str(args.batch)]
        for images in args.images:
            command += ["--images", images]
        started = time.time()
        result = subprocess.run(command, cwd=args.app, capture_output=True, text=True)
        if result.returncode == 0:
            # The parquet appears under its final name only when complete.
            os.replace(partial, task["out"])
        report = result.stdout if result.returncode == 0 else result.stderr[-4000:]
        return {**task, "status": "ok" if result.returncode == 0 else f"exit {result.returncode}",
                "seconds": time.time() - started, "report": report}
    return score


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--app", required=True, help="this project's folder on every node")
    parser.add_argument("--jsonfiles", required=True, help="glob of the release's jsonfiles")
    parser.add_argument("--images", required=True, action="append", help="image folder or parquet shard (repeatable)")
    parser.add_argument("--model", required=True, help="converted model package folder")
    parser.add_argument("--out", required=True, help="folder for the score parquet files")
    parser.add_argument("--bytes-per-task", type=float, default=64e6, help="jsonfile bytes per task (default 64 MB)")
    parser.add_argument("--provider", default="cpu", help="onnxruntime-node provider: cpu or cuda")
    parser.add_argument("--threads", type=int, default=1, help="CPUs per task (also the CLI's --threads)")
    parser.add_argument("--gpus-per-task", type=float, default=0.0,
                        help="GPU share per task, e.g. 0.125 = 8 CLI processes per GPU (each decodes JPEGs on one core)")
    parser.add_argument("--batch", type=int, default=32, help="images per image-graph run")
    args = parser.parse_args()
    if args.gpus_per_task > 0 and args.provider == "cpu":
        args.provider = "cuda"

    os.makedirs(args.out, exist_ok=True)
    tasks = plan(glob.glob(args.jsonfiles), args.out, args.bytes_per_task)
    print(f"{len(tasks)} tasks over {len({t['jsonfile'] for t in tasks})} jsonfiles")

    ray.init()
    resources = {"num_gpus": args.gpus_per_task} if args.gpus_per_task > 0 else {"num_cpus": args.threads}
    # One row per task and one task per block, so Ray schedules CLI runs individually.
    ds = ray.data.from_items(tasks, override_num_blocks=len(tasks))
    results = ds.map(make_scorer(args), max_retries=2, **resources).take_all()

    failed = [r for r in results if r["status"] not in ("ok", "exists")]
    with open(os.path.join(args.out, "_runs.json"), "w") as f:
        json.dump(results, f, indent=1)
    print(f"done: {len(results) - len(failed)} ok, {len(failed)} failed (details in {args.out}/_runs.json)")
    for r in failed:
        print(f"  {r['jsonfile']} {r['shard']}: {r['status']}\n{r['report']}")


if __name__ == "__main__":
    main()
