"""Phrase patterns the clause reader looks for, by kind and language, on folded text.

Each pattern names a *kind* of request (a stop verb with a messaging object, a removal
request, a "do not contact", a go-away dismissal, a wrong recipient, a help question,
an explicit wish to be back on the list), not a sentence: new wording of the same kind
matches. Text is folded first (lower case, no accents, no punctuation but apostrophes).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from .help_questions import help_patterns, if_stop_patterns
from .resume import accident_patterns, opt_in_patterns


def _any(*parts: str) -> str:
    """An alternation group."""
    return "(?:" + "|".join(parts) + ")"


NEG = _any(
    r"don'?t",
    "do not",
    "dont",
    "never",
    "no",
    "not",
    "won'?t",
    "will not",
    "didn'?t",
    "did not",
    "doesn'?t",
    "does not",
    "cannot",
    "can'?t",
    "shouldn'?t",
    "no need to",
)
ME = _any(
    "me",
    "us",
    "this (?:number|phone|cell|line)",
    "this #",
    r"(?:my|our) (?:\w+ )?(?:number|#|phone|cell|info|information|details|data|contact|name)",
)
MESSAGING = _any(
    r"te?xt\w*",
    r"txt\w*",
    r"msg\w*",
    r"messag\w*",
    "sms",
    r"sending",
    "send",
    r"contact\w*",
    r"call\w*",
    r"e-?mail\w*",
    r"spam\w*",
    r"bother\w*",
    r"harass\w*",
    r"pester\w*",
    r"bug+ing",
    r"solicit\w*",
    r"writ\w*",
    "reach(?:ing)? out",
    r"notification\w*",
    r"alert\w*",
    r"promo\w*",
    r"offer\w*",
    r"ads?",
    "marketing",
    r"robocall\w*",
    r"newsletter\w*",
    r"catalog\w*",
    r"postcards?",
    r"flyers?",
    r"mailers?",
    "propaganda",
    "junk",
    "crap",
    "garbage",
    "these",
    "this",
    "them",
    "it",
    "that",
    "all",
)
IMPERATIVE_NEG = _any(r"don'?t", "do not", "dont", "never", "no more", "please don'?t", "pls don'?t")
WANTED = _any(
    r"texts?",
    r"messages?",
    "sms",
    r"offers?",
    r"promotions?",
    r"alerts?",
    r"notifications?",
    r"e-?mails?",
    r"calls?",
    "spam",
    "ads",
    r"deals?",
    "marketing",
    "stuff",
    "these",
    "them",
    "this",
    "anymore",
    "any more",
    r"updates?",
    r"reminders?",
)
STOP_VERB = _any(r"stop(?:ped|ping)?", r"quit(?:ting)?", "cease", "halt", "discontinue", "end", "pause", "stp")
GERUND = _any(
    r"te?xt?\w*ing",
    r"txt\w*",
    r"msg\w*",
    r"mess?ag\w*",
    r"sms\w*",
    r"send\w*",
    r"contact\w*",
    r"call\w*",
    r"e-?mail\w*",
    r"spam\w*",
    r"bother\w*",
    r"harass\w*",
    r"pester\w*",
    r"bug+ing",
    r"asking",
    r"solicit\w*",
    r"writ\w*",
    r"reaching",
    "hitting",
)
CONTACT_VERB = _any(
    r"te?xt\w*",
    r"txt\w*",
    r"message\w*",
    r"msg\w*",
    r"contact\w*",
    r"call\w*",
    r"e-?mail\w*",
    "send",
    "sending",
    r"writ\w*",
    "reach out",
    r"bother\w*",
    r"spam\w*",
    r"harass\w*",
    r"solicit\w*",
    r"bug\w*",
    r"pester\w*",
    "hit me up",
    "ask(?: me)?(?: for)?",
    "use this number",
)
DATA = _any(
    "number",
    "name",
    "info",
    "information",
    "details",
    "data",
    "contact",
    "phone",
    "cell",
    "everything",
    r"record\w*",
    "file",
    "#",
)
# removal from something that is not the messages: 'remove me from the waitlist'
NOT_OUR_LIST = (
    r"(?! from (?:(?:the |your |my |this )?(?:wait ?list|cart|order|appointment|reservation|booking|account|class|team|group chat|chat|photo|picture|profile|album|gallery)"
    r"|my (?:phone|contacts|cell)\b))"
)
LIST = _any(
    "list",
    "lists",
    "system",
    "database",
    "contacts",
    "records",
    "file",
    "roster",
    "registry",
    "mailing",
    "texts?",
    "messages?",
    "program",
    "group",
    "campaign",
)

EN_REQUEST = {
    "stop_verb_gerund": rf"\b{STOP_VERB} (?:\w+ )?{GERUND}\b",
    "remove_me": rf"\b(?:remove|delete|erase|scratch|unenroll?|unsubscribe|unlist|purge|wipe|exclude) {ME}\b{NOT_OUR_LIST}",
    "no_more_alone": r"^no more(?: please| pls| thanks| thank you| of (?:these|this|that|them))?$",
    "rather_not_receive": rf"\brather not (?:receive|get) (?:these |your |any |the |them|this)(?:\w+ ){{0,2}}{WANTED}\b|\brather not be (?:texted|contacted|messaged)\b",
    "want_out": r"^(?:i )?want out\b",
    "be_taken_off": r"\b(?:be|get|been|being) (?:taken|removed|deleted|unsubscribed|dropped|crossed|struck) (?:off|from|out)\b",
    "to_be_removed": r"\b(?:to be|be|been) (?:removed|unsubscribed|taken off)\b",
    "remove_my_data": rf"\b(?:remove|delete|erase) (?:\w+ ){{0,2}}{DATA}\b{NOT_OUR_LIST}",
    "take_me_off_list": rf"\b(?:take|get|cross|strike|kick) {ME}(?: {DATA})? (?:off|out of|from)(?: (?:your|the|this|ur|all|these|any))?(?: \w+){{0,2}} {LIST}\b",
    "take_me_off": rf"\b(?:take|get|cross|strike|kick) {ME}(?: {DATA})? off$",
    "opt_me_out": rf"\bopt {ME}(?: \w+)? out\b",
    "remove_from_list": rf"\b(?:remove|take|get|delete|drop|unsubscribe|erase)\b.*\b(?:off|from|out of) (?:your|the|this|all|ur|these|any) (?:\w+ ){{0,2}}{LIST}\b",
    "off_your_list": r"^(?:off|out of) (?:your|the|this|ur) (?:\w+ )?list\b",
    "out_of_your_list": r"\bout of (?:your|ur) (?:\w+ ){0,2}list\b",
    "dont_contact_me": rf"(?:^|\b(?:please|pls|plz|so|just|and|then|now|you|u|i said|ever) ){IMPERATIVE_NEG} (?:\w+ ){{0,2}}{CONTACT_VERB} (?:{ME}|again|anymore|any ?more|ever)\b",
    "no_more_messaging": rf"\bno (?:more|further) (?:\w+ )?{MESSAGING}\b",
    "no_texts_alone": r"^no (?:texts|txts|messages|sms)(?: (?:please|pls|thanks|thank you|ever|again))?$",
    "dont_want_these": rf"(?:^|\b(?:i|we) )(?:really )?(?:don'?t|do not|no longer|dont|never) (?:want|wish|need|like|care for)"
    rf" (?:to (?:receive|get|be sent) |any more |anymore |these |those |your |any |more |the )(?:\w+ ){{0,2}}{WANTED}\b",
    "dont_want_contact": r"(?:^|\b(?:i|we) )(?:really )?(?:don'?t|do not|no longer|dont) (?:want|wish) to be (?:contacted|texted|messaged|called)\b",
    "never_signed_up": r"\b(?:i|we) (?:never|didn'?t|did not) (?:asked for|ask for|signed up|sign up|subscribe|opt(?:ed)? in|agree)",
    "email_only": r"^(?:e-?mail|mail|call|phone calls?|letters?) only\b",
    "only_email_me": r"\b(?:only|just) (?:e-?mail|call) me\b",
    "want_to_unsubscribe": r"\b(?:i|we) (?:want|wish|would like|need|d like|'d like) (?:you )?to (?:unsubscribe|opt ?out|be removed|be taken off)\b",
    "want_to_stop_receiving": rf"\b(?:i|we)(?: want| wish| would like| need| d like|'d like) (?:you )?to (?:stop|cancel|end) (?:receiving |getting )?(?:these |the |your |all |this |my )?(?:\w+ )?{WANTED}\b",
    "lose_my_number": r"\b(?:lose|forget|delete|erase|ditch) (?:my|this|our) (?:number|#|digits|info|contact)\b",
    "unsubscribe": r"\b(?:unsubscribe|opt(?:ing)? ?out|opted out)\b(?! (?:button|link|page|(?:my|our) (?:\w+ )?(?:email|e-mail|address|card|account)))",
    "revoke_consent": r"\b(?:revoke|withdraw)\w* (?:my |all )?consent\b",
    "do_not_call_list": r"\bdo not (?:call|contact|text) list\b",
    "do_not_call_registry": r"\b(?:do not call|do-not-call|donotcall|dnc) (?:registry|register|list)\b",
    # thanks for a removal the writer asked for: the number is to stay off
    "thanks_for_removing_me": r"\b(?:thanks?|thank you|thx|ty|appreciate)(?: [\w']+){0,2} (?:for )?(?:"
    r"(?:removing|unsubscribing|deleting|dropping) (?:me|us|my number)\b"
    r"|(?:taking|getting|crossing) (?:me|us|my number) (?:off|out)\b(?! (?:of )?(?:hold|work|school|jail|the hospital)))",
    "blocking_reporting": r"\b(?:i'?m|i am|we are|we'?re) (?:blocking|reporting)\b",
    "report_block_you": r"\b(?:report(?:ing)?|block(?:ing)?) (?:you|u|this number|your number)\b",
    "sick_of_messages": rf"\b(?:enough|sick|tired) (?:of|with) (?:these|your|the|all|this) (?:\w+ )?{MESSAGING}\b",
    "texts_are_unwanted_start": r"^(?:these|they|this|your (?:\w+ )?(?:texts|messages)) (?:are|is|r) (?:\w+ )?(?:unwanted|not wanted|spam|unsolicited|harassment)\b",
    "texts_are_unwanted": r"\b(?:these|your|the) (?:\w+ )?(?:texts|messages) (?:are|r) (?:unwanted|spam|annoying|harassment|unsolicited)\b",
    "unwanted_texts": r"\bunwanted (?:texts?|messages?)\b",
    "stop_all_texts": r"\bstop (?:all|every|any) (?:\w+ )?(?:texts?|messages?|contact)\b",
    "send_no_more": r"\b(?:send|text|message) (?:me )?no (?:more|further)\b",
    "not_to_be_contacted": r"\bnot to (?:be )?(?:text|contact)\w* (?:me|again)\b",
}
DISMISSAL = {
    "expletive_off": r"\b(?:f+|f+u+c*k+|fck|fk|phuck|frick|piss|bugger|sod|eff|buzz|shove|back|bog) off\b",
    "go_away": r"\bgo away\b",
    "get_lost": r"\bget lost\b",
    "leave_me_alone": r"\b(?:leave|let) (?:me|us) (?:alone|be|in peace)\b",
    "go_to_hell": r"\bgo to hell\b",
    "rot_in_hell": r"\brot in hell\b",
    "go_fuck_yourself": r"\bgo (?:fuck|f|screw|jump|play|pound|suck) (?:yourself|yourselves|off|in|urself|ur self|your ?self)\b",
    "go_jump": r"\bgo jump (?:off|in)\b",
    "fuck_you": r"\b(?:fuck|fck|screw|f) (?:you|u|ya|yall|y'all|them and)\b",
    "kiss_my": r"\bkiss my\b",
    "stfu": r"\bstfu\b",
    "shut_up": r"\bshut (?:up|the fuck up)\b",
    "sybau": r"\bsybau\b",
    "get_off_my_phone": r"\bget (?:the fuck |the hell )?off (?:my|our) (?:phone|back|line)\b",
    "dont_bother_me": rf"\b{NEG} bother (?:me|us)\b",
    "go_suck": r"\bgo suck\b",
    "drop_dead": r"\bdrop dead\b",
}
WRONG_RECIPIENT = {
    "wrong_number": r"\bwrong (?:number|#|person|people|name|party|guy|girl|gal|house|contact|no|numbr|nunber)\b",
    "you_have_the_wrong": r"\b(?:you|u) (?:have|got|'ve got|ve got|have got) (?:the )?wrong\b",
    "no_one_by_that_name": r"\b(?:no ?one|nobody|no body|not anyone) (?:here )?(?:by|named|with|called) (?:that|the|this)\b",
    "no_one_here": r"\bno (?:one|body|such person) (?:here|by that name|named)\b",
    "no_such_person_here": r"\b(?:there is|there's|theres|thete is) no \w+ (?:here|at this|on this|living)\b",
    "dont_own_or_rent": r"\b(?:i|we) (?:don'?t|do not|never|didn'?t|did not|no longer) (?:own|owned|rent)\b",
    "not_owner_of_this": r"\b(?:doesn'?t|does not|don'?t|do not|didn'?t|no longer|never) (?:own|owned|live|lived) (?:at |in )?(?:this|that|the|my|our) (?:number|phone|cell|house|property|home|address|place)\b",
    "no_longer_live_there": r"\b(?:doesn'?t|does not|don'?t|do not|no longer) live (?:there|at that|at this)\b",
    "not_the_owner": r"\bnot (?:the|an|a) (?:owner|homeowner|landlord|seller)\b",
    "renter": r"\b(?:i'?m|i am|we are) (?:the |a )?(?:renter|tenant)s?\b",
    "not_my_property": r"\bnot (?:my|our|mine|ours) (?:property|house|home|address|land|lot|number|phone|cell|building)\b",
    "not_mine": r"^not (?:mine|ours)\b",
    "passed_away": r"(?:^|\b(?:my|the) )(?:he|she|they|owner|husband|wife|mother|father|mom|dad|son|daughter|brother|sister|person|grandma|grandpa|grandmother|grandfather) (?:has |had |recently |just )?(?:passed away|passed on|died|is deceased|is dead)\b",
    "is_deceased": r"\b(?:is|was) deceased\b",
    "number_is_someone_elses": r"\b(?:this|that|it) (?:number|phone|cell|line) (?:is|belongs to) (?:a |my |our )?(?:business|company|work|new|different|someone)\b",
    "new_owner_of_number": r"\bnew (?:owner|number) (?:of|for) this (?:number|phone)\b",
    "this_is_not_my": r"\b(?:this|that) (?:is|isn'?t) not (?:my|for me)\b",
    "this_is_not_for_me": r"\bthis is not for me\b",
    "dont_know_anyone_named": r"\b(?:don'?t|do not) know (?:any|anyone|anybody|a|who) (?:named|by|is)\b",
}
HELP = {
    "who_is_this": r"\bwho (?:is|'?s|s|are|r) (?:this|you|u|these|texting|sending|messaging|dis|that)\b",
    "who_dis": r"\bwho dis\b",
    "who_are_you_with": r"\bwho (?:is|are) (?:this|you) (?:with|from)\b",
    "who_this": r"^who\b.*\bthis\b",
    "how_did_you_get": r"\b(?:how|where)(?:'?d| did| do| does| would) (?:you|u|y'all|yall|they|your company|you people|you guys) (?:\w+ )?(?:get|got|find|obtain)\b",
    "what_is_this_about": r"\bwhat (?:is|'?s|s) (?:this|that|it) (?:about|regarding|for|concerning|re)\b",
    "what_company": r"\bwhat (?:company|business|organization|campaign|group) (?:is|are|do)\b",
    "who_do_you_work_for": r"\bwho (?:do|are) (?:you|u) (?:work|working|represent|with)\b",
    "which_company": r"\bwhich company\b",
    "what_are_you_talking_about": r"\bwhat are (?:you|u) talking about\b",
    "about_what": r"^about what\b",
    "what_is_this_alone": r"^what is this$",
    "whats_this_alone": r"^what'?s this$",
    "who_sent_this": r"\bwho sent (?:this|me)\b",
    "how_did_i_get_on_the_list": r"\bhow (?:did|do) i (?:get|end up) on (?:this|your) list\b",
    "es_who_is": r"\b(?:quien|quienes) (?:es|eres|son|habla|me escribe)\b",
    "es_where_did_you_get": r"\bde donde (?:sacaron|tienen|obtuvieron)\b",
    "fr_who_is": r"\bqui (?:est ce|etes vous|etes-vous|m'ecrit)\b",
    "fr_cest_qui": r"\bc'est qui\b",
    "de_who_is": r"\bwer (?:ist das|sind sie|bist du|schreibt)\b",
    "de_where_did_you_get": r"\bwoher haben sie\b",
    "pt_who_is": r"\bquem (?:e|fala|esta|sao)\b",
    "it_who_is": r"\bchi (?:e|sei|siete|scrive)\b",
    "what_are_these_texts": r"\bwhat (?:is|are) (?:this|these) (?:texts?|messages?)\b",
    "how_do_i_get_help": r"\bhow do i (?:get help|contact)\b",
    "de_who_is_there": r"\bwer ist (?:da|dran)\b",
    "pl_who_is": r"\bkto (?:to|pisze|mowi)\b",
    "ru_who_is": r"кто это",
    "ru_who_writes": r"кто пишет",
    "ko_who": r"누구",
    "vi_who_is": r"\bai (?:day|dang|vay)\b",
    "tl_who_is": r"\bsino (?:po )?(?:ito|to|kayo)\b",
    "hi_who_are_you": r"\baap kaun\b|\bkaun (?:ho|hai)\b",
    "ar_who_are_you": r"من أنت",
    "zh_who_are_you": r"你是谁",
    "zh_who_is_it": r"谁啊",
    "it_where_did_you_get": r"\bdove avete (?:preso|trovato|avuto)\b",
    "nl_who_is": r"\bwie is (?:dit|dat|daar)\b",
    "nl_how_did_you_get": r"\bhoe (?:komen|kom) (?:jullie|je|u) aan\b",
    "ru_where_did_you_get": r"откуда у (?:вас|тебя)",
    "zh_how_have_my": r"怎么有我的",
    "zh_where_from": r"哪里(?:来|得到)的",
    "pl_where_did_you_get": r"\bskad (?:macie|masz)\b",
    "es_pt_where_did_you_get": r"\bona ?de (?:sacaron|conseguiram)\b",
    "pt_how_did_you_get": r"\bcomo (?:voces|vcs|conseguiram) (?:\w+ )?(?:meu|o meu) (?:numero|contato)\b",
    "fr_where_did_you_get": r"\bou avez[ -]vous (?:eu|trouve|pris)\b",
}
# who is this, how did you get my number, what is it, cost, a person, contact: a table per language
HELP.update(help_patterns())
OPT_IN = {
    "sign_me_back": r"\b(?:sign|add|put|subscribe|opt|enroll|enrol|take) (?:me|us) (?:back|again|in$)",
    "sign_me_up_again": r"\b(?:sign|add|put|subscribe|opt) (?:me|us) (?:\w+ )?(?:back|again)\b",
    "resubscribe": r"\bre-?subscribe\b",
    "start_sending_again": r"\b(?:start|resume|restart) (?:sending|texting|messaging) (?:me )?(?:again|back)\b",
    "turn_texts_back_on": r"\b(?:turn|switch) (?:my |the )?(?:texts?|alerts?|messages?|notifications?|sms) back on\b",
    "texts_back_on": r"\b(?:texts?|alerts?|messages?|notifications?|deals?|offers?) back on\b",
    "fr_put_me_back": r"\b(?:remettez|reinscrivez|reabonnez)[ -]?moi\b",
    # Romance imperatives "put/add me back": the object pronoun before (pt-BR) or after the verb
    "pt_put_me_back": r"\b(?:me )?(?:coloquem|coloque|ponham|ponha|adicionem|adicione|incluam|inclua|inscrevam|inscreva)"
    r"(?:[ -]?me)? (?:de volta|de novo|novamente)\b",
    "es_put_me_back": r"\b(?:ponganme|agreguenme|anadanme|incluyanme|inscribanme|vuelvan a (?:ponerme|agregarme|anadirme|incluirme|inscribirme))"
    r" (?:de nuevo|otra vez|en la lista)\b",
    # "back on the list" in the keyword languages
    "pt_back_on_the_list": r"\b(?:de volta|de novo) (?:na|a|para a) (?:lista|lista de \w+)\b",
    "es_back_on_the_list": r"\b(?:de nuevo|otra vez) en la lista\b",
    "fr_back_on_the_list": r"\b(?:a nouveau|de nouveau) sur (?:la|votre) liste\b",
    "de_back_on_the_list": r"\bwieder auf (?:die|eure|ihre) liste\b",
    "it_back_on_the_list": r"\b(?:di nuovo|nuovamente) (?:nella|in) lista\b",
    "nl_back_on_the_list": r"\b(?:terug|weer) op (?:de|jullie|uw) lijst\b",
    "it_sign_me_up_again": r"\b(?:iscrivetemi|riscrivetemi) di nuovo\b",
    "de_sign_me_up_again": r"\bmelden sie mich wieder an\b",
    "es_activate_me": r"\b(?:activenme|actívenme|suscribanme|suscríbanme)\b",
    "zh_receive_again": r"重新(?:收到|接收|订阅)",
    # not '다시 구독하지 않을게요', nor '영수증 다시 받을 수 있어요?' (one thing again: resume_others.py reads the messages)
    "ko_receive_again": r"다시 (?:받고 ?싶|구독)(?!\w* ?(?:안|않|말|마))",
    "ru_receive_again": r"снова получать",
    "sent_stop_by_accident": r"\b(?:texted|sent|replied|typed|said|hit|pressed) stop (?:by (?:accident|mistake)|accidentally)\b",
    "didnt_mean_to_unsubscribe": r"\b(?:didn'?t|did not|never) mean to (?:unsubscribe|opt out|stop|text stop|reply stop|cancel)\b",
    "unsubscribed_by_accident": r"\bunsubscribed (?:by (?:accident|mistake)|accidentally)\b",
    "opt_me_back_in": r"\bopt (?:me )?back in\b",
    "want_texts_again": r"\b(?:want|like|love|wish) to (?:get|receive|have) (?:your |the |these )?(?:texts?|messages?|alerts?|deals?|offers?) again\b",
    "want_to_be_back_on": r"\b(?:i|we) (?:want|would like|'d like) (?:to )?(?:be )?(?:back on|rejoin|re-?join)\b",
    "es_receive_again": r"\b(?:quiero|deseo) (?:volver a )?(?:recibir|suscribirme)\b.*\bde nuevo\b|\bvolver a recibir\b",
    "pt_receive_again": r"\bquero voltar a receber\b|\bquero receber de novo\b",
    "fr_receive_again": r"\b(?:me reabonner|recevoir a nouveau)\b",
    "de_receive_again": r"\bwieder (?:nachrichten|anmelden|erhalten|empfangen)\b",
    "it_receive_again": r"\b(?:ricevere di nuovo|riattiva)\b",
}
# resume requests and accidental STOPs in en, es, fr, pt, it, de: one table per language (resume.py)
OPT_IN.update(opt_in_patterns())
# a mention, not a request: questions about what a keyword does, hypotheticals, instructions
MENTION = {
    "what_happens_if": r"\bwhat (?:happens|does|will happen|would happen|if)\b",
    "does_stop": r"\bdoes (?:stop|replying|texting stop)\b",
    "if_i_reply_stop": r"\bif i (?:reply|text|send|say|type|write|respond)(?: with| back)? (?:\w+ )?(?:stop|quit|end|cancel|unsubscribe|yes|no|help|start)\b",
    "if_i_unsubscribe": r"\bif (?:i|we) (?:do |ever )?(?:unsubscribe|unsub|opt ?out|cancel|quit|stop (?:the |these |your )?(?:texts|messages))\b",
    "how_does_it_work": r"\bhow does (?:stop|it|this) work\b",
    "stop_is_a_keyword": r"\b(?:is|was) (?:stop|cancel|quit|end) (?:a|the) (?:keyword|word|command)\b",
    # 'what happens if I reply stop?' in the other keyword languages (#28): a question, not a STOP
    "es_if_i_reply_stop": r"\bsi (?:les? )?(?:respondo|contesto|mando|envio|escribo|pongo) (?:\w+ )?(?:stop|baja|alto|cancelar|parar)\b",
    "fr_if_i_reply_stop": r"\bsi (?:je |j')?(?:reponds|envoie|ecris|tape|mets) (?:\w+ )?(?:stop|arret)\b",
    "pt_if_i_reply_stop": r"\bse (?:eu )?(?:responder|mandar|enviar|escrever|digitar) (?:\w+ )?(?:stop|sair|parar|cancelar)\b",
    "it_if_i_reply_stop": r"\bse (?:rispondo|scrivo|mando|invio|digito) (?:\w+ )?(?:stop|basta|cancella)\b",
    "de_if_i_reply_stop": r"\bwenn ich (?:\w+ )?(?:stop|stopp) (?:antworte|schreibe|sende|schicke)\b",
}
MENTION.update(if_stop_patterns())  # nl pl ru tl hi vi ar zh ko (help_questions.py)
OTHER_LANGUAGE_REQUEST = {
    "es": {
        "es_dont_send": r"\b(?:no|ya no|nunca) (?:me |nos )?(?:vuelvan a |vuelva a )?(?:manden|mandes|envien|envies|escriban|escribas|contacten|contactes|llamen|molesten|mande|envie|escriba)\b",
        "es_stop_sending": r"\b(?:dejen|deja|deje|paren|pare) de (?:mandar|enviar|escribir|molestar|contactar|llamar)\w*\b",
        "es_take_me_off": r"\b(?:sacame|sáquenme|saquenme|quitame|quitenme|eliminame|eliminenme|borrame|borrenme|darme de baja|dame de baja|denme de baja)\b",
        "es_dont_want_messages": r"\bno (?:quiero|deseo|necesito) (?:recibir |mas |tus |sus |ningun )*(?:mensajes|sms|textos|promociones|ofertas|notificaciones|nada)\b",
        "es_remove_my_number": r"\b(?:saca|saque|saquen|quita|quite|quiten|borra|borre|borren|elimina|elimine|eliminen)(?:me|nme)? (?:mi|el|mis) (?:numero|nombre|datos)\b",
        "es_leave_me_alone": r"\bdejame en paz\b|\bdejenme en paz\b",
        "es_wrong_number": r"\bnumero equivocado\b",
        "es_wrong_number_misdialled": r"\bse equivocaron de numero\b",
        "es_im_not": r"\bno soy \w+\b",
    },
    "pt": {
        "pt_stop_sending": r"\b(?:parem|pare|para) de (?:me )?(?:mandar|enviar|ligar|escrever)\w*\b",
        "pt_dont_send": r"\bn[ao]o (?:me )?(?:mandem|mande|envie|enviem|ligue|liguem|escreva|escrevam|quero (?:mais |receber )*(?:mensage|sms|promoc))\w*",
        "pt_take_me_off": r"\b(?:me )?(?:tira|tirem|remova|removam|exclua|excluam|descadastre|descadastrem)(?: me)?\b",
        "pt_leave_me_alone": r"\bme deixa em paz\b",
        "pt_wrong_number": r"\bnumero errado\b",
    },
    "fr": {
        "fr_stop_sending": r"\b(?:arretez|arrete|cessez|cesse) de (?:m'?|me )?(?:envoyer|ecrire|contacter|appeler|harceler)\b",
        "fr_dont_send_any_more": r"\bne (?:m'?|me )?(?:envoyez|ecrivez|contactez|appelez|envoie|ecris) plus\b",
        "fr_dont_want_any_more": r"\bje ne (?:veux|souhaite) plus\b",
        "fr_unsubscribe_me": r"\b(?:desabonnez|desinscrivez|retirez|supprimez|enlevez)[ -]?moi\b",
        "fr_leave_me_alone": r"\blaissez[ -]moi tranquille\b",
        "fr_leave_me_in_peace": r"\bfoutez[ -]moi la paix\b",
        "fr_wrong_number": r"\bmauvais numero\b",
        "fr_no_more_messages": r"\bplus de (?:sms|messages)\b",
    },
    "de": {
        "de_no_more_messages": r"\b(?:keine|nicht mehr|keinerlei) (?:\w+ )?(?:nachrichten|sms|werbung|mitteilungen)\b",
        "de_stop": r"\b(?:horen|hoeren|hort|hoert) sie (?:bitte )?auf\b",
        "de_dont_send_me": r"\b(?:schreiben|senden|schicken) sie mir (?:\w+ )?(?:nicht|keine)\b",
        "de_leave_me_alone_formal": r"\blassen sie mich in ruhe\b",
        "de_leave_me_alone": r"\blass mich in ruhe\b",
        "de_wrong_number": r"\bfalsche nummer\b",
        "de_delete_number": r"\bnummer (?:loschen|entfernen)\b",
        "de_remove_me": r"\b(?:entfernen|loschen|streichen|austragen) sie (?:bitte )?(?:mich|meine)\b",
        "de_sign_me_off": r"\bmelde\w* mich ab\b",
    },
    "it": {
        "it_stop_sending": r"\b(?:smettete|smettila|smetti|smettetela|basta) (?:di )?(?:mand|invi|scriv|contatt|chiam|messagg)\w*\b",
        "it_dont_send": r"\bnon (?:mandatemi|inviatemi|scrivetemi|contattatemi|voglio (?:piu |ricevere )*(?:messaggi|sms))\b",
        "it_remove_me": r"\b(?:toglietemi|cancellatemi|rimuovetemi|eliminatemi|togliete il mio)\b",
        "it_leave_me_alone": r"\blasciatemi in pace\b",
        "it_wrong_number": r"\bnumero sbagliato\b",
    },
    "nl": {
        "nl_stop_sending": r"\bstop met (?:sms|berichten|sturen|appen)\w*\b",
        "nl_no_more_messages": r"\bgeen (?:\w+ )?(?:berichten|sms|smsjes) meer\b",
        "nl_take_me_off": r"\bhaal (?:me|mij|mijn nummer) (?:van|uit)\b",
        "nl_wrong_number": r"\bverkeerd nummer\b",
        "nl_leave_me_alone": r"\blaat me met rust\b",
    },
    "pl": {
        "pl_dont": r"\bnie (?:chce|wysylajcie|piszcie|dzwoncie)\b",
        "pl_stop_writing": r"\bprzestan\w* (?:pisac|wysylac|dzwonic)\b",
        "pl_remove_me": r"\b(?:wypisz|usun|usuncie) (?:mnie|moj numer)\b",
        "pl_wrong_number": r"\bzly numer\b",
    },
    "tl": {
        "tl_stop": r"\b(?:itigil|tigil|tigilan|hinto|ihinto)\b",
        # 'huwag niyo na akong padalhan ulit' (a hyphen folds to a space: 'mag-text' reads 'mag text')
        "tl_dont_text": r"\bhuwag (?:na |nyo |niyo |mo |po )*(?:\w+ )?(?:mag[ -]?text|i[ -]?text|mag[ -]?message|tawag|padala|padalhan|padalahan|magpadala)\w*\b",
        "tl_remove_me": r"\b(?:alisin|tanggalin) (?:\w+ ){0,3}(?:ako|ang number ko|number ko)\b",
        "tl_dont_want": r"\bayaw ko na\b",
        "tl_no_more": r"\bwag na (?:\w+ ){0,2}(?:mag|kayo)\w*\b",
    },
    "hi": {
        "hi_stop_it": r"\b(?:band|bandh) (?:karo|kar do|kijiye|kare|karein|kar dijiye)\b",
        "hi_dont_send": r"\b(?:mat|mt|na) (?:bhejo|bheje|bhejiye|bhejna|karo message|karo msg)\b",
        "hi_message_no": r"\b(?:message|msg|sms) (?:mat|band|nahi)\b",
        "hi_dont_want": r"\bnahi chahiye\b",
        "hi_no_messages_to_me": r"\bmujhe (?:message|msg|sms) nahi\b",
    },
    "vi": {
        "vi_stop_sending": r"\b(?:dung|ngung|thoi) (?:gui|nhan|nhan tin|lien lac)\b",
        "vi_dont_receive": r"\bkhong (?:muon )?(?:nhan|gui)\b",
        "vi_cancel": r"\bhuy (?:dang ky|nhan)\b",
        "vi_dont_bother": r"\bdung lam phien\b",
        "vi_delete_number": r"\bxoa so\b",
        "vi_wrong_number": r"\bsai so\b",
    },
    "ko": {
        "ko_stop": r"그만",
        "ko_dont_send": r"보내지\s*마",
        "ko_refuse": r"수신\s*거부",
        "ko_block": r"차단",
        "ko_dont_contact": r"연락\s*하지\s*마",
        "ko_delete_number": r"번호\s*(?:를\s*)?(?:지워|삭제)",
        "ko_unsubscribe": r"구독\s*취소",
        "ko_get_lost": r"꺼져",
        "ko_wrong_number": r"잘못\s*(?:된\s*)?번호",
    },
    "ar": {
        "ar_stop": r"توقف",
        "ar_stop_imperative": r"اوقف",
        "ar_stop_imperative_hamza": r"أوقف",
        "ar_dont_send": r"لا ترسل",
        "ar_unsubscribe": r"الغاء الاشتراك",
        "ar_unsubscribe_hamza": r"إلغاء الاشتراك",
        "ar_dont_want": r"لا اريد",
        "ar_dont_want_hamza": r"لا أريد",
        "ar_delete_my_number": r"احذف\w* رقمي",
        "ar_wrong_number": r"رقم خطا",
        "ar_wrong_number_2": r"رقم خاطئ",
    },
    "zh": {
        "zh_dont_send": r"不要再?(?:发|給|给|傳|传)",
        "zh_dont_send_bie": r"别再?(?:发|給|给)",
        "zh_stop_sending": r"停止(?:发送|发)",
        "zh_unsubscribe": r"退订",
        "zh_cancel_subscription": r"取消订阅",
        "zh_wrong_number": r"打错",
        "zh_delete_my": r"删除我的",
        "zh_dont_need": r"不需要",
        "zh_number_delete": r"号码删",
        "zh_delete_it": r"删掉",
        "zh_wrong_person": r"发错人",
    },
    "ru": {
        "ru_dont_write": r"не (?:пишите|присылайте|звоните|отправляйте)",
        "ru_enough": r"хватит",
        "ru_unsubscribe_me": r"отпишите",
        "ru_delete_me": r"удалите (?:мой|меня)",
        "ru_stop": r"прекратите",
        "ru_stop_it_formal": r"перестаньте",
        "ru_stop_it": r"перестань",
        "ru_no_more": r"больше не (?:пишите|присылайте)",
    },
}


def compile_all(patterns: Mapping[str, str]) -> re.Pattern[str]:
    """One regex for named alternatives; ^ and $ also match at clause breaks (newlines).

    The word boundary most alternatives start with is tested once, before them all: inside a
    word the engine then gives up at once instead of trying a hundred alternatives (3-6x faster;
    the same matches, since a leading \\b belongs to every alternative it is hoisted from).
    A twin with each alternative as a named group names the pattern behind a match (`fired`);
    searching stays with the plain alternation, as groups would make every search ~4x slower."""
    for name, pattern in patterns.items():
        if not name.isidentifier() or not name.isascii() or re.compile(pattern).groups:
            raise ValueError(
                f"pattern {name!r}: a name must be an ASCII identifier and the "
                "pattern capture nothing (it is a named group itself)"
            )
    plain = _alternation({n: f"(?:{p[2:]})" if p.startswith(r"\b") else f"(?:{p})" for n, p in patterns.items()}, patterns)
    named = _alternation(
        {n: f"(?P<{n}>{p[2:]})" if p.startswith(r"\b") else f"(?P<{n}>{p})" for n, p in patterns.items()}, patterns
    )
    regex = re.compile(plain, re.MULTILINE)
    _NAMED[id(regex)] = (regex, re.compile(named, re.MULTILINE))
    return regex


def _alternation(wrapped: Mapping[str, str], patterns: Mapping[str, str]) -> str:
    """The alternatives in matching order: those that start at a word boundary behind one \\b."""
    at_word = [wrapped[n] for n, p in patterns.items() if p.startswith(r"\b")]
    anywhere = [wrapped[n] for n, p in patterns.items() if not p.startswith(r"\b")]
    hoisted = [r"\b(?:" + "|".join(at_word) + ")"] if at_word else []
    return "|".join(hoisted + anywhere)


# id(plain regex) -> (the regex itself, kept so that an id is never reused, its named twin)
_NAMED: dict[int, tuple[re.Pattern[str], re.Pattern[str]]] = {}


def fired(match: re.Match[str]) -> str:
    """The name of the pattern whose alternative made a match of a `compile_all` regex: the
    twin, tried at the same place, takes the same first alternative that matches there."""
    entry = _NAMED.get(id(match.re))
    if entry is None or entry[0] is not match.re:
        raise ValueError("not a match of a compile_all regex")
    again = entry[1].match(match.string, match.start())
    return again.lastgroup or "" if again else ""


# someone else's stopping, or the writer's own: 'he needs to stop going to bed', 'i need to stop'
STATEMENT = {
    "someone_stops": r"\b(?:i|he|she|they|we|it|someone|somebody|everyone|everything|this|that|which)"
    r"(?:'s|'ll|'d| is| was| will| would| needs?| has| have| had| should| must| going| gonna| wants?| can'?t| could| to| never| just)+"
    r" (?:\w+ )?(?:stop|quit|end|cancel)\w*\b",
    "way_to_stop": r"\b(?:enough|trying|tried|able|how|way) to (?:stop|quit|end|cancel)\b",
    # a delivery complaint, the opposite of a stop: 'i'm not getting your texts', 'she never got the sms'
    "not_getting_messages": r"\b(?:not|never|didn'?t|did not|don'?t|doesn'?t|isn'?t|aren'?t|haven'?t|hasn'?t|stopped|no longer)"
    r" (?!(?:want|wanna|wish|like|need|care)\b)(?:\w+ )?(?:getting|receiving|get|receive|got|received) (?:\w+ ){0,2}"
    r"(?:messages?|texts?|msgs?|sms|alerts?|notifications?|reminders?)\b",
}
# the writer made the mistake: 'sorry wrong person, meant to text my sister'
SELF_MISTAKE = {
    "meant_to_text": r"\b(?:meant|supposed) (?:to|for) (?:text|send|message|go to|be for)\b",
    "sent_to_the_wrong": r"\b(?:sent|texted) (?:this |that |it )?to the wrong\b",
    "my_bad": r"\bmy (?:bad|mistake)\b",
    "ignore_that": r"\bignore (?:that|this|my last)\b",
    "wrong_chat": r"\bwrong (?:chat|thread|convo|conversation)\b",
}
# "stop calling me, text me instead": the person wants texts, only not calls
PREFERS_TEXTS = {
    "text_me_instead": r"\b(?:text|message|sms|txt) (?:me|us) (?:instead|only|rather)\b",
    "only_texts": r"\b(?:only|just) (?:text|sms|txt)\b",
    "text_me_alone": r"^(?:please |pls )?(?:text|sms|txt) (?:me|us)$",
}
# texts kept while another channel goes: 'stop calling, texting is fine', 'SMS is ok', 'les SMS ça va'
PREFERS_TEXTS.update(
    {
        "texting_is_fine": r"\b(?:texting|texts?|txts?|sms|text messages|messages)(?: me| us)? (?:is|are|r) (?:still )?(?:ok|okay|fine|good|great|alright|all right|welcome)\b",
        "texts_ok_alone": r"^(?:but )?(?:texting|texts?|txts?|sms|text messages)(?: me)? (?:ok|okay|fine)$",
        "keep_texting": r"\b(?:keep|continue|still) (?:texting|sending (?:me )?(?:the |your )?(?:texts|sms))\b",
        "texts_only": r"\b(?:texts?|sms|txts?) only\b",
        "es_sms_ok": r"\b(?:mensajes|sms|textos)(?: de texto)? (?:estan|esta|son|me parecen) bien\b|\bpor (?:sms|mensaje) (?:esta )?bien\b",
        "fr_sms_ok": r"\b(?:sms|textos|messages) (?:ca va|c'est bon|c'est ok|sont ok|me vont)\b",
        "de_sms_ok": r"\b(?:sms|nachrichten) (?:sind|ist) (?:ok|okay|in ordnung|gut|okay)\b",
        "pt_sms_ok": r"\b(?:sms|mensagens) (?:estao|esta|tudo|sao) (?:bem|ok|otimas?|tranquilo)\b",
        "it_sms_ok": r"\b(?:sms|messaggi) (?:vanno bene|va bene|sono ok)\b",
        "nl_sms_ok": r"\b(?:sms|smsjes|berichten) (?:is|zijn) (?:prima|goed|ok|oke)\b",
    }
)
# a channel that is not our texts to this number: an opt-out from it alone is not an SMS opt-out
OTHER_CHANNEL = {
    "en_email": r"\b(?:e-?mails?|e-?mailing|e-?mailed|newsletters?)\b",
    "en_post": r"\b(?:catalogu?es?|catalogs?|postcards?|flyers?|brochures?|mailers?|postal mail|snail mail|paper mail|magazines?)\b",
    "es_email": r"\b(?:correos?|catalogos?|cartas|folletos|boletin(?:es)?)\b",
    "fr_email": r"\b(?:mails|courriels?|courriers?|lettres|prospectus)\b",
    "de_email": r"\b(?:mails|kataloge?|briefe|werbepost|werbebriefe|prospekte)\b",
    "pt_email": r"\b(?:correspondencias?|folhetos|catalogos?)\b",
    "it_email": r"\b(?:cataloghi|lettere|volantini)\b",
    "nl_email": r"\b(?:nieuwsbrief|nieuwsbrieven|catalogus|brieven|folders)\b",
}
# a condition on wanting out: 'if I ever want to stop', 'how do I unsubscribe if I need to?'
HYPOTHETICAL = {
    "if_i_want_out": r"\b(?:if|when|whenever|in case|should|once) (?:i|we) (?:ever |do |eventually |later |one day |some ?day )?"
    r"(?:want|wanted|need|needed|decide|decided|wish|wished|choose|chose|would like|d like|feel like)(?: to)? "
    r"(?:stop|quit|unsubscribe|unsub|opt ?out|cancel|leave|out|be removed|end (?:it|them|these|this))\b",
    "if_i_need_to": r"\b(?:if|when|in case) (?:i|we) (?:ever )?(?:need|needed|want|wanted|have|had|decide|decided|choose|chose|wish|wished) to$",
    "when_im_ready": r"\b(?:when|once|if) (?:i'?m|i am|we'?re|we are) ready\b",
    "i_will_later": r"\b(?:i'?ll|i will|we'?ll|we will) (?:\w+ )?(?:unsubscribe|opt ?out|text stop|reply stop|cancel|quit|stop) (?:when|if|once|later|some ?day|eventually)\b",
    "change_my_mind": r"\b(?:if|when|in case) (?:i|we) (?:ever )?(?:change (?:my|our) minds?|get (?:tired|sick|bored) of (?:these|them|the|your))\b",
    "es_if_i_want": r"\bsi (?:algun dia |alguna vez |mas adelante )?(?:quiero|quisiera|necesito|necesitara|decido|me canso)\b",
    "fr_if_i_want": r"\bsi (?:un jour )?(?:je|j') ?(?:veux|voulais|souhaite|souhaitais|dois|decide|change d'avis)\b",
    "de_if_i_want": r"\b(?:wenn|falls) ich (?:irgendwann |mal |spater )?(?:will|mochte|moechte|muss|aufhoren)\b",
    "pt_if_i_want": r"\bse (?:um dia )?(?:eu )?(?:quiser|precisar|decidir|mudar de ideia)\b",
    "it_if_i_want": r"\bse (?:un giorno )?(?:voglio|volessi|dovessi|decido|decidessi|cambio idea)\b",
    "nl_if_i_want": r"\bals ik (?:ooit |later )?(?:wil|moet|besluit)\b",
}
# 'some day', 'later': a condition only in a question about opting out ('how can I opt out later?')
LATER = {
    "later": r"\b(?:some ?day|one day|in the future|down the road|later on|later|at some point|eventually|any ?time|at any time|if ever|if needed|if need be|if necessary)\b",
    "es_later": r"\b(?:algun dia|en el futuro|mas adelante|cuando quiera)\b",
    "fr_later": r"\b(?:un jour|a l'avenir|plus tard|quand je veux)\b",
    "de_later": r"\b(?:irgendwann|spater|in zukunft|jederzeit)\b",
    "pt_later": r"\b(?:um dia|no futuro|mais tarde|quando quiser)\b",
    "it_later": r"\b(?:un giorno|in futuro|piu avanti|quando voglio)\b",
    "nl_later": r"\b(?:ooit|in de toekomst|later|wanneer ik wil)\b",
}
# a how-to question: 'how do I …', 'what would I text …', 'cómo puedo …'
HOW_TO_RE = re.compile(
    r"\b(?:how|what) (?:do|can|would|should|could|will|does|must|did) (?:i|we|one|you)\b|"
    r"\bis there a way\b|\bwhat(?:'s| is) the (?:word|keyword|command|code)\b|"
    r"\b(?:como|comment|wie|come|hoe) (?:puedo|hago|me|je|kann|posso|faccio|kan)\b"
)
# a word for our texts, in the supported languages: with it the opt-out is about the texts too
SMS_WORD_RE = re.compile(
    r"\b(?:te?xt\w*|txt\w*|sms\w*|messag\w*|msgs?|mensaj\w*|mensage\w*|nachricht\w*|"
    r"berichten|textos?|whatsapp|numbers?)\b"
)
CALLS_ONLY_RE = re.compile(
    r"\b(?:call|calls|calling|phone calls|ringing|robocall\w*|llam\w*|appel\w*|ligar|ligue\w*|ligac\w*|"
    r"anruf\w*|anrufen|chiamat\w*|chiamar\w*|bellen|telefoontjes|dzwon\w*)\b"
)
ACCIDENT = {
    "by_accident": r"\b(?:by (?:accident|mistake))\b",
    "accidentally": r"\baccidentally\b",
    "mistakenly": r"\bmistakenly\b",
    "on_accident": r"\bon accident\b",
    "didnt_mean_to": r"\b(?:didn'?t mean to|did not mean to|never meant to)\b",
    "es_by_mistake": r"\bpor (?:error|equivocacion)\b",
    "fr_by_mistake": r"\bpar erreur\b",
    "pt_by_mistake": r"\bpor engano\b",
    "it_by_mistake": r"\bper sbaglio\b",
    "de_by_mistake": r"\baus versehen\b",
}
ACCIDENT.update(accident_patterns())
STOP_NEG = _any(
    r"don'?t",
    "do not",
    "dont",
    "never",
    r"won'?t",
    "will not",
    r"didn'?t",
    "did not",
    r"doesn'?t",
    "does not",
    r"can'?t",
    "cannot",
    r"shouldn'?t",
    "no need to",
    "not to",
)
NEGATED_STOP = {
    "dont_stop": rf"\b{STOP_NEG} (?:ever |even |you |u |you dare |u dare |ever ever )?(?:stop|quit|cancel|end|unsubscribe|remove|take)\b",
    "es_dont_stop": r"\bno (?:paren|pares|dejen|dejes|me saquen)\b",
    "pt_dont_stop": r"\bn[ao]o (?:parem|pare|parar)\b",
    "fr_dont_stop": r"\bn'arretez pas\b",
    "it_dont_stop": r"\bnon smettete\b",
    "de_dont_stop": r"\bhoren sie nicht auf\b",
}


@dataclass(frozen=True)
class Family:
    """Named patterns of one kind, compiled into one alternation: a rule names `family.pattern`."""

    name: str
    patterns: Mapping[str, str]
    intent: str  # what a match stands for: an intent, or 'not opt_out' for what vetoes one
    regex: re.Pattern[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "regex", compile_all(self.patterns))


OTHER_LANGUAGE_PATTERNS = {name: p for by_name in OTHER_LANGUAGE_REQUEST.values() for name, p in by_name.items()}
if set(OTHER_LANGUAGE_PATTERNS) & set(EN_REQUEST):
    raise ValueError("a request pattern name is used twice")
REQUEST = Family("request", EN_REQUEST, "opt_out")
OTHER_LANGUAGE = Family("request", OTHER_LANGUAGE_PATTERNS, "opt_out")
WRONG_RECIPIENT_FAMILY = Family("wrong-recipient", WRONG_RECIPIENT, "opt_out")
DISMISSAL_FAMILY = Family("dismissal", DISMISSAL, "opt_out")
OPT_IN_FAMILY = Family("opt-in-request", OPT_IN, "opt_in")
HELP_FAMILY = Family("help-question", HELP, "help")
MENTION_FAMILY = Family("mention", MENTION, "not opt_out")
NEGATED_STOP_FAMILY = Family("negated-stop", NEGATED_STOP, "not opt_out")
STATEMENT_FAMILY = Family("statement", STATEMENT, "not opt_out")
PREFERS_TEXTS_FAMILY = Family("prefers-texts", PREFERS_TEXTS, "not opt_out")
SELF_MISTAKE_FAMILY = Family("self-mistake", SELF_MISTAKE, "not opt_out")
ACCIDENT_FAMILY = Family("accident", ACCIDENT, "not opt_out")
OTHER_CHANNEL_FAMILY = Family("other-channel", OTHER_CHANNEL, "not opt_out")
HYPOTHETICAL_FAMILY = Family("hypothetical", HYPOTHETICAL, "not opt_out")
LATER_FAMILY = Family("later", LATER, "not opt_out")
# every family, in the order the reader's prefilter is given them
NAMED_FAMILIES = (
    MENTION_FAMILY,
    NEGATED_STOP_FAMILY,
    REQUEST,
    OTHER_LANGUAGE,
    WRONG_RECIPIENT_FAMILY,
    DISMISSAL_FAMILY,
    OPT_IN_FAMILY,
    HELP_FAMILY,
    STATEMENT_FAMILY,
    PREFERS_TEXTS_FAMILY,
    SELF_MISTAKE_FAMILY,
    ACCIDENT_FAMILY,
    OTHER_CHANNEL_FAMILY,
    HYPOTHETICAL_FAMILY,
    LATER_FAMILY,
)

REQUEST_RE = REQUEST.regex
OTHER_LANGUAGE_REQUEST_RE = OTHER_LANGUAGE.regex
DISMISSAL_RE = DISMISSAL_FAMILY.regex
WRONG_RECIPIENT_RE = WRONG_RECIPIENT_FAMILY.regex
HELP_RE = HELP_FAMILY.regex
OPT_IN_RE = OPT_IN_FAMILY.regex
MENTION_RE = MENTION_FAMILY.regex
STATEMENT_RE = STATEMENT_FAMILY.regex
SELF_MISTAKE_RE = SELF_MISTAKE_FAMILY.regex
PREFERS_TEXTS_RE = PREFERS_TEXTS_FAMILY.regex
ACCIDENT_RE = ACCIDENT_FAMILY.regex
NEGATED_STOP_RE = NEGATED_STOP_FAMILY.regex
OTHER_CHANNEL_RE = OTHER_CHANNEL_FAMILY.regex
HYPOTHETICAL_RE = HYPOTHETICAL_FAMILY.regex
LATER_RE = LATER_FAMILY.regex
