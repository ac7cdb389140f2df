#!/usr/bin/env python3
"""Make trainreport's preference and RL sample runs with TRL itself, on CPU.

Like make_sample_runs.py: a tiny character-level GPT-2 (2 layers, 64 wide) built from a config,
a character tokenizer built in process (nothing is downloaded), text from Python's own standard
library. TRL's `DPOTrainer` and `GRPOTrainer` write the trainer_state.json files, with the keys they
really log (`rewards/margins`, `logps/chosen`, `reward`, `frac_reward_zero_std`, `kl`, `entropy`,
`completions/mean_length`...). Only trainer_state.json and config.json are kept.

Runs:
  trl-dpo-gpt2    DPO on pairs (chosen = the real continuation of a line of source code,
                  rejected = the same characters shuffled); the policy first had 150 steps of
                  language-model pre-training so both policy and reference can read code.
  trl-grpo-gpt2   GRPO with a rule reward (the share of `e` characters in the completion, the
                  completion capped at 24 characters), 4 generations per prompt, beta 0.04 (KL logged).
  trl-grpo-collapse  GRPO with updates far too large (learning_rate 1e-2, beta 0, num_iterations 2)
                  and a reward for varied text (distinct characters of 24): the reward climbs, then
                  the policy collapses into repetitive text and the reward falls below its start.

Usage:  python3 SampleRuns/make_trl_runs.py [--out DIR] [--only RUN ...]
"""

from __future__ import annotations

import argparse
import contextlib
import inspect
import os
import random
import shutil
import sys
import tempfile
import textwrap
import time

import torch

torch.set_num_threads(1)

import transformers  # noqa: E402
from datasets import Dataset  # noqa: E402
from tokenizers import Regex, Tokenizer, decoders, models, pre_tokenizers  # noqa: E402
from transformers import GPT2Config, GPT2LMHeadModel, PreTrainedTokenizerFast  # noqa: E402

import trl  # noqa: E402
from trl import DPOConfig, DPOTrainer, GRPOConfig, GRPOTrainer  # noqa: E402

transformers.logging.set_verbosity_error()
transformers.logging.disable_progress_bar()

HERE = os.path.dirname(os.path.abspath(__file__))
SEQ_LEN = 96


def char_tokenizer(text: str) -> PreTrainedTokenizerFast:
    """One token per character (plus <pad>, <eos>, <unk>), decoded by joining characters."""
    chars = sorted(set(text))
    vocab = {"<pad>": 0, "<eos>": 1, "<unk>": 2}
    for c in chars:
        vocab.setdefault(c, len(vocab))
    tok = Tokenizer(models.WordLevel(vocab, unk_token="<unk>"))
    tok.pre_tokenizer = pre_tokenizers.Split(Regex(r"[\s\S]"), behavior="isolated")
    tok.decoder = decoders.Fuse()
    fast = PreTrainedTokenizerFast(tokenizer_object=tok, pad_token="<pad>", eos_token="<eos>", unk_token="<unk>")
    fast.model_max_length = SEQ_LEN
    return fast


def tiny_gpt2(tokenizer, seed: int) -> GPT2LMHeadModel:
    torch.manual_seed(seed)
    config = GPT2Config(n_layer=2, n_embd=64, n_head=2, n_positions=SEQ_LEN, vocab_size=len(tokenizer),
                        bos_token_id=tokenizer.eos_token_id, eos_token_id=tokenizer.eos_token_id,
                        pad_token_id=tokenizer.pad_token_id)
    return GPT2LMHeadModel(config)


def source_lines(seed: int, n: int) -> list[str]:
    text = "".join(inspect.getsource(m) for m in (argparse, textwrap))
    lines = [l.strip() for l in text.splitlines() if 24 <= len(l.strip()) <= 60]
    random.Random(seed).shuffle(lines)
    return lines[:n]


def pretrain(model, tokenizer, lines: list[str], steps: int, seed: int) -> None:
    """A few language-model steps so the policy (and its reference copy) can read source code."""
    g = torch.Generator().manual_seed(seed)
    opt = torch.optim.AdamW(model.parameters(), lr=3e-3)
    ids = [torch.tensor(tokenizer(l)["input_ids"] + [tokenizer.eos_token_id]) for l in lines]
    model.train()
    for _ in range(steps):
        batch = [ids[i] for i in torch.randint(0, len(ids), (16,), generator=g).tolist()]
        x = torch.nn.utils.rnn.pad_sequence(batch, batch_first=True, padding_value=tokenizer.pad_token_id)
        labels = x.masked_fill(x == tokenizer.pad_token_id, -100)
        loss = model(input_ids=x, labels=labels).loss
        opt.zero_grad()
        loss.backward()
        opt.step()


def save_base(model, tokenizer, work: str, name: str) -> str:
    """Saves the pre-trained policy as a local model folder (relative to `work`): TRL loads the policy
    and its reference copy from it, as it would from an SFT checkpoint."""
    base = name + "-sft"
    model.save_pretrained(os.path.join(work, base))
    tokenizer.save_pretrained(os.path.join(work, base))
    return base


