"""``propwatch train`` and the table-level ``propwatch eval --data``/``eval detection``."""

from __future__ import annotations

import random
from pathlib import Path

import click

from propwatch.cli.common import echo_json, run_safely

__all__ = ["data_options_eval", "eval_detection_command", "train_command"]


def _split(n: int, holdout: float, seed: int) -> tuple[list[int], list[int]]:
    rows = list(range(n))
    random.Random(seed).shuffle(rows)
    cut = round(n * holdout)
    return sorted(rows[cut:]), sorted(rows[:cut])


@click.command("train")
@click.option("--data", required=True, type=click.Path(exists=True, dir_okay=False))
@click.option("--text-col", default="text", show_default=True)
@click.option("--label-col", default="label", show_default=True)
@click.option("--lang-col", default=None, help="Language column (default: `lang` if present).")
@click.option(
    "--negative", multiple=True, metavar="VALUE",
    help="Label values meaning 'no label' (repeatable; adds to 0/none/NOT/non_radical/...).",
)
@click.option("-o", "--out", default="propwatch-model", show_default=True, metavar="DIR")
@click.option("--holdout", default=0.2, show_default=True, type=click.FloatRange(0, 0.9),
              help="Share of rows held out to measure the model (0: train on everything).")
@click.option("--seed", default=13, show_default=True)
@click.option("--name", default=None, help="Model name recorded in the model card.")
@click.option("--licence", default="unknown", show_default=True,
              help="Licence of the training data, recorded in the model card.")
@click.option("--json", "as_json", is_flag=True)
def train_command(
    data: str, text_col: str, label_col: str, lang_col: str | None, negative: tuple[str, ...],
    out: str, holdout: float, seed: int, name: str | None, licence: str, as_json: bool,
) -> None:
    """Train a classifier (character n-grams + calibrated logistic regression) on a CSV/TSV.

    The model directory holds model.npz, card.json and MODEL_CARD.md; use it with
    `propwatch analyze --model DIR` and `propwatch eval --data FILE --model DIR`.
    """

    def body() -> int:
        from propwatch.detect.classifier import train
        from propwatch.detect.dataset import DEFAULT_NEGATIVES, read_table
        from propwatch.detect.evaluation import evaluate_model, format_report
        from propwatch.errors import UsageError

        table = read_table(
            data, text_col, label_col, lang_col, negatives=DEFAULT_NEGATIVES | set(negative)
        )
        if not table.targets:
            raise UsageError(f"{data}: column {label_col!r} holds no positive labels")
        train_rows, test_rows = _split(len(table.texts), holdout, seed)
        part = table.subset(train_rows)
        card = {
            "name": name or Path(data).stem,
            "version": "1",
            "training_data": [
                {"name": Path(data).name, "items": len(part.texts), "licence": licence,
                 "note": f"text column {text_col!r}, label column {label_col!r}"}
            ],
        }
        model = train(part.texts, part.targets, seed=seed, card=card)
        report = None
        if test_rows:
            report = evaluate_model(model, table.subset(test_rows))
            model.card["metrics"] = {"holdout": holdout, **report.to_json()}
        path = model.save(out)
        if as_json:
            echo_json({"model": str(path), "heads": list(model.heads),
                       "train_items": len(part.texts), "holdout_items": len(test_rows),
                       "metrics": report.to_json() if report else None})
        else:
            click.echo(f"model saved to {path} ({len(model.heads)} heads, "
                       f"{len(part.texts)} training items)")
            if report:
                click.echo(f"held-out {len(test_rows)} items:")
                click.echo(format_report(report))
        return 0

    run_safely(body)


def data_options_eval(
    data: str, text_col: str, label_col: str, lang_col: str | None, model: str | None,
    knowledge: tuple[str, ...], as_json: bool,
) -> int:
    """Body of ``propwatch eval --data FILE``."""
    from propwatch.detect.dataset import read_table
    from propwatch.detect.evaluation import evaluate_detector, evaluate_model, format_report

    table = read_table(data, text_col, label_col, lang_col)
    if model and not knowledge:
        from propwatch.detect.classifier import TextClassifier

        report = evaluate_model(TextClassifier.load(model), table)
    else:
        from propwatch.detect.detector import Detector

        report = evaluate_detector(Detector.from_options(knowledge, model), table)
    if as_json:
        echo_json(report.to_json())
    else:
        click.echo(format_report(report))
    return 0


@click.command("detection")
@click.option("--set", "sets", multiple=True, metavar="NAME",
              help="Only these sets (tg, uz-Latn, uz-Cyrl, ky, ru, fa, ps, ar, tr, en).")
@click.option("--train", "use_train", is_flag=True, help="Score the training sets instead.")
@click.option("--knowledge", multiple=True, metavar="DIR")
@click.option("--model", default=None, metavar="DIR")
@click.option("--no-model", is_flag=True)
@click.option("--json", "as_json", is_flag=True)
def eval_detection_command(
    sets: tuple[str, ...], use_train: bool, knowledge: tuple[str, ...], model: str | None,
    no_model: bool, as_json: bool,
) -> None:
    """Item-level precision, recall, F1 and false-positive rate per language on the bundled
    detection test sets (written for propwatch; the default model never trained on them)."""

    def body() -> int:
        from propwatch.detect.dataset import own_set
        from propwatch.detect.detector import Detector
        from propwatch.detect.evaluation import evaluate_detector, format_report

        data = own_set("train" if use_train else "eval", sets or None)
        detector = Detector.from_options(knowledge, model, use_model=not no_model)
        report = evaluate_detector(detector, data)
        if as_json:
            echo_json(report.to_json())
        else:
            click.echo(format_report(report, ["propaganda", "stance_report", "stance_counter",
                                              "stance_neutral", *sorted(detector.pack.labels)]))
        return 0

    run_safely(body)
