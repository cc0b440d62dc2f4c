"""Build test.tsv: the hand-written natural.tsv plus every carrier keyword in odd forms.

Run `python -m intents.testdata.build` after changing either; the result is committed.
"""
from __future__ import annotations

from pathlib import Path

from intents.keywords import KEYWORDS

HERE = Path(__file__).parent


def variants(word: str, intent: str) -> list[str]:
    """Odd case, spacing and punctuation, as people type keywords."""
    forms = [word.upper(), f"  {word.title()}. ", f"{word}!!"]
    letters = word.replace(" ", "").replace("-", "")
    if intent == "opt_out" and letters.isascii() and len(letters) <= 8:
        forms.append(" ".join(letters.upper()))
        forms.append(".".join(letters) + ".")
    return forms


def keyword_rows() -> list[str]:
    """label<TAB>text for every keyword of every language."""
    rows = []
    for intent, languages in KEYWORDS.items():
        for words in languages.values():
            for word in words:
                rows.extend(f"{intent}\t{form}" for form in variants(word, intent))
    return rows


def main() -> None:
    natural = (HERE / "natural.tsv").read_text(encoding="utf-8").splitlines()
    (HERE / "keywords.tsv").write_text("\n".join(["label\ttext", *keyword_rows()]) + "\n",
                                       encoding="utf-8")
    rows = natural[1:] + keyword_rows()
    (HERE / "test.tsv").write_text("\n".join(["label\ttext", *rows]) + "\n", encoding="utf-8")
    print(f"test.tsv: {len(rows)} rows")


if __name__ == "__main__":
    main()
