"""Phrase patterns the clause reader looks for, by kind and language, on folded text.

Each pattern names a *kind* of request (a stop verb with a messaging object, a removal
request, a "do not contact", a go-away dismissal, a wrong recipient, a help question,
an explicit wish to be back on the list), not a sentence: new wording of the same kind
matches. Text is folded first (lower case, no accents, no punctuation but apostrophes).
"""
from __future__ import annotations

import re


def _any(*parts: str) -> str:
    """An alternation group."""
    return "(?:" + "|".join(parts) + ")"


NEG = _any(r"don'?t", "do not", "dont", "never", "no", "not", "won'?t", "will not", "didn'?t",
           "did not", "doesn'?t", "does not", "cannot", "can'?t", "shouldn'?t", "no need to")
ME = _any("me", "us", "this (?:number|phone|cell|line)", "this #", r"(?:my|our) (?:\w+ )?(?:number|#|phone|cell|info|information|details|data|contact|name)")
MESSAGING = _any(r"te?xt\w*", r"txt\w*", r"msg\w*", r"messag\w*", "sms", r"sending", "send",
                 r"contact\w*", r"call\w*", r"e-?mail\w*", r"spam\w*", r"bother\w*", r"harass\w*",
                 r"pester\w*", r"bug+ing", r"solicit\w*", r"writ\w*", "reach(?:ing)? out",
                 r"notification\w*", r"alert\w*", r"promo\w*", r"offer\w*", r"ads?", "marketing",
                 "propaganda", "junk", "crap", "garbage", "these", "this", "them", "it", "that",
                 "all")
IMPERATIVE_NEG = _any(r"don'?t", "do not", "dont", "never", "no more", "please don'?t", "pls don'?t")
WANTED = _any(r"texts?", r"messages?", "sms", r"offers?", r"promotions?", r"alerts?", r"notifications?",
              r"e-?mails?", r"calls?", "spam", "ads", r"deals?", "marketing", "stuff", "these", "them",
              "this", "anymore", "any more", r"updates?", r"reminders?")
STOP_VERB = _any(r"stop(?:ped|ping)?", r"quit(?:ting)?", "cease", "halt", "discontinue", "end", "pause", "stp")
GERUND = _any(r"te?xt?\w*ing", r"txt\w*", r"msg\w*", r"mess?ag\w*", r"sms\w*", r"send\w*", r"contact\w*",
              r"call\w*", r"e-?mail\w*", r"spam\w*", r"bother\w*", r"harass\w*", r"pester\w*", r"bug+ing",
              r"asking", r"solicit\w*", r"writ\w*", r"reaching", "hitting")
CONTACT_VERB = _any(r"te?xt\w*", r"txt\w*", r"message\w*", r"msg\w*", r"contact\w*", r"call\w*",
                    r"e-?mail\w*", "send", "sending", r"writ\w*", "reach out", r"bother\w*",
                    r"spam\w*", r"harass\w*", r"solicit\w*", r"bug\w*", r"pester\w*",
                    "hit me up", "ask(?: me)?(?: for)?", "use this number")
DATA = _any("number", "name", "info", "information", "details", "data", "contact", "phone",
            "cell", "everything", r"record\w*", "file", "#")
# removal from something that is not the messages: 'remove me from the waitlist'
NOT_OUR_LIST = r"(?! from (?:the |your |my |this )?(?:wait ?list|cart|order|appointment|reservation|booking|account|class|team|group chat|chat|photo|picture))"
LIST = _any("list", "lists", "system", "database", "contacts", "records", "file", "roster",
            "registry", "mailing", "texts?", "messages?", "program", "group", "campaign")

