"""Makes the event file next to this script with the real HF Trainer and its TensorBoardCallback: a
tiny GPT-2 built from a config (no download) trained for 6 steps with settings a diagnosis should
notice (max_grad_norm=0: clipping off; load_best_model_at_end=True; fp16 is not available on CPU).
The callback writes the whole TrainingArguments as the `args` text summary and the model config as
`model_config`; the Swift reader turns them into `args.*` and `model.*` metadata.

    /work/venv/bin/python Tests/IngestTests/Fixtures/hf-tensorboard-args/make_fixture.py
"""
import glob
import os
import shutil
import tempfile

import torch
from transformers import GPT2Config, GPT2LMHeadModel, Trainer, TrainingArguments

here = os.path.dirname(os.path.abspath(__file__))
torch.manual_seed(0)
model = GPT2LMHeadModel(GPT2Config(n_layer=1, n_head=2, n_embd=16, vocab_size=64, n_positions=32))
data = [{"input_ids": torch.randint(0, 64, (16,)), "labels": torch.randint(0, 64, (16,))} for _ in range(24)]
work = tempfile.mkdtemp()
args = TrainingArguments(
    output_dir=work, max_steps=6, logging_steps=1, eval_strategy="steps", eval_steps=3, save_steps=3,
    per_device_train_batch_size=4, per_device_eval_batch_size=8, learning_rate=3e-4, warmup_steps=2,
    max_grad_norm=0.0, load_best_model_at_end=True, metric_for_best_model="eval_loss",
    report_to=["tensorboard"], seed=0, use_cpu=True,
)
Trainer(model=model, args=args, train_dataset=data, eval_dataset=data[:8]).train()
for old in glob.glob(os.path.join(here, "events.out.tfevents.*")):
    os.remove(old)
event = sorted(glob.glob(os.path.join(work, "**", "events.out.tfevents.*"), recursive=True))[0]
shutil.copy(event, os.path.join(here, "events.out.tfevents.fixture"))
shutil.rmtree(work)
