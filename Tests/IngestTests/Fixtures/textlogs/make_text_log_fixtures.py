#!/usr/bin/env python3
"""Make the text-log fixtures: the stdout of one small real training (a character-level MLP on Python's
own sources, torch on CPU) printed with each producer's own format strings, copied from their sources:

  megatron.log     Megatron-LM training.py training_log / evaluate_and_print_results
  nanogpt.log      nanoGPT train.py ("iter N: loss ..., time ...ms, mfu ...%", "step N: train loss ..., val loss ...")
  llmc.log         llm.c train_gpt2.py ("step N/M | train loss ... | norm ... | lr ... | (... ms | ... tok/s)", "val loss ...")
  torchtune.log    torchtune DiskLogger ("Step N | name:value ...")
  fairseq.log      fairseq SimpleProgressBar through Python logging (train_inner and valid lines)
  keras.log        Keras 2 Progbar under model.fit(verbose=1) written to a file, two fit() calls (a relaunch)
  global-step.log  a custom TF-style logger ("Global step N. Time: ..., loss: ..., perplexity: ..."),
                   relaunched twice from its last checkpoint (the step goes back), then out of memory.

Values are the real losses, learning rates and gradient norms of the training; times are measured.
Usage: /work/venv/bin/python Tests/IngestTests/Fixtures/textlogs/make_text_log_fixtures.py
"""
import argparse
import datetime
import inspect
import math
import os
import textwrap
import time

import torch

HERE = os.path.dirname(os.path.abspath(__file__))
torch.manual_seed(0)
torch.set_num_threads(1)


def training(steps=120, lr=3e-3):
    """A small real training: yields (step, loss, lr, grad_norm, seconds, eval_loss or None)."""
    text = "".join(inspect.getsource(m) for m in (argparse, textwrap))
    chars = sorted(set(text))
    ids = torch.tensor([chars.index(c) for c in text])
    n_train = int(len(ids) * 0.9)
    model = torch.nn.Sequential(torch.nn.Embedding(len(chars), 32), torch.nn.Flatten(), torch.nn.Linear(32 * 8, 128),
                                torch.nn.ReLU(), torch.nn.Linear(128, len(chars)))
    opt = torch.optim.AdamW(model.parameters(), lr=lr)
    sched = torch.optim.lr_scheduler.LambdaLR(opt, lambda s: min(1.0, (s + 1) / 10) * 0.5 * (1 + math.cos(math.pi * s / steps)))
    g = torch.Generator().manual_seed(0)

    def batch(lo, hi):
        ix = torch.randint(lo, hi - 9, (64,), generator=g)
        return torch.stack([ids[i:i + 8] for i in ix]), ids[ix + 8]

    for step in range(1, steps + 1):
        t0 = time.time()
        x, y = batch(0, n_train)
        loss = torch.nn.functional.cross_entropy(model(x), y)
        opt.zero_grad()
        loss.backward()
        norm = float(torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0))
        current_lr = sched.get_last_lr()[0]
        opt.step()
        sched.step()
        eval_loss = None
        if step % 20 == 0:
            with torch.no_grad():
                xv, yv = batch(n_train, len(ids))
                eval_loss = float(torch.nn.functional.cross_entropy(model(xv), yv))
        yield step, loss.item(), current_lr, norm, time.time() - t0, eval_loss


START = datetime.datetime(2026, 1, 15, 10, 30, 0)


def stamp(seconds):
    return (START + datetime.timedelta(seconds=seconds)).strftime("%Y-%m-%d %H:%M:%S")


def megatron(rows, out):
    steps = len(rows)
    out.append("> building GPT model ...")
    out.append("[after dataloaders are built] datetime: " + stamp(0))
    out.append("done with setup ...")
    out.append("training ...")
    clock = 0.0
    for step, loss, lr, norm, dt, ev in rows:
        clock += dt * 50
        if step % 5 == 0:
            log = f" [{stamp(clock)}]"
            log += " iteration {:8d}/{:8d} |".format(step, steps)
            log += " consumed samples: {:12d} |".format(step * 64)
            log += " elapsed time per iteration (ms): {:.1f} |".format(dt * 50000)
            log += f" throughput per GPU (TFLOP/s/GPU): {0.002 / dt:.1f} |"
            log += " learning rate: {:.6E} |".format(lr)
            log += " global batch size: {:5d} |".format(64)
            log += " lm loss: {:.6E} |".format(loss)
            log += " loss scale: {:.1f} |".format(1.0)
            log += " grad norm: {:.3f} |".format(norm)
            log += " number of skipped iterations: {:3d} |".format(0)
            log += " number of nan iterations: {:3d} |".format(0)
            out.append(log)
        if ev is not None:
            out.append("-" * 100)
            out.append(" validation loss at iteration {} | lm loss value: {:.6E} | lm loss PPL: {:.6E} | ".format(step, ev, math.exp(ev)))
            out.append("-" * 100)
    out.append("[after training is done] datetime: " + stamp(clock))