EN_REQUEST = [
    rf"\b{STOP_VERB} (?:\w+ )?{GERUND}\b",
    rf"\b(?:remove|delete|erase|scratch|unenroll?|unsubscribe|unlist|purge|wipe|exclude) {ME}\b{NOT_OUR_LIST}",
    r"^no more(?: please| pls| thanks| thank you| of (?:these|this|that|them))?$",
    rf"\brather not (?:receive|get) (?:these |your |any |the |them|this)(?:\w+ ){{0,2}}{WANTED}\b|\brather not be (?:texted|contacted|messaged)\b",
    r"^(?:i )?want out\b",
    r"\b(?:be|get|been|being) (?:taken|removed|deleted|unsubscribed|dropped|crossed|struck) (?:off|from|out)\b",
    r"\b(?:to be|be|been) (?:removed|unsubscribed|taken off)\b",
    rf"\b(?:remove|delete|erase) (?:\w+ ){{0,2}}{DATA}\b",
    rf"\b(?:take|get|cross|strike|kick) {ME}(?: {DATA})? (?:off|out of|from)(?: (?:your|the|this|ur|all|these|any))?(?: \w+){{0,2}} {LIST}\b",
    rf"\b(?:take|get|cross|strike|kick) {ME}(?: {DATA})? off$", rf"\bopt {ME}(?: \w+)? out\b",
    rf"\b(?:remove|take|get|delete|drop|unsubscribe|erase)\b.*\b(?:off|from|out of) (?:your|the|this|all|ur|these|any) (?:\w+ ){{0,2}}{LIST}\b",
    r"^(?:off|out of) (?:your|the|this|ur) (?:\w+ )?list\b", r"\bout of (?:your|ur) (?:\w+ ){0,2}list\b",
    rf"(?:^|\b(?:please|pls|plz|so|just|and|then|now|you|u|i said|ever) ){IMPERATIVE_NEG} (?:\w+ ){{0,2}}{CONTACT_VERB} (?:{ME}|again|anymore|any ?more|ever)\b",
    rf"\bno (?:more|further) (?:\w+ )?{MESSAGING}\b", r"^no (?:texts|txts|messages|sms)(?: (?:please|pls|thanks|thank you|ever|again))?$",
    rf"(?:^|\b(?:i|we) )(?:really )?(?:don'?t|do not|no longer|dont|never) (?:want|wish|need|like|care for)"
    rf" (?:to (?:receive|get|be sent) |any more |anymore |these |those |your |any |more |the )(?:\w+ ){{0,2}}{WANTED}\b",
    r"(?:^|\b(?:i|we) )(?:really )?(?:don'?t|do not|no longer|dont) (?:want|wish) to be (?:contacted|texted|messaged|called)\b",
    r"\b(?:i|we) (?:never|didn'?t|did not) (?:asked for|ask for|signed up|sign up|subscribe|opt(?:ed)? in|agree)",
    r"^(?:e-?mail|mail|call|phone calls?|letters?) only\b", r"\b(?:only|just) (?:e-?mail|call) me\b",
    r"\b(?:i|we) (?:want|wish|would like|need|d like|'d like) (?:you )?to (?:unsubscribe|opt ?out|be removed|be taken off)\b",
    rf"\b(?:i|we) (?:want|wish|would like|need|d like|'d like) (?:you )?to (?:stop|cancel|end) (?:receiving |getting )?(?:these |the |your |all |this |my )?(?:\w+ )?{WANTED}\b",
    r"\b(?:lose|forget|delete|erase|ditch) (?:my|this|our) (?:number|#|digits|info|contact)\b",
    r"\b(?:unsubscribe|opt(?:ing)? ?out|opted out)\b(?! (?:button|link|page|(?:my|our) (?:\w+ )?(?:email|e-mail|address|card|account)))", r"\b(?:revoke|withdraw)\w* (?:my |all )?consent\b",
    r"\bdo not (?:call|contact|text) list\b", r"\b(?:i'?m|i am|we are|we'?re) (?:blocking|reporting)\b",
    r"\b(?:report(?:ing)?|block(?:ing)?) (?:you|u|this number|your number)\b",
    rf"\b(?:enough|sick|tired) (?:of|with) (?:these|your|the|all|this) (?:\w+ )?{MESSAGING}\b",
    r"^(?:these|they|this|your (?:\w+ )?(?:texts|messages)) (?:are|is|r) (?:\w+ )?(?:unwanted|not wanted|spam|unsolicited|harassment)\b",
    r"\b(?:these|your|the) (?:\w+ )?(?:texts|messages) (?:are|r) (?:unwanted|spam|annoying|harassment|unsolicited)\b",
    r"\bunwanted (?:texts?|messages?)\b", r"\bstop (?:all|every|any) (?:\w+ )?(?:texts?|messages?|contact)\b",
    r"\b(?:send|text|message) (?:me )?no (?:more|further)\b", r"\bnot to (?:be )?(?:text|contact)\w* (?:me|again)\b",
]
DISMISSAL = [
    r"\b(?:f+|f+u+c*k+|fck|fk|phuck|frick|piss|bugger|sod|eff|buzz|shove|back|bog) off\b", r"\bgo away\b",
    r"\bget lost\b", r"\b(?:leave|let) (?:me|us) (?:alone|be|in peace)\b", r"\bgo to hell\b",
    r"\brot in hell\b", r"\bgo (?:fuck|f|screw|jump|play|pound|suck) (?:yourself|yourselves|off|in|urself|ur self|your ?self)\b",
    r"\bgo jump (?:off|in)\b", r"\b(?:fuck|fck|screw|f) (?:you|u|ya|yall|y'all|them and)\b",
    r"\bkiss my\b", r"\bstfu\b", r"\bshut (?:up|the fuck up)\b", r"\bsybau\b",
    r"\bget (?:the fuck |the hell )?off (?:my|our) (?:phone|back|line)\b",
    rf"\b{NEG} bother (?:me|us)\b", r"\bgo suck\b", r"\bdrop dead\b",
]
WRONG_RECIPIENT = [
    r"\bwrong (?:number|#|person|people|name|party|guy|girl|gal|house|contact|no|numbr|nunber)\b",
    r"\b(?:you|u) (?:have|got|'ve got|ve got|have got) (?:the )?wrong\b",
    r"\b(?:no ?one|nobody|no body|not anyone) (?:here )?(?:by|named|with|called) (?:that|the|this)\b",
    r"\bno (?:one|body|such person) (?:here|by that name|named)\b",
    r"\b(?:there is|there's|theres|thete is) no \w+ (?:here|at this|on this|living)\b",
    r"\b(?:i|we) (?:don'?t|do not|never|didn'?t|did not|no longer) (?:own|owned|rent)\b",
    r"\b(?:doesn'?t|does not|don'?t|do not|didn'?t|no longer|never) (?:own|owned|live|lived) (?:at |in )?(?:this|that|the|my|our) (?:number|phone|cell|house|property|home|address|place)\b",
    r"\b(?:doesn'?t|does not|don'?t|do not|no longer) live (?:there|at that|at this)\b",
    r"\bnot (?:the|an|a) (?:owner|homeowner|landlord|seller)\b", r"\b(?:i'?m|i am|we are) (?:the |a )?(?:renter|tenant)s?\b",
    r"\bnot (?:my|our|mine|ours) (?:property|house|home|address|land|lot|number|phone|cell|building)\b",
    r"^not (?:mine|ours)\b", r"(?:^|\b(?:my|the) )(?:he|she|they|owner|husband|wife|mother|father|mom|dad|son|daughter|brother|sister|person|grandma|grandpa|grandmother|grandfather) (?:has |had |recently |just )?(?:passed away|passed on|died|is deceased|is dead)\b", r"\b(?:is|was) deceased\b",
    r"\b(?:this|that|it) (?:number|phone|cell|line) (?:is|belongs to) (?:a |my |our )?(?:business|company|work|new|different|someone)\b",
    r"\bnew (?:owner|number) (?:of|for) this (?:number|phone)\b", r"\b(?:this|that) (?:is|isn'?t) not (?:my|for me)\b",
    r"\bthis is not for me\b", r"\b(?:don'?t|do not) know (?:any|anyone|anybody|a|who) (?:named|by|is)\b",
]
HELP = [
    r"\bwho (?:is|'?s|s|are|r) (?:this|you|u|these|texting|sending|messaging|dis|that)\b", r"\bwho dis\b",
    r"\bwho (?:is|are) (?:this|you) (?:with|from)\b", r"^who\b.*\bthis\b",
    r"\b(?:how|where)(?:'?d| did| do| does| would) (?:you|u|y'all|yall|they|your company|you people|you guys) (?:\w+ )?(?:get|got|find|obtain)\b",
    r"\bwhat (?:is|'?s|s) (?:this|that|it) (?:about|regarding|for|concerning|re)\b",
    r"\bwhat (?:company|business|organization|campaign|group) (?:is|are|do)\b",
    r"\bwho (?:do|are) (?:you|u) (?:work|working|represent|with)\b", r"\bwhich company\b",
    r"\bwhat are (?:you|u) talking about\b", r"^about what\b", r"^what is this$", r"^what'?s this$",
    r"\bwho sent (?:this|me)\b", r"\bhow (?:did|do) i (?:get|end up) on (?:this|your) list\b",
    r"\b(?:quien|quienes) (?:es|eres|son|habla|me escribe)\b", r"\bde donde (?:sacaron|tienen|obtuvieron)\b",
    r"\bqui (?:est ce|etes vous|etes-vous|m'ecrit)\b", r"\bc'est qui\b", r"\bwer (?:ist das|sind sie|bist du|schreibt)\b",
    r"\bwoher haben sie\b", r"\bquem (?:e|fala|esta|sao)\b", r"\bchi (?:e|sei|siete|scrive)\b",
    r"\bwhat (?:is|are) (?:this|these) (?:texts?|messages?)\b", r"\bhow do i (?:get help|contact)\b",
    r"\bwer ist (?:da|dran)\b", r"\bkto (?:to|pisze|mowi)\b", r"кто это", r"кто пишет", r"누구", r"\bai (?:day|dang|vay)\b",
    r"\bsino (?:po )?(?:ito|to|kayo)\b", r"\baap kaun\b|\bkaun (?:ho|hai)\b", r"من أنت", r"你是谁", r"谁啊",
    r"\bdove avete (?:preso|trovato|avuto)\b", r"\bwie is (?:dit|dat|daar)\b", r"\bhoe (?:komen|kom) (?:jullie|je|u) aan\b",
    r"откуда у (?:вас|тебя)", r"怎么有我的", r"哪里(?:来|得到)的", r"\bskad (?:macie|masz)\b", r"\bona ?de (?:sacaron|conseguiram)\b",
    r"\bcomo (?:voces|vcs|conseguiram) (?:\w+ )?(?:meu|o meu) (?:numero|contato)\b", r"\bou avez[ -]vous (?:eu|trouve|pris)\b",
]
OPT_IN = [
    r"\b(?:sign|add|put|subscribe|opt|enroll|enrol|take) (?:me|us) (?:back|again|in$)",
    r"\b(?:sign|add|put|subscribe|opt) (?:me|us) (?:\w+ )?(?:back|again)\b", r"\bre-?subscribe\b",
    r"\b(?:start|resume|restart) (?:sending|texting|messaging) (?:me )?(?:again|back)\b",
    r"\b(?:turn|switch) (?:my |the )?(?:texts?|alerts?|messages?|notifications?|sms) back on\b",
    r"\b(?:texts?|alerts?|messages?|notifications?|deals?|offers?) back on\b",
    r"\b(?:remettez|reinscrivez|reabonnez)[ -]?moi\b",
    # Romance imperatives "put/add me back": the object pronoun before (pt-BR) or after the verb
    r"\b(?:me )?(?:coloquem|coloque|ponham|ponha|adicionem|adicione|incluam|inclua|inscrevam|inscreva)"
    r"(?:[ -]?me)? (?:de volta|de novo|novamente)\b",
    r"\b(?:ponganme|agreguenme|anadanme|incluyanme|inscribanme|vuelvan a (?:ponerme|agregarme|anadirme|incluirme|inscribirme))"
    r" (?:de nuevo|otra vez|en la lista)\b",
    # "back on the list" in the keyword languages
    r"\b(?:de volta|de novo) (?:na|a|para a) (?:lista|lista de \w+)\b", r"\b(?:de nuevo|otra vez) en la lista\b",
    r"\b(?:a nouveau|de nouveau) sur (?:la|votre) liste\b", r"\bwieder auf (?:die|eure|ihre) liste\b",
    r"\b(?:di nuovo|nuovamente) (?:nella|in) lista\b", r"\b(?:terug|weer) op (?:de|jullie|uw) lijst\b",
    r"\b(?:iscrivetemi|riscrivetemi) di nuovo\b", r"\bmelden sie mich wieder an\b", r"\b(?:activenme|actívenme|suscribanme|suscríbanme)\b",
    r"重新(?:收到|接收|订阅)", r"다시 (?:받|구독)", r"снова получать",
    r"\b(?:texted|sent|replied|typed|said|hit|pressed) stop (?:by (?:accident|mistake)|accidentally)\b",
    r"\b(?:didn'?t|did not|never) mean to (?:unsubscribe|opt out|stop|text stop|reply stop|cancel)\b",
    r"\bunsubscribed (?:by (?:accident|mistake)|accidentally)\b", r"\bopt (?:me )?back in\b",
    r"\b(?:want|like|love|wish) to (?:get|receive|have) (?:your |the |these )?(?:texts?|messages?|alerts?|deals?|offers?) again\b",
    r"\b(?:i|we) (?:want|would like|'d like) (?:to )?(?:be )?(?:back on|rejoin|re-?join)\b",
    r"\b(?:quiero|deseo) (?:volver a )?(?:recibir|suscribirme)\b.*\bde nuevo\b|\bvolver a recibir\b",
    r"\bquero voltar a receber\b|\bquero receber de novo\b", r"\b(?:me reabonner|recevoir a nouveau)\b",
    r"\bwieder (?:nachrichten|anmelden|erhalten|empfangen)\b", r"\b(?:ricevere di nuovo|riattiva)\b",
]
# a mention, not a request: questions about what a keyword does, hypotheticals, instructions
MENTION = [
    r"\bwhat (?:happens|does|will happen|would happen|if)\b", r"\bdoes (?:stop|replying|texting stop)\b",
    r"\bif i (?:reply|text|send|say|type|write|respond)(?: with| back)? (?:\w+ )?(?:stop|quit|end|cancel|unsubscribe|yes|no|help|start)\b",
    r"\bhow does (?:stop|it|this) work\b",

    r"\b(?:is|was) (?:stop|cancel|quit|end) (?:a|the) (?:keyword|word|command)\b",
]
OTHER_LANGUAGE_REQUEST = {
    "es": [r"\b(?:no|ya no|nunca) (?:me |nos )?(?:vuelvan a |vuelva a )?(?:manden|mandes|envien|envies|escriban|escribas|contacten|contactes|llamen|molesten|mande|envie|escriba)\b",
           r"\b(?:dejen|deja|deje|paren|pare) de (?:mandar|enviar|escribir|molestar|contactar|llamar)\w*\b",
           r"\b(?:sacame|sáquenme|saquenme|quitame|quitenme|eliminame|eliminenme|borrame|borrenme|darme de baja|dame de baja|denme de baja)\b",
           r"\bno (?:quiero|deseo|necesito) (?:recibir |mas |tus |sus |ningun )*(?:mensajes|sms|textos|promociones|ofertas|notificaciones|nada)\b",
           r"\b(?:saca|saque|saquen|quita|quite|quiten|borra|borre|borren|elimina|elimine|eliminen)(?:me|nme)? (?:mi|el|mis) (?:numero|nombre|datos)\b", r"\bdejame en paz\b|\bdejenme en paz\b",
           r"\bnumero equivocado\b|\bse equivocaron de numero\b|\bno soy \w+\b"],
    "pt": [r"\b(?:parem|pare|para) de (?:me )?(?:mandar|enviar|ligar|escrever)\w*\b",
           r"\bn[ao]o (?:me )?(?:mandem|mande|envie|enviem|ligue|liguem|escreva|escrevam|quero (?:mais |receber )*(?:mensage|sms|promoc))\w*",
           r"\b(?:me )?(?:tira|tirem|remova|removam|exclua|excluam|descadastre|descadastrem)(?: me)?\b", r"\bme deixa em paz\b|\bnumero errado\b"],
    "fr": [r"\b(?:arretez|arrete|cessez|cesse) de (?:m'?|me )?(?:envoyer|ecrire|contacter|appeler|harceler)\b",
           r"\bne (?:m'?|me )?(?:envoyez|ecrivez|contactez|appelez|envoie|ecris) plus\b",
           r"\bje ne (?:veux|souhaite) plus\b", r"\b(?:desabonnez|desinscrivez|retirez|supprimez|enlevez)[ -]?moi\b",
           r"\blaissez[ -]moi tranquille\b|\bfoutez[ -]moi la paix\b|\bmauvais numero\b|\bplus de (?:sms|messages)\b"],
    "de": [r"\b(?:keine|nicht mehr|keinerlei) (?:\w+ )?(?:nachrichten|sms|werbung|mitteilungen)\b",
           r"\b(?:horen|hoeren|hort|hoert) sie (?:bitte )?auf\b", r"\b(?:schreiben|senden|schicken) sie mir (?:\w+ )?(?:nicht|keine)\b",
           r"\blassen sie mich in ruhe\b|\blass mich in ruhe\b|\bfalsche nummer\b|\bnummer (?:loschen|entfernen)\b",
           r"\b(?:entfernen|loschen|streichen|austragen) sie (?:bitte )?(?:mich|meine)\b", r"\bmelde\w* mich ab\b"],
    "it": [r"\b(?:smettete|smettila|smetti|smettetela|basta) (?:di )?(?:mand|invi|scriv|contatt|chiam|messagg)\w*\b",
           r"\bnon (?:mandatemi|inviatemi|scrivetemi|contattatemi|voglio (?:piu |ricevere )*(?:messaggi|sms))\b",
           r"\b(?:toglietemi|cancellatemi|rimuovetemi|eliminatemi|togliete il mio)\b", r"\blasciatemi in pace\b|\bnumero sbagliato\b"],
    "nl": [r"\bstop met (?:sms|berichten|sturen|appen)\w*\b", r"\bgeen (?:\w+ )?(?:berichten|sms|smsjes) meer\b",
           r"\bhaal (?:me|mij|mijn nummer) (?:van|uit)\b", r"\bverkeerd nummer\b|\blaat me met rust\b"],
    "pl": [r"\bnie (?:chce|wysylajcie|piszcie|dzwoncie)\b", r"\bprzestan\w* (?:pisac|wysylac|dzwonic)\b",
           r"\b(?:wypisz|usun|usuncie) (?:mnie|moj numer)\b", r"\bzly numer\b"],
    "tl": [r"\b(?:itigil|tigil|tigilan|hinto|ihinto)\b", r"\bhuwag (?:na |nyo |mo )?(?:\w+ )?(?:mag-?text|magtext|i-?text|mag-?message|tawag|padala|magpadala)\w*\b",
           r"\b(?:alisin|tanggalin) (?:\w+ ){0,3}(?:ako|ang number ko|number ko)\b", r"\bayaw ko na\b|\bwag na (?:\w+ ){0,2}(?:mag|kayo)\w*\b"],
    "hi": [r"\b(?:band|bandh) (?:karo|kar do|kijiye|kare|karein|kar dijiye)\b", r"\b(?:mat|mt|na) (?:bhejo|bheje|bhejiye|bhejna|karo message|karo msg)\b",
           r"\b(?:message|msg|sms) (?:mat|band|nahi)\b", r"\bnahi chahiye\b|\bmujhe (?:message|msg|sms) nahi\b"],
    "vi": [r"\b(?:dung|ngung|thoi) (?:gui|nhan|nhan tin|lien lac)\b", r"\bkhong (?:muon )?(?:nhan|gui)\b", r"\bhuy (?:dang ky|nhan)\b",
           r"\bdung lam phien\b|\bxoa so\b|\bsai so\b"],
    "ko": [r"그만", r"보내지\s*마", r"수신\s*거부", r"차단", r"연락\s*하지\s*마", r"번호\s*(?:를\s*)?(?:지워|삭제)", r"구독\s*취소", r"꺼져", r"잘못\s*(?:된\s*)?번호"],
    "ar": [r"توقف", r"اوقف", r"أوقف", r"لا ترسل", r"الغاء الاشتراك", r"إلغاء الاشتراك", r"لا اريد", r"لا أريد", r"احذف\w* رقمي", r"رقم خطا", r"رقم خاطئ"],
    "zh": [r"不要再?(?:发|給|给|傳|传)", r"别再?(?:发|給|给)", r"停止(?:发送|发)", r"退订", r"取消订阅", r"打错", r"删除我的", r"不需要",
           r"号码删", r"删掉", r"发错人"],
    "ru": [r"не (?:пишите|присылайте|звоните|отправляйте)", r"хватит", r"отпишите", r"удалите (?:мой|меня)", r"прекратите",
           r"перестаньте", r"перестань", r"больше не (?:пишите|присылайте)"],
}


