#!/usr/bin/env python3
"""Writes metrics.csv here with PyTorch Lightning itself: a tiny classifier on random-but-learnable
data, CSVLogger + LearningRateMonitor (two param groups: `lr-AdamW/pg1`, `lr-AdamW/pg2`), metrics
logged with on_step and on_epoch (`train_loss_step`, `train_loss_epoch`), validation and a test run
(`val_loss`, `val_acc`, `test_loss`, `test_acc`). CPU, a few seconds.

Usage: /work/venv/bin/python Tests/IngestTests/Fixtures/lightning-lr-monitor/make.py
"""
import os
import shutil
import tempfile

import lightning as L
import torch
from lightning.pytorch.callbacks import LearningRateMonitor
from lightning.pytorch.loggers import CSVLogger

torch.set_num_threads(1)
HERE = os.path.dirname(os.path.abspath(__file__))


class Classifier(L.LightningModule):
    def __init__(self):
        super().__init__()
        self.body = torch.nn.Linear(8, 16)
        self.head = torch.nn.Linear(16, 2)

    def forward(self, x):
        return self.head(torch.relu(self.body(x)))

    def step(self, batch):
        x, y = batch
        logits = self(x)
        return torch.nn.functional.cross_entropy(logits, y), (logits.argmax(-1) == y).float().mean()

    def training_step(self, batch, _):
        loss, acc = self.step(batch)
        self.log("train_loss", loss, on_step=True, on_epoch=True)
        self.log("train_acc", acc, on_step=False, on_epoch=True)
        return loss

    def validation_step(self, batch, _):
        loss, acc = self.step(batch)
        self.log("val_loss", loss)
        self.log("val_acc", acc)

    def test_step(self, batch, _):
        loss, acc = self.step(batch)
        self.log("test_loss", loss)
        self.log("test_acc", acc)

    def configure_optimizers(self):
        opt = torch.optim.AdamW([{"params": self.body.parameters(), "lr": 1e-2},
                                 {"params": self.head.parameters(), "lr": 5e-3}])
        sched = torch.optim.lr_scheduler.StepLR(opt, step_size=20, gamma=0.5)
        return {"optimizer": opt, "lr_scheduler": {"scheduler": sched, "interval": "step"}}


def data(n, seed):
    g = torch.Generator().manual_seed(seed)
    x = torch.randn(n, 8, generator=g)
    y = (x[:, 0] + 0.5 * x[:, 1] > 0).long()
    return torch.utils.data.DataLoader(torch.utils.data.TensorDataset(x, y), batch_size=32)


def main():
    L.seed_everything(0)
    with tempfile.TemporaryDirectory() as work:
        logger = CSVLogger(work, name="run", version=0)
        trainer = L.Trainer(max_epochs=4, logger=logger, callbacks=[LearningRateMonitor(logging_interval="step")],
                            log_every_n_steps=5, enable_progress_bar=False, enable_model_summary=False,
                            enable_checkpointing=False, accelerator="cpu")
        model = Classifier()
        trainer.fit(model, data(640, 1), data(128, 2))
        trainer.test(model, data(128, 3))
        shutil.copyfile(os.path.join(logger.log_dir, "metrics.csv"), os.path.join(HERE, "metrics.csv"))


if __name__ == "__main__":
    main()
