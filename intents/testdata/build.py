"""Build keywords.tsv: every carrier keyword in odd forms (case, spacing, punctuation).

Run `python -m intents.testdata.build` after changing the keyword lists; the result is
committed, and a test fails when the lists change and the file does not follow.
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
    rows: list[str] = []
    for intent, languages in KEYWORDS.items():
        for words in languages.values():
            for word in words:
                rows.extend(f"{intent}\t{form}" for form in variants(word, intent))
    return rows


def render() -> str:
    """The file's text."""
    return "\n".join(["label\ttext", *keyword_rows()]) + "\n"


def main() -> None:
    (HERE / "keywords.tsv").write_text(render(), encoding="utf-8")
    print(f"keywords.tsv: {len(keyword_rows())} rows")


if __name__ == "__main__":
    main()