def compile_all(patterns: list[str]) -> re.Pattern[str]:
    """One regex for a list of alternatives; ^ and $ also match at clause breaks (newlines).

    The word boundary most alternatives start with is tested once, before them all: inside a
    word the engine then gives up at once instead of trying a hundred alternatives (3-6x faster;
    the same matches, since a leading \\b belongs to every alternative it is hoisted from)."""
    at_word = [p[2:] for p in patterns if p.startswith(r"\b")]
    anywhere = [f"(?:{p})" for p in patterns if not p.startswith(r"\b")]
    hoisted = [r"\b(?:" + "|".join(f"(?:{p})" for p in at_word) + ")"] if at_word else []
    return re.compile("|".join(hoisted + anywhere), re.MULTILINE)


REQUEST_RE = compile_all(EN_REQUEST)
OTHER_LANGUAGE_REQUEST_RE = compile_all([p for ps in OTHER_LANGUAGE_REQUEST.values() for p in ps])
DISMISSAL_RE = compile_all(DISMISSAL)
WRONG_RECIPIENT_RE = compile_all(WRONG_RECIPIENT)
HELP_RE = compile_all(HELP)
OPT_IN_RE = compile_all(OPT_IN)
MENTION_RE = compile_all(MENTION)
# someone else's stopping, or the writer's own: 'he needs to stop going to bed', 'i need to stop'
STATEMENT_RE = re.compile(
    r"\b(?:i|he|she|they|we|it|someone|somebody|everyone|everything|this|that|which)"
    r"(?:'s|'ll|'d| is| was| will| would| needs?| has| have| had| should| must| going| gonna| wants?| can'?t| could| to| never| just)+"
    r" (?:\w+ )?(?:stop|quit|end|cancel)\w*\b|\b(?:enough|trying|tried|able|how|way) to (?:stop|quit|end|cancel)\b")
