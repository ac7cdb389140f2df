"""The callbacks on real tiny CPU trainings (transformers Trainer, Lightning): the report is in the
output directory when training ends, the model card is updated, and a missing or failing
trainreport never fails the training.

    TRAINREPORT=.build/debug/trainreport python -m unittest discover -s integrations/python/tests -v

(`scripts/test-integrations.sh` does this with a venv that has torch, transformers and lightning.)
"""

import json
import logging
import os
import tempfile
import unittest

import torch

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")


class TokenDataset(torch.utils.data.Dataset):
    """Random token sequences: enough for a loss that moves, no download."""

    def __init__(self, count, length=16, vocab=64, seed=0):
        generator = torch.Generator().manual_seed(seed)
        # A repeating pattern plus noise, so the model can learn something.
        base = torch.arange(length) % 8
        self.items = [(base + torch.randint(0, 2, (length,), generator=generator)) % vocab for _ in range(count)]

    def __len__(self):
        return len(self.items)

    def __getitem__(self, i):
        return {"input_ids": self.items[i], "labels": self.items[i]}


def tiny_trainer(output_dir, callback, max_steps=30):
    from transformers import GPT2Config, GPT2LMHeadModel, Trainer, TrainingArguments

    torch.manual_seed(0)
    model = GPT2LMHeadModel(GPT2Config(vocab_size=64, n_positions=32, n_embd=32, n_layer=1, n_head=2))
    args = TrainingArguments(output_dir=output_dir, max_steps=max_steps, per_device_train_batch_size=8,
                             per_device_eval_batch_size=8, learning_rate=3e-3, warmup_steps=3, logging_steps=2,
                             eval_strategy="steps", eval_steps=10, save_strategy="no", report_to=[], use_cpu=True,
                             dataloader_num_workers=0, disable_tqdm=True, seed=0)
    return Trainer(model=model, args=args, train_dataset=TokenDataset(128), eval_dataset=TokenDataset(32, seed=1),
                   callbacks=[callback])


class HuggingFaceCallbackTests(unittest.TestCase):
    def test_the_output_dir_holds_the_report_and_the_card_section_when_training_ends(self):
        from trainreport_hooks.huggingface import TrainReportCallback

        with tempfile.TemporaryDirectory() as tmp:
            out = os.path.join(tmp, "tiny-gpt2")
            os.makedirs(out)
            card = os.path.join(out, "README.md")
            with open(card, "w") as f:
                f.write("---\nlicense: mit\npipeline_tag: text-generation\n---\n\n# tiny-gpt2\n\n## Training procedure\n\nBy hand.\n")
            callback = TrainReportCallback(formats=["pdf", "json"], fail_on="error", model_card=card,
                                           card_after="## Training procedure", model_index=True, dataset="random-tokens")
            with self.assertLogs("trainreport_hooks", level="INFO") as logs:
                tiny_trainer(out, callback).train()
            self.assertEqual(callback.status, 0, logs.output)
            self.assertFalse(callback.failed)

            with open(os.path.join(out, "trainer_state.json")) as f:
                state = json.load(f)
            self.assertIn("train_runtime", state["log_history"][-1], "the final summary is in the saved state")
            with open(os.path.join(out, "trainreport", "tiny-gpt2", "report.json")) as f:
                report = json.load(f)
            self.assertTrue(os.path.getsize(os.path.join(out, "trainreport", "tiny-gpt2", "report.pdf")) > 1000)
            self.assertEqual(report["run"]["format"], "hf-trainer-state")
            self.assertNotIn("run-truncated", [f["id"] for f in report["findings"]], "the run does not look killed")

            with open(card) as f:
                text = f.read()
            self.assertTrue(text.startswith("---\nlicense: mit\npipeline_tag: text-generation\nmodel-index:\n- name: tiny-gpt2\n"), text[:300])
            self.assertIn("By hand.\n\n<!-- trainreport:begin -->\n## Training report: tiny-gpt2\n", text)
            self.assertTrue(os.path.exists(os.path.join(out, "training_report", "report.pdf")))
            try:  # the Hub's own reader accepts the model-index
                from huggingface_hub import ModelCard
                data = ModelCard(text).data
                self.assertEqual(data.eval_results[0].dataset_type, "random-tokens")
                self.assertEqual(data.eval_results[0].metric_type, "loss")
            except ImportError:
                pass

    def test_a_missing_trainreport_is_logged_and_training_still_succeeds(self):
        from trainreport_hooks.huggingface import TrainReportCallback

        with tempfile.TemporaryDirectory() as tmp:
            callback = TrainReportCallback(executable=os.path.join(tmp, "no-such-trainreport"))
            with self.assertLogs("trainreport_hooks", level="ERROR") as logs:
                result = tiny_trainer(tmp, callback, max_steps=4).train()
            self.assertEqual(result.global_step, 4)
            self.assertIsNone(callback.status)
            self.assertTrue(callback.failed)
            self.assertIn("no-such-trainreport", "\n".join(logs.output))


class LightningCallbackTests(unittest.TestCase):
    def test_the_log_dir_holds_the_report_when_fit_ends(self):
        import lightning.pytorch as pl
        from lightning.pytorch.loggers import CSVLogger

        from trainreport_hooks.lightning import TrainReportCallback

        class Regression(pl.LightningModule):
            def __init__(self):
                super().__init__()
                self.layer = torch.nn.Linear(4, 1)

            def step(self, batch):
                x, y = batch
                return torch.nn.functional.mse_loss(self.layer(x), y)

            def training_step(self, batch, _):
                loss = self.step(batch)
                self.log("train_loss", loss)
                return loss

            def validation_step(self, batch, _):
                self.log("val_loss", self.step(batch))

            def configure_optimizers(self):
                return torch.optim.SGD(self.parameters(), lr=0.05)

        torch.manual_seed(0)
        x = torch.randn(256, 4)
        data = torch.utils.data.TensorDataset(x, x.sum(dim=1, keepdim=True))
        loader = torch.utils.data.DataLoader(data, batch_size=16)
        with tempfile.TemporaryDirectory() as tmp:
            callback = TrainReportCallback(formats=["json"], fail_on="error")
            trainer = pl.Trainer(max_epochs=3, logger=CSVLogger(tmp, name="regression"), callbacks=[callback],
                                 accelerator="cpu", log_every_n_steps=2, enable_progress_bar=False,
                                 enable_model_summary=False, enable_checkpointing=False)
            with self.assertLogs("trainreport_hooks", level="INFO"):
                trainer.fit(Regression(), loader, loader)
            self.assertEqual(callback.status, 0)
            reports = os.path.join(trainer.log_dir, "trainreport")
            (run,) = os.listdir(reports)
            with open(os.path.join(reports, run, "report.json")) as f:
                report = json.load(f)
            self.assertEqual(report["run"]["format"], "lightning-csv")
            names = [s["name"] for s in report["series"]]
            self.assertIn("train/loss", names)
            self.assertIn("eval/loss", names)


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO)
    unittest.main()
