"""Opt-out cues: a message with none of these word stems is never an opt-out by the model.

This gate is what keeps ordinary chatter ('k tell me anything about you') from
ever reaching the grey zone; the model decides only among messages that talk
about messages, lists, numbers, stopping or leaving.
"""
from __future__ import annotations

from .normalise import tokens

CUE_STEMS: tuple[str, ...] = tuple(sorted(set("""
stop stp text txt msg mesag messag sms remove unsub subscri list number contact spam alone quit
cancel opt delete block consent revoke withdraw wrong away cease halt unsolicited report promo
marketing sign count leave lose forget bother harass reach
mensaj baja numer escrib envi mand equivocad suscri dejen deja borr sac
desabon desinscri liste arret envoy retir
nachricht abmeld nummer schreib abbestell entfern falsch
mensag parem inscri tire errad
messagg scriv togliet sbagliat basta smett
bericht afmeld lijst verkeerd
wiadomo pisa wypis zly numer przestan
пиш сообщ номер удал хват отпис
""".split())))
CJK_CUES = ("短信", "消息", "名单", "打错", "发", "退订")


def has_opt_out_cue(folded: str) -> bool:
    """True when some word starts with an opt-out cue stem (or a CJK cue appears)."""
    if any(cue in folded for cue in CJK_CUES):
        return True
    return any(word.startswith(CUE_STEMS) for word in tokens(folded))
