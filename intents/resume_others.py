"""Back on the messages (#28) in nl, pl, ru, tl, hi, vi, ar, zh, ko: the same parts as `resume.RESUME`.

Written on folded text (lower case, no accents: Polish 'ł' as 'l', Russian 'й' as 'и', Vietnamese
without its tones, Arabic without hamza seats). Verb-final languages (hi, ko) have no 'send me …
again' order, so their shapes are in `resend_alone`; zh has no spaces (`spaceless`: a few
characters stand for the words between parts, no word boundaries). `not` lists the words that turn
a request after them around ('huwag', 'mat', 'khong'): they join the clause reader's negators.
A part a language lacks makes no pattern. Verbs that also mean something else ('huy' cancels an
order too, 'thong tin' is information, '잘못' is any wrong) are left out or fenced.
"""

from __future__ import annotations

# the Korean verbs of wanting or sending the messages, and what must not follow them ('보내지 마세요')
KO_WANT = (
    r"(?:보내 ?주|보내 ?줘|발송해 ?주|받고 ?싶|받을게|받을래|받아 ?볼게|구독하고 ?싶|구독할게|구독해 ?주|신청할게|신청하고 ?싶)"
)
KO_NOT = r"(?!\w* ?(?:안|않|말|마))"  # '다시 구독 안 할게요', '다시 구독하지 않을게요': not again
KO_NOUN = r"(?:문자|메시지|메세지|알림|광고|혜택|쿠폰|소식|안내|이벤트|sms)\w*"
NL_NOUN = (
    r"\w*(?:berichten|berichtjes|sms(?:'?jes)?|tekstberichten|aanbiedingen|meldingen|reclame|"
    r"nieuwsbrieven?|promoties|acties|herinneringen|updates)"
)
HI_NOUN = r"(?:sms|message|messages|msg|msgs|texts?|offers?|deals|alerts?|updates|notifications?|promos?)"
HI_AGAIN = r"(?:phir se|fir se|phirse|dobara|dubara|wapas|vapas)"
HI_SEND = (
    r"(?:bhejo|bhejiye|bhej do|bhej dijiye|bhejna shuru karo|bhejte rahiye|chalu karo|chalu kar do|"
    r"shuru karo|shuru kar do|on karo|on kar do|start karo)"
)
HI_WANT = r"(?:chahiye|chahta hun|chahti hun|chahta hoon|chahti hoon|lena hai|paana hai)"
TL_NOUN = r"(?:texts?|mga text|mensahe|mga mensahe|promos?|mga promo|ads|sms|updates|alerts|offers|deals)"
TL_TO_YOU = r"(?:(?: niyo| nyo| mo| po| na)*)"