# the writer made the mistake: 'sorry wrong person, meant to text my sister'
SELF_MISTAKE_RE = compile_all([
    r"\b(?:meant|supposed) (?:to|for) (?:text|send|message|go to|be for)\b", r"\b(?:sent|texted) (?:this |that |it )?to the wrong\b",
    r"\bmy (?:bad|mistake)\b", r"\bignore (?:that|this|my last)\b", r"\bwrong (?:chat|thread|convo|conversation)\b"])
# "stop calling me, text me instead": the person wants texts, only not calls
PREFERS_TEXTS_RE = re.compile(r"\b(?:text|message|sms|txt) (?:me|us) (?:instead|only|rather)\b|"
                              r"\b(?:only|just) (?:text|sms|txt)\b|^(?:please |pls )?(?:text|sms|txt) (?:me|us)$",
                              re.MULTILINE)
CALLS_ONLY_RE = re.compile(r"\b(?:call|calls|calling|phone calls|ringing)\b")
ACCIDENT_RE = re.compile(r"\b(?:by (?:accident|mistake)|accidentally|mistakenly|on accident|"
                         r"didn'?t mean to|did not mean to|never meant to|por (?:error|equivocacion)|"
                         r"par erreur|por engano|per sbaglio|aus versehen)\b")
STOP_NEG = _any(r"don'?t", "do not", "dont", "never", r"won'?t", "will not", r"didn'?t", "did not",
                r"doesn'?t", "does not", r"can'?t", "cannot", r"shouldn'?t", "no need to", "not to")
NEGATED_STOP_RE = re.compile(
    rf"\b{STOP_NEG} (?:ever |even |you |u |you dare |u dare |ever ever )?(?:stop|quit|cancel|end|unsubscribe|remove|take)\b|"
    r"\bno (?:paren|pares|dejen|dejes|me saquen)\b|\bn[ao]o (?:parem|pare|parar)\b|\bn'arretez pas\b|\bnon smettete\b|"
    r"\bhoren sie nicht auf\b")
