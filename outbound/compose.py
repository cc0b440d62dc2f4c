"""Every marketing text carries opt-out instructions, without growing past the allowed segments."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from handlers.replies import TEMPLATES, reply_language
from handlers.segments import segment_count

HAS_INSTRUCTION = re.compile(
    r"\b(reply|text|txt|send|responde|responda|répondez|repondez|antworten)\b[^.!?]{0,20}"
    r"\b(stop|baja|arret|arrêt|stopp)\b",
    re.IGNORECASE,
)


class TooLong(ValueError):
    """The message with its opt-out instruction needs more segments than allowed."""


def instruction_for(language: str, config: Mapping[str, Any] | None = None) -> str:
    """OPT_OUT_INSTRUCTION_<LANG> when set, else the built-in wording for the language."""
    language = reply_language(language)
    configured = (config or {}).get(f"OPT_OUT_INSTRUCTION_{language.upper()}", "")
    return configured or TEMPLATES[language]["instruction"]


def with_instructions(text: str, language: str, max_segments: int, config: Mapping[str, Any] | None = None) -> str:
    """The text with 'Reply STOP to opt out.' (in its language) appended when it lacks one."""
    body = text.strip()
    if not HAS_INSTRUCTION.search(body):
        instruction = instruction_for(language, config)
        body = f"{body} {instruction}" if body else instruction
    segments = segment_count(body)
    if segments > max_segments:
        raise TooLong(
            f"{segments} segments with the opt-out instruction; at most {max_segments} "
            f"allowed (shorten the text by about {len(body) - len(text)} characters or more)"
        )
    return body