OTHERS: dict[str, dict[str, str]] = {
    "nl": {
        "noun": NL_NOUN,
        "resend": r"(?:heractiveer|hervat|activeer (?:opnieuw|weer)|zet (?:opnieuw|weer) aan) (?:mijn |de |jullie |uw )?",
        "resend_alone": rf"(?:(?:weer|opnieuw) (?:\w+ ){{0,2}}?{NL_NOUN}|{NL_NOUN} (?:weer|opnieuw)) (?:te )?(?:ontvangen|"
        rf"krijgen|sturen|toesturen)|"
        r"(?:begin|start|ga) (?:weer|opnieuw) (?:met )?(?:sturen|versturen|sms'en)",
        "send": r"(?:stuur|stuurt|zend|verstuur|stuur jullie|sturen jullie) (?:me|mij|ons)",
        "again": r"(?:weer|opnieuw|nog eens|terug)",
        "kw": r"(?:stop|stopall|afmelden|uitschrijven|einde)",
        "sent": r"(?:gestuurd|verstuurd|getypt|ingetypt|geantwoord|gedrukt op|gedrukt|geklikt op|geklikt|gezegd|verzonden|"
        r"teruggestuurd)",
        "unsub": r"(?:afgemeld|uitgeschreven|opgezegd)",
        "accident": r"(?:per ongeluk|perongeluk|per vergissing|per abuis|abusievelijk|onbedoeld|zonder het te willen)",
        "undo": r"(?:maak|draai|annuleer|negeer|vergeet)",
        "undone": r"(?:mijn |de |dat |die |het |deze )*(?:stop|afmelding|uitschrijving)",
        "undo_after": r"(?:ongedaan|terugdraaien|terug te draaien|negeren|annuleren)",
        "want": r"(?:ik wil|ik zou graag|wij willen)",
        "resubscribe": r"meld (?:me|mij|ons) (?:weer|opnieuw) aan|(?:ik wil|wil) me (?:weer|opnieuw) aanmelden",
    },
    "pl": {
        "noun": r"(?:wiadomosci|smsy|smsow|sms|esemesy|reklamy|reklam|oferty|ofert|powiadomienia|powiadomien|"
        r"promocje|promocji|newslettery|newsletterow|przypomnienia|alerty|kupony|kuponow)",
        "resend": r"(?:wznowcie|wznow|przywroccie|przywroc|aktywujcie ponownie|wlaczcie (?:z powrotem|"
        r"ponownie)) (?:mi )?(?:moje |wasze |te )?",
        "resend_alone": r"(?:chce|chcialbym|chcialabym|prosze) (?:znowu|znow|ponownie|z powrotem) (?:dostawac|otrzymywac|"
        r"dostac|otrzymac)|"
        r"(?:zacznijcie|zacznij) (?:znowu|ponownie) (?:wysylac|pisac)",
        "send": r"(?:wysylajcie|wyslijcie|przesylajcie|przeslijcie|wysylaj|wyslij|piszcie|slijcie) (?:mi|nam)",
        "again": r"(?:znowu|znow|ponownie|z powrotem|jeszcze raz)",
        "kw": r"(?:stop|koniec|rezygnuje|wypisz|stopall)",
        "sent": r"(?:wyslal(?:em|am)?|napisal(?:em|am)?|odpisal(?:em|am)?|odpowiedzial(?:em|am)?|wpisal(?:em|am)?|"
        r"kliknal(?:em)?|kliknelam|nacisnal(?:em)?|nacisnelam)",
        "unsub": r"(?:wypisal(?:em|am)? sie|zrezygnowal(?:em|am)?|anulowal(?:em|am)? subskrypcje)",
        "accident": r"(?:przez pomylke|przez przypadek|przypadkiem|przypadkowo|niechcacy|omylkowo|przez nieuwage)",
        "undo": r"(?:cofnijcie|cofnij|anulujcie|zignorujcie|zignoruj)",
        "undone": r"(?:moje |moj |to |ten |te )*(?:stop|wypisanie|rezygnacje|rezygnacja)",
        "want": r"(?:chce|chcialbym|chcialabym)",
        "resubscribe": r"zapisz(?:cie)? mnie (?:z powrotem|ponownie|znowu)|chce sie zapisac (?:ponownie|znowu|z powrotem)",
    },
    "ru": {
        "noun": r"(?:сообщения|сообщении|смс|sms|эсэмэски|рассылку|рассылки|уведомления|уведомлении|рекламу|"
        r"акции|предложения|скидки|напоминания|новости|оповещения)",
        "resend": r"(?:возобновите|верните|включите (?:снова|обратно)|восстановите) (?:мне )?(?:мою |мои |вашу |ваши |эту |"
        r"эти )?",
        "resend_alone": r"(?:хочу|хотел бы|хотела бы) (?:снова|опять|обратно|заново) (?:получать|получить)",
        "send": r"(?:присылаите|пришлите|отправляите|отправьте|шлите|пишите|присылаи|пришли|отправь) (?:мне|нам)",
        "again": r"(?:снова|опять|заново|обратно|еще раз)",
        "kw": r"(?:стоп|stop|отписка|отписаться|отмена)",
        "sent": r"(?:отправил|отправила|написал|написала|ответил|ответила|нажал|нажала|набрал|набрала|послал|послала)",
        "unsub": r"(?:отписался|отписалась|отказался от рассылки|отказалась от рассылки|отменил подписку|отменила подписку)",
        "accident": r"(?:по ошибке|случаино|нечаянно|ошибочно|не специально|не нарочно)",
        "undo": r"(?:отмените|отменить|игнорируите|проигнорируите|не учитываите)",
        "undone": r"(?:мои |мою |мое |этот |эту |это )*(?:стоп|отписку|отказ)",
        "want": r"(?:хочу|хотел бы|хотела бы)",
        "resubscribe": r"подпишите (?:меня )?(?:снова|обратно|заново)|верните меня в рассылку",
    },
    "tl": {
        "noun": TL_NOUN,
        "resend": rf"(?:i ?resume|ibalik|i ?activate ulit|i ?on ulit|i ?reactivate){TL_TO_YOU}(?: ang| yung| ung| mga)* ",
        "resend_alone": rf"(?:padalhan|padalahan|i ?text|txt|i ?send|sendan){TL_TO_YOU} (?:ulit|uli|muli) (?:ako|kami)|"
        r"(?:gusto ko|gusto kong|gusto namin) (?:ulit |uli |muling |ulit na )?(?:makatanggap|matanggap|"
        r"mag ?subscribe)(?: ulit| uli| muli)?|"
        r"mag ?subscribe (?:ulit|uli|muli)",
        "send": rf"(?:padalhan|padalahan|i ?text|i ?send|sendan){TL_TO_YOU} (?:ako|kami)(?: ng)?",
        "again": r"(?:ulit|uli|muli|again)",
        "kw": r"(?:stop|unsubscribe|cancel|itigil|tigil|stopall)",
        "sent": r"(?:nag ?text|nag ?send|nag ?reply|na ?type|pinindot|sinend|tinext|nireply|na ?send)(?: ko| ako)?",
        "unsub": r"(?:na ?unsubscribe|nag ?unsubscribe|na ?unsub|nag ?opt ?out)(?: ko| ako)?",
        "accident": r"(?:by mistake|by accident|aksidente|hindi sinasadya|di sinasadya|accidentally|nagkamali ako)",
        "accident_verb": r"\bnapindot (?:ko )?(?:ang |yung )?(?:stop|unsubscribe)\b",  # 'na-' is the involuntary press
        "undo": rf"(?:i ?undo|undo|i ?cancel|balewalain|ignore){TL_TO_YOU}(?: ang| yung| ung)?",
        "undone": r"(?:ang |yung |ung |aking |my )*(?:pag ?)?(?:stop|unsubscribe|opt ?out)(?: ko)?",
        "resubscribe": rf"(?:i ?subscribe|ibalik){TL_TO_YOU} (?:ulit |uli )?ako(?: ulit| uli)?",
        "not": "huwag wag ayaw",
    },
    "hi": {
        "noun": HI_NOUN,
        "resend": r"(?:resend|resume|restart|reactivate|dobara bhejo|phir se bhejo) (?:mujhe |mere |aapke )?",
        "resend_alone": rf"{HI_AGAIN} (?:\w+ ){{0,2}}?{HI_NOUN} (?:please |plz |zara )?(?:{HI_SEND}|{HI_WANT})|"
        rf"{HI_NOUN} {HI_AGAIN} (?:please |plz |zara )?(?:{HI_SEND}|{HI_WANT})|"
        rf"{HI_AGAIN} (?:se )?subscribe (?:karna hai|karo|kar do|karna chahta|karna chahti|karwa do)",
        "kw": r"(?:stop|unsubscribe|cancel|band|bandh|stopall)",
        "sent": r"(?:bhej diya|bhej dia|bheja|bhej di|likh diya|likha|type kiya|type kar diya|daba diya|dabaya|"
        r"press kiya|press kar diya|reply kiya|reply kar diya|send kiya|send kar diya|sent)",
        "unsub": r"(?:unsubscribe (?:ho gaya|ho gayi|kar diya|kiya)|opt out (?:ho gaya|kar diya))",
        "accident": r"(?:galti se|galati se|galti mein|by mistake|by accident|accidentally|anjaane mein|anjane me|bhool se|"
        r"bhul se)",
        "undone": r"(?:mera |meri |mere |ye |yeh |wo |woh |apna )*(?:stop|unsubscribe|opt ?out)",
        # the Hindi verb after its object ('mera stop cancel karo'): 'stop cancel' alone is two keywords
        "undo_after": r"(?:undo|cancel|ignore|wapas|radd) (?:karo|kar do|kijiye|kar dijiye|le lo|lo)",
        "not": "mat nahi nahin",
    },
    "vi": {
        "noun": r"(?:tin nhan|(?<!thong )tin|sms|thong bao|khuyen mai|quang cao|uu dai|nhac nho|ban tin)",
        "resend": r"(?:gui lai|bat lai|mo lai|kich hoat lai) (?:cho toi |cho minh |cho em )?(?:cac |nhung )?",
        "resend_alone": r"(?:muon|can|xin) (?:duoc )?nhan (?:\w+ ){0,3}?lai|dang ky lai|khoi phuc (?:\w+ )?dang ky",
        "send": r"(?:gui|nhan tin) (?:cho )?(?:toi|minh|em)",
        "again": r"(?:lai|nua|mot lan nua|tro lai)",
        "kw": r"(?:stop|huy dang ky|huy nhan tin|tu choi|stopall)",
        "sent": r"(?:gui|nhan|go|bam|an|tra loi|nhap|reply)",
        "unsub": r"(?:huy dang ky|huy nhan tin|huy theo doi|tu choi nhan tin)",
        "accident": r"(?:vo tinh|nham|bi nham|khong co y|so y|lo tay)",
        "accident_verb": r"\blo (?:tay )?(?:huy dang ky|huy nhan tin|bam stop|gui stop|nhan stop|tu choi)\b",  # 'lỡ': did by slip
        "undo": r"(?:hoan tac|huy bo|bo qua|phuc hoi|khoi phuc)",
        "undone": r"(?:lenh |tin |viec |cai )*(?:stop|huy dang ky|huy)",
        "not": "khong dung",
    },
    "ar": {
        "noun": r"(?:ال)?(?:رسايل|رساله|رسالة|مسجات|اشعارات|عروض|تنبيهات|اعلانات|تحديثات|sms)",
        "resend": r"(?:اعيدوا|اعد|اعيدي) (?:ارسال|تفعيل) (?:لي )?",
        "resend_alone": r"(?:اريد|ابغى|ابي|اود) (?:ان )?(?:استلم|استقبل|اتلقى|الاشتراك|استلام|تلقي|استقبال|اشترك) "
        r"(?:\w+ ){0,3}?(?:مره اخرى|مرة اخرى|من جديد|ثانيه|ثانية|مجددا)|اعيدوا اشتراكي|فعلوا اشتراكي",
        "send": r"(?:ارسلوا|ارسل|ابعثوا|ابعث|ابعتوا|ابعت) (?:لي|الي)",
        "again": r"(?:مره اخرى|مرة اخرى|من جديد|ثانيه|ثانية|تاني|مجددا)",
        "kw": r"(?:stop|ستوب|توقف|الغاء|ايقاف|قف)",
        "sent": r"(?:ارسلت|بعثت|كتبت|ضغطت|رديت|اخترت)",
        "unsub": r"(?:الغيت الاشتراك|الغيت اشتراكي|الغيت التسجيل|اوقفت الرسايل)",
        "accident": r"(?:بالخطا|بالغلط|عن طريق الخطا|بدون قصد|من غير قصد|دون قصد|غلطا)",
        "undo": r"(?:تجاهلوا|تجاهل|الغوا|تراجعوا عن)",
        "undone": r"(?:رساله |رسالة |طلب )*(?:stop|ستوب|الالغاء|الغاء الاشتراك|التوقف|الايقاف)",
        "not": "لا لن",
    },
    "zh": {
        "spaceless": "yes",
        "noun": r"(?:短信|信息|消息|推送|通知|优惠|促销|广告)",
        "resend": r"(?:重新(?:给我)?(?:发|发送|推送)|恢复(?:给我)?(?:发|发送|推送)?|再(?:给我)?发)",
        "resend_alone": r"(?<!不)(?<!别)(?:重新订阅|恢复订阅|重新开通|想(?:重新|再次)(?:接收|收到|订阅))",
        "kw": r"(?:退订|td|stop|取消订阅)",
        "sent": r"(?:回复了?|发了|发送了?|回了|输入了?|按了|点了)",
        "unsub": r"(?:退订了|取消订阅了|取消了订阅)",
        "accident": r"(?:不小心|一不小心|手滑|误操作|不是故意的?|误(?!会|解))",
        "undo": r"(?:撤销|撤回|取消)",
        "undone": r"(?:我的|刚才的|刚刚的|那个)*(?:退订|td|stop)",
    },
    "ko": {
        "noun": KO_NOUN,
        "resend_alone": rf"(?:{KO_NOUN} (?:\w+ )?다시|다시 (?:\w+ )?{KO_NOUN}) (?:\w+ )?{KO_WANT}\w*|"
        rf"(?:다시|재) ?(?:구독|가입|신청|수신 ?동의){KO_NOT}\w*|수신 ?거부 ?(?:취소|철회|해제)",
        "kw": r"(?:stop|스톱|수신 ?거부|중지|해지|탈퇴|그만)\w*",
        "sent": r"(?:보냈|눌렀|입력했|답장했|답했|쳤|보내 ?버렸|눌러 ?버렸|회신했)\w*",
        "unsub": r"(?:수신 ?거부\w*|구독 ?취소\w*|해지했\w*|탈퇴했\w*)",
        "accident": r"(?:실수로|모르고|의도치 않게|깜빡하고|잘못 눌러서|잘못 눌렀\w*)",
        "undone": r"(?:제 |저의 |아까 |방금 )*(?:수신 ?거부|stop|스톱)\w*",
        "undo_after": r"(?:취소|철회|해제|무시|되돌려)\w*",
    },
}