def keep(output_dir: str, dest: str) -> None:
    shutil.rmtree(dest, ignore_errors=True)
    os.makedirs(dest)
    for f in ("trainer_state.json", "config.json"):
        src = os.path.join(output_dir, f)
        if os.path.exists(src):
            shutil.copyfile(src, os.path.join(dest, f))


def run_dpo(out: str, work: str) -> None:
    name = "trl-dpo-gpt2"
    lines = source_lines(1, 400)
    tokenizer = char_tokenizer("".join(lines))
    model = tiny_gpt2(tokenizer, 1)
    pretrain(model, tokenizer, lines, 150, 1)
    rng = random.Random(1)
    rows = []
    for l in lines:
        cut = len(l) // 2
        tail = l[cut:]
        shuffled = "".join(rng.sample(tail, len(tail)))
        rows.append({"prompt": l[:cut], "chosen": tail, "rejected": shuffled})
    train = Dataset.from_list(rows[:320])
    evaluation = Dataset.from_list(rows[320:352])
    args = DPOConfig(
        output_dir=name, seed=1, use_cpu=True, disable_tqdm=True, report_to="none",
        per_device_train_batch_size=8, per_device_eval_batch_size=32, num_train_epochs=2, learning_rate=5e-4,
        lr_scheduler_type="cosine", warmup_steps=10, logging_steps=4, eval_strategy="steps", eval_steps=20,
        save_strategy="steps", save_steps=40, beta=0.1, max_length=SEQ_LEN,
    )
    output_dir = os.path.join(work, name)
    with contextlib.chdir(work):
        trainer = DPOTrainer(model=save_base(model, tokenizer, work, name), args=args, train_dataset=train, eval_dataset=evaluation,
                             processing_class=tokenizer)
        trainer.train()
        trainer.save_state()
        trainer.model.config.save_pretrained(output_dir)
    keep(output_dir, os.path.join(out, name))


def e_share(completions, **kwargs) -> list[float]:
    """The share of `e` characters in each completion: a dense rule reward a tiny model can climb."""
    return [c.count("e") / max(1, len(c)) for c in completions]


def train_grpo(out: str, work: str, name: str, reward, **settings) -> None:
    """A GRPO run of the tiny pretrained GPT-2 on prompts cut from source lines; `settings` are the
    GRPOConfig options that make each run what it is."""
    lines = source_lines(2, 200)
    tokenizer = char_tokenizer("".join(source_lines(1, 400) + lines))
    model = tiny_gpt2(tokenizer, 2)
    pretrain(model, tokenizer, lines, 100, 2)
    train = Dataset.from_list([{"prompt": l[:20]} for l in lines])
    args = GRPOConfig(
        output_dir=name, seed=2, use_cpu=True, disable_tqdm=True, report_to="none",
        per_device_train_batch_size=8, num_generations=4, max_completion_length=24, logging_steps=2,
        save_strategy="steps", temperature=1.0, **settings,
    )
    output_dir = os.path.join(work, name)
    with contextlib.chdir(work):
        trainer = GRPOTrainer(model=save_base(model, tokenizer, work, name), reward_funcs=reward, args=args,
                              train_dataset=train, processing_class=tokenizer)
        trainer.train()
        trainer.save_state()
        trainer.model.config.save_pretrained(output_dir)
    keep(output_dir, os.path.join(out, name))


def run_grpo(out: str, work: str) -> None:
    train_grpo(out, work, "trl-grpo-gpt2", e_share, max_steps=60, learning_rate=1e-3,
               lr_scheduler_type="constant_with_warmup", warmup_steps=5, save_steps=30, beta=0.04)


def distinct_chars(completions, **kwargs) -> list[float]:
    """How many different characters a completion uses, out of the 24 it may have: varied text scores."""
    return [len(set(c)) / 24 for c in completions]


def run_grpo_collapse(out: str, work: str) -> None:
    """GRPO with updates far too large: learning_rate 1e-2 constant, no KL penalty (beta 0), two policy
    updates per batch of rollouts (num_iterations 2). The reward (distinct characters) climbs, then the
    policy collapses (entropy 3 -> 0.5 nats) into repetitive text and the reward falls below its start."""
    train_grpo(out, work, "trl-grpo-collapse", distinct_chars, max_steps=80, learning_rate=1e-2,
               lr_scheduler_type="constant", save_steps=20, beta=0.0, num_iterations=2)

RUNS = {"trl-dpo-gpt2": run_dpo, "trl-grpo-gpt2": run_grpo, "trl-grpo-collapse": run_grpo_collapse}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=HERE)
    parser.add_argument("--only", nargs="*", choices=sorted(RUNS))
    options = parser.parse_args()
    print(f"python {sys.version.split()[0]}, torch {torch.__version__}, transformers {transformers.__version__}, "
          f"trl {trl.__version__}")
    with tempfile.TemporaryDirectory(prefix="trainreport-trl-") as work:
        for name in options.only or RUNS:
            cpu0, wall0 = time.process_time(), time.perf_counter()
            RUNS[name](os.path.abspath(options.out), work)
            print(f"{name}: {time.process_time() - cpu0:.1f} s CPU, {time.perf_counter() - wall0:.1f} s wall")
    sys.path.insert(0, HERE)
    from expected_facts import write_expected
    print(f"wrote {write_expected(os.path.abspath(options.out))}")


if __name__ == "__main__":
    main()