def nanogpt(rows, out):
    out.append("Initializing a new model from scratch")
    out.append("number of parameters: 0.05M")
    for step, loss, lr, norm, dt, ev in rows:
        if ev is not None:
            out.append(f"step {step}: train loss {loss:.4f}, val loss {ev:.4f}")
        out.append(f"iter {step}: loss {loss:.4f}, time {dt * 1000:.2f}ms, mfu {0.8 + step / 1000:.2f}%")


def llmc(rows, out):
    steps = len(rows)
    for step, loss, lr, norm, dt, ev in rows:
        if ev is not None:
            out.append(f"val loss {ev}")
        out.append(f"step {step:4d}/{steps} | train loss {loss:.6f} | norm {norm:.4f} | lr {lr:.2e} | ({dt * 1000:.2f} ms | {64 * 8 / dt:.0f} tok/s)")


def torchtune(rows, out):
    for step, loss, lr, norm, dt, ev in rows:
        line = f"Step {step} | "
        for name, data in (("loss", loss), ("lr", lr), ("grad_norm", norm), ("tokens_per_second_per_gpu", 512 / dt)):
            line += f"{name}:{data} "
        out.append(line)


def fairseq(rows, out):
    steps = len(rows)
    clock = 0.0
    out.append(f"{stamp(0)} | INFO | fairseq_cli.train | begin training epoch 1")
    for step, loss, lr, norm, dt, ev in rows:
        clock += dt
        if step % 10 == 0:
            stats = (f"loss={loss / math.log(2):.3f}, nll_loss={loss / math.log(2):.3f}, ppl={2 ** (loss / math.log(2)):.2f}, "
                     f"wps={512 / dt:.0f}, ups={1 / dt:.2f}, wpb=512, bsz=64, num_updates={step}, lr={lr:.4g}, "
                     f"gnorm={norm:.3f}, train_wall={clock:.0f}, gb_free=10.2, wall={clock:.0f}")
            out.append(f"{stamp(clock)} | INFO | train_inner | epoch 001:  {step:5d} / {steps} {stats}")
        if ev is not None:
            out.append(f"{stamp(clock)} | INFO | valid | epoch 001 | valid on 'valid' subset | loss {ev / math.log(2):.3f} | "
                       f"nll_loss {ev / math.log(2):.3f} | ppl {2 ** (ev / math.log(2)):.2f} | wps 9000 | wpb 512 | bsz 64 | num_updates {step}")


def keras(rows, out):
    epochs, per_epoch = 6, 20
    for fit in range(2):  # a second model.fit() call starts again at epoch 1
        first = 0 if fit == 0 else 60
        for e in range(1, (epochs if fit == 0 else 3) + 1):
            chunk = rows[first + (e - 1) * per_epoch % len(rows): first + e * per_epoch]
            if not chunk:
                break
            loss = sum(r[1] for r in chunk) / len(chunk)
            ev = next((r[5] for r in chunk if r[5] is not None), loss + 0.1)
            ms = sum(r[4] for r in chunk) / len(chunk) * 1000
            out.append(f"Epoch {e}/{epochs}")
            out.append(f"{per_epoch}/{per_epoch} [==============================] - {ms * per_epoch / 1000:.0f}s {ms:.0f}ms/step"
                       f" - loss: {loss:.4f} - accuracy: {max(0.0, 1 - loss / 4):.4f} - val_loss: {ev:.4f} - val_accuracy: {max(0.0, 1 - ev / 4):.4f}")


def global_step(rows, out):
    # Launch 1 runs to step 80, launch 2 resumes from the checkpoint at 60, launch 3 from 100 and runs out of memory.
    launches = [(1, 80), (61, 110), (101, 120)]
    for n, (lo, hi) in enumerate(launches):
        out.append(f"Starting training (launch {n + 1})" + ("" if n == 0 else f", restoring checkpoint at step {lo - 1}"))
        for step, loss, lr, norm, dt, ev in rows[lo - 1:hi]:
            if step % 5 == 0:
                out.append(f"Global step {step}. Time: {dt:.2f}, loss: {loss:.4f}, perplexity: {math.exp(loss):.2f}")
    out.append("Traceback (most recent call last):")
    out.append('  File "train.py", line 212, in <module>')
    out.append("tensorflow.python.framework.errors_impl.ResourceExhaustedError: OOM when allocating tensor with shape[512,50000]")


def main():
    rows = list(training())
    for name, make in (("megatron.log", megatron), ("nanogpt.log", nanogpt), ("llmc.log", llmc), ("torchtune.log", torchtune),
                       ("fairseq.log", fairseq), ("keras.log", keras), ("global-step.log", global_step)):
        out = []
        make(rows, out)
        with open(os.path.join(HERE, name), "w") as f:
            f.write("\n".join(out) + "\n")
        print(name, len(out), "lines")


if __name__ == "__main__":
    main()
