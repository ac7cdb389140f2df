"""Writes card-before.md: the model card the HF Trainer writes for SampleRuns/hf-overfit-gpt2
(transformers' own TrainingSummary.to_model_card, the code behind Trainer.create_model_card),
then edited the way authors edit cards, so the tests can check that `trainreport card` keeps
every byte it does not own.

    /work/venv/bin/python Tests/ModelCardTests/Fixtures/make_card.py
"""
import json
import os

from transformers.modelcard import TrainingSummary, parse_log_history

here = os.path.dirname(os.path.abspath(__file__))
state = os.path.join(here, "..", "..", "..", "SampleRuns", "hf-overfit-gpt2", "trainer_state.json")
with open(state) as f:
    log_history = json.load(f)["log_history"]
_, eval_lines, eval_results = parse_log_history(log_history)

summary = TrainingSummary(
    model_name="gpt2-tiny-overfit",
    finetuned_from="openai-community/gpt2",
    tasks="text-generation",
    dataset="wikitext wikitext-2-raw-v1",
    dataset_tags="wikitext",
    dataset_args="wikitext-2-raw-v1",
    eval_results=eval_results,
    eval_lines=eval_lines,
    hyperparameters={"learning_rate": 0.003, "train_batch_size": 8, "eval_batch_size": 8, "seed": 2,
                     "optimizer": "Use OptimizerNames.ADAMW_TORCH_FUSED", "lr_scheduler_type": "linear",
                     "lr_scheduler_warmup_steps": 60, "training_steps": 600},
)
card = summary.to_model_card()

# What an author adds: a pipeline tag with a comment, a widget after model-index, a quoted value,
# prose, and a code block that shows the markers as an example (which must not count as markers).
card = card.replace("library_name: transformers\n",
                    "library_name: transformers\npipeline_tag: text-generation  # set by hand\nlanguage: \"en\"\n", 1)
card = card.replace("---\n\n<!--", "widget:\n- text: \"Once upon a time\"\n---\n\n<!--", 1)
card = card.replace("## Model description\n\nMore information needed",
                    "## Model description\n\nA GPT-2 trained far too long on a small corpus, kept as a worked example of overfitting.\n\n"
                    "```markdown\n<!-- trainreport:begin -->\n(the report goes here)\n<!-- trainreport:end -->\n```", 1)
with open(os.path.join(here, "card-before.md"), "w") as f:
    f.write(card)
