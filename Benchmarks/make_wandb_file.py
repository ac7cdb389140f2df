#!/usr/bin/env python3
"""Write a large .wandb file for Benchmarks/wandb.sh with wandb's own protobuf classes and writer.

Each step is what wandb-core writes for an HF Trainer run logging every step: a history record
(train/loss, learning_rate, grad_norm, epoch, global_step and W&B's _step/_timestamp/_runtime) and a
summary record; every 50 steps a stats record (2 GPUs' system metrics) and a console line.

Usage: make_wandb_file.py OUT.wandb TARGET_MB
"""
import json
import math
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Tests", "IngestTests", "Fixtures", "wandb"))
from make_wandb_fixtures import datastore_module  # noqa: E402
from wandb.proto import wandb_internal_pb2 as pb  # noqa: E402


def main():
    out, target = sys.argv[1], float(sys.argv[2]) * 1e6
    ds = datastore_module().DataStore()
    if os.path.exists(out):
        os.remove(out)
    ds.open_for_write(out)
    ds.write(pb.Record(header=pb.HeaderRecord(version_info=pb.VersionInfo(producer="0.31.0"))))
    run = pb.RunRecord(run_id="bench001", project="bench", display_name="bench")
    run.start_time.FromSeconds(1_767_225_600)
    ds.write(pb.Record(run=run))
    step = 0
    while os.path.getsize(out) < target:
        step += 1
        t = 1_767_225_600 + step * 0.5
        values = {"train/loss": 3 * math.exp(-step / 20000) + 0.01 * math.sin(step), "train/learning_rate": 2e-4,
                  "train/grad_norm": 1 / (1 + step / 5000), "train/epoch": step / 10000, "train/global_step": step,
                  "_step": step - 1, "_timestamp": t, "_runtime": step * 0.5}
        h = pb.HistoryRecord()
        s = pb.SummaryRecord()
        for key, value in values.items():
            h.item.add(nested_key=[key], value_json=json.dumps(value))
            s.update.add(nested_key=[key], value_json=json.dumps(value))
        ds.write(pb.Record(history=h))
        ds.write(pb.Record(summary=s))
        if step % 50 == 0:
            st = pb.StatsRecord()
            st.timestamp.FromSeconds(int(t))
            for gpu in range(2):
                for measure, value in (("gpu", 85.5), ("memoryAllocated", 71.25), ("powerWatts", 301.5), ("temp", 66)):
                    st.item.add(key=f"gpu.{gpu}.{measure}", value_json=json.dumps(value))
            st.item.add(key="cpu", value_json="12.5")
            ds.write(pb.Record(stats=st))
            ds.write(pb.Record(output_raw=pb.OutputRawRecord(line=f"{{'loss': {values['train/loss']:.4f}, 'step': {step}}}\n")))
    ds.write(pb.Record(exit=pb.RunExitRecord(exit_code=0)))
    ds.close()
    print(f"{out}: {step} steps, {os.path.getsize(out) / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
