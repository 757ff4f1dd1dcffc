"""``propwatch eval extraction``: score entity and event extraction against an answer key."""

from __future__ import annotations

import click

from propwatch.cli.common import echo_json, run_safely

__all__ = ["eval_extraction_command"]


@click.command("extraction")
@click.option("--gold", required=True, metavar="GOLD_FACTS.json",
              help="Answer key: {doc: {file, language, events, organizations, ...}}.")
@click.option("--texts", required=True, metavar="DIR", help="Folder of the article files.")
@click.option("--knowledge", multiple=True, metavar="DIR",
              help="Extra knowledge pack (gazetteer) merged over the built-in one.")
@click.option("--no-ner", is_flag=True,
              help="Without the NER models (natasha for Russian, spaCy for English).")
@click.option("--no-geo", is_flag=True,
              help="Without the GeoNames town list (towns the gazetteer does not know).")
@click.option("--misses", is_flag=True, help="Also list every gold fact not found, and extras.")
@click.option("--json", "as_json", is_flag=True)
def eval_extraction_command(
    gold: str, texts: str, knowledge: tuple[str, ...], no_ner: bool, no_geo: bool,
    misses: bool, as_json: bool,
) -> None:
    """Event recall (date and place), casualty figures, claim attribution, and recall and
    precision of organisations, outlets, channels and publications, per language.

    Exit codes: 0 scored, 1 failure (unreadable key, missing article), 2 usage error.
    """

    def body() -> int:
        from propwatch.extract.evaluation import (
            evaluate_extraction,
            format_extraction_report,
            read_gold,
        )
        from propwatch.extract.extractor import Extractor

        extractor = Extractor.from_options(knowledge, use_ner=not no_ner, use_geo=not no_geo)
        report = evaluate_extraction(extractor, read_gold(gold), texts)
        ner = _ner_status(not no_ner)
        if as_json:
            data = report.to_json()
            data["ner"] = ner
            if not misses:
                data.pop("misses")
            echo_json(data)
            return 0
        click.echo(format_extraction_report(report))
        click.echo("\nNER: " + ", ".join(f"{lang} {state}" for lang, state in ner.items()))
        if misses:
            click.echo("\nnot found / extra:")
            for miss in report.misses:
                click.echo("  " + ", ".join(f"{k}={v}" for k, v in miss.items()))
        return 0

    run_safely(body)


def _ner_status(wanted: bool) -> dict[str, str]:
    """Which NER model each language used: its name, ``off`` or ``not installed``."""
    from propwatch.extract.ner_en import spacy_available
    from propwatch.extract.patterns_ru import natasha_available

    def state(available: bool, name: str, hint: str = "") -> str:
        return "off" if not wanted else name if available else "not installed" + hint

    return {
        "ru": state(natasha_available(), "natasha"),
        "en": state(spacy_available(), "spacy", " (pip install 'propwatch[ner-en]')"),
    }
