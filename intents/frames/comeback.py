"""Back on the messages and help questions in the languages the first round left out (#28): the
shapes `resume_others.py` and `help_questions.py` read, each beside its hard negative — the same
verb about one other thing ('resend me the receipt'), the request negated ('don't send them again'),
a mistake about something else ('I cancelled the order by mistake').

Written for this project from those mechanisms; not taken from any evaluation set.
"""

from __future__ import annotations

from .spec import Frames

NL: Frames = {
    "slots": {
        "cb_pol": ("", "graag", "alsjeblieft", "hoi,", "goedemiddag,"),
        "cb_noun": ("berichten", "sms'jes", "aanbiedingen", "nieuwsbrieven", "meldingen", "acties"),
        "cb_doc": ("de factuur", "het bonnetje", "de link", "de bevestiging", "het adres"),
    },
    "opt_in": [
        "{cb_pol} zend me opnieuw {cb_noun}",
        "ik wil graag weer {cb_noun} ontvangen",
        "ik heb per vergissing stop getypt, maak het ongedaan",
        "ik ben per ongeluk uitgeschreven {cb_pol}",
        "negeer mijn stop, {cb_pol} stuur me weer {cb_noun}",
        "meld me opnieuw aan voor de {cb_noun}",
    ],
    "help": ["{cb_pol} wie stuurt dit?", "{cb_pol} kunt u mij helpen?", "{cb_pol} waar gaat dit bericht over?", "kost dit iets?"],
    "other": [
        "{cb_pol} stuur me {cb_doc} opnieuw",
        "ik heb per ongeluk twee keer betaald",
        "{cb_pol} kunt u {cb_doc} nog eens sturen?",
    ],
}

PL: Frames = {
    "slots": {
        "cb_pol": ("", "proszę", "dzień dobry,", "bardzo proszę"),
        "cb_noun": ("wiadomości", "smsy", "oferty", "promocje", "powiadomienia", "kupony"),
        "cb_doc": ("fakturę", "paragon", "link", "potwierdzenie", "adres"),
    },
    "opt_in": [
        "{cb_pol} przesyłajcie mi znowu {cb_noun}",
        "chciałabym ponownie dostawać {cb_noun}",
        "przypadkiem napisałam stop, cofnijcie to",
        "wypisałam się niechcący {cb_pol}",
        "zapiszcie mnie ponownie na {cb_noun}",
    ],
    "opt_out": ["nie wysyłajcie mi znowu {cb_noun}", "{cb_pol} nie chcę już {cb_noun}"],
    "help": [
        "{cb_pol} kto do mnie pisze?",
        "{cb_pol} czy te smsy są płatne?",
        "{cb_pol} możecie mi pomóc?",
        "co to za wiadomość?",
    ],
    "other": [
        "{cb_pol} wyślijcie mi {cb_doc} jeszcze raz",
        "przez pomyłkę zapłaciłem dwa razy",
        "anulowałem zamówienie przez pomyłkę",
    ],
}

RU: Frames = {
    "slots": {
        "cb_pol": ("", "пожалуйста", "здравствуйте,", "будьте добры,"),
        "cb_noun": ("сообщения", "смс", "рассылку", "уведомления", "акции", "скидки"),
        "cb_doc": ("чек", "счёт", "ссылку", "подтверждение", "адрес"),
    },
    "opt_in": [
        "{cb_pol} пришлите мне снова {cb_noun}",
        "хотела бы снова получать {cb_noun}",
        "я случайно отправил стоп, отмените мой стоп",
        "отписалась нечаянно {cb_pol}",
        "верните меня в рассылку {cb_pol}",
    ],
    "opt_out": ["не присылайте мне снова {cb_noun}"],
    "help": ["{cb_pol} кто мне пишет?", "{cb_pol} эти смс платные?", "{cb_pol} как с вами связаться?", "что это значит?"],
    "other": ["{cb_pol} пришлите мне {cb_doc} ещё раз", "я случайно оплатил дважды", "я по ошибке отменил заказ"],
}

TL: Frames = {
    "slots": {
        "cb_pol": ("", "pakiusap", "paki", "hello po,"),
        "cb_noun": ("text", "mga text", "promo", "mga mensahe", "updates"),
        "cb_doc": ("resibo", "link", "invoice", "address", "confirmation"),
    },
    "opt_in": [
        "{cb_pol} i-text niyo po ako ulit ng {cb_noun}",
        "gusto kong makatanggap ulit ng {cb_noun}",
        "napindot ko yung stop, {cb_pol} i-undo niyo",
        "nag-unsubscribe ako by accident",
        "i-subscribe niyo ulit ako {cb_pol}",
    ],
    "opt_out": ["huwag niyo na akong padalhan ulit ng {cb_noun}", "{cb_pol} ayaw ko na ng {cb_noun}"],
    "help": [
        "{cb_pol} sino ang nag-text?",
        "{cb_pol} may bayad ba ang mga text?",
        "{cb_pol} tulungan niyo ako",
        "para saan ito?",
    ],
    "other": [
        "{cb_pol} i-resend niyo yung {cb_doc}",
        "na-cancel ko ang order by mistake",
        "{cb_pol} padalhan niyo ako ng {cb_doc}",
    ],
}

HI: Frames = {
    "slots": {
        "cb_pol": ("", "please", "kripya", "bhai,"),
        "cb_noun": ("sms", "messages", "offers", "alerts", "updates"),
        "cb_doc": ("bill", "receipt", "link", "invoice", "address"),
    },
    "opt_in": [
        "{cb_pol} dobara {cb_noun} bhejiye",
        "mujhe {cb_noun} phir se chahiye",
        "galti se stop bhej diya, mera stop cancel karo",
        "bhool se unsubscribe kar diya",
        "phir se subscribe kar do {cb_pol}",
    ],
    "opt_out": ["phir se {cb_noun} mat bhejo"],
    "help": [
        "{cb_pol} aap kaun hain?",
        "{cb_pol} kya ye sms free hai?",
        "{cb_pol} ye message kya hai?",
        "kisi se baat karni hai",
    ],
    "other": ["{cb_pol} {cb_doc} phir se bhejo", "galti se do baar payment ho gaya", "{cb_doc} dobara bhej do"],
}

VI: Frames = {
    "slots": {
        "cb_pol": ("", "làm ơn", "xin chào,", "vui lòng"),
        "cb_noun": ("tin nhắn", "khuyến mãi", "thông báo", "ưu đãi", "tin khuyến mãi"),
        "cb_doc": ("hóa đơn", "thông tin", "đường link", "biên lai", "địa chỉ"),
    },
    "opt_in": [
        "{cb_pol} bật lại {cb_noun} cho tôi",
        "tôi muốn được nhận {cb_noun} lại",
        "tôi bấm nhầm stop, hoàn tác giúp tôi",
        "tôi lỡ tay hủy đăng ký",
        "đăng ký lại cho tôi nhé {cb_pol}",
    ],
    "opt_out": ["đừng gửi lại {cb_noun} cho tôi", "{cb_pol} tôi không muốn nhận {cb_noun} nữa"],
    "help": [
        "{cb_pol} bạn là ai?",
        "{cb_pol} tin nhắn này có mất phí không?",
        "{cb_pol} tin nhắn này là gì?",
        "làm sao liên hệ?",
    ],
    "other": ["{cb_pol} gửi lại {cb_doc} cho tôi", "tôi hủy đơn hàng nhầm", "tôi thanh toán nhầm hai lần"],
}

AR: Frames = {
    "slots": {
        "cb_pol": ("", "لو سمحت", "من فضلك", "مرحبا،"),
        "cb_noun": ("الرسائل", "العروض", "التنبيهات", "الإشعارات", "التحديثات"),
        "cb_doc": ("الفاتورة", "الإيصال", "الرابط", "العنوان", "التأكيد"),
    },
    "opt_in": [
        "{cb_pol} ارسلوا لي {cb_noun} مرة أخرى",
        "أريد أن أستلم {cb_noun} من جديد",
        "ضغطت ستوب بالغلط، تجاهلوا الإلغاء",
        "ألغيت اشتراكي بدون قصد",
        "اعيدوا اشتراكي {cb_pol}",
    ],
    "opt_out": ["لا ترسلوا لي {cb_noun} مرة أخرى", "{cb_pol} لا أريد {cb_noun}"],
    "help": ["{cb_pol} من حضرتك؟", "{cb_pol} هل الرسائل مجانية؟", "{cb_pol} أحتاج مساعدة", "ما الموضوع؟"],
    "other": ["{cb_pol} أعيدوا إرسال {cb_doc}", "دفعت مرتين بالخطأ", "ألغيت الطلب بالغلط"],
}

ZH: Frames = {
    "slots": {
        "cb_pol": ("", "请", "麻烦", "你好，"),
        "cb_noun": ("短信", "优惠信息", "促销短信", "通知", "活动消息"),
        "cb_doc": ("发票", "收据", "链接", "地址", "确认码"),
    },
    "opt_in": [
        "{cb_pol}再给我发{cb_noun}",
        "我想再次接收{cb_noun}",
        "刚才手滑回复了退订，请撤销",
        "我一不小心退订了",
        "{cb_pol}恢复订阅",
    ],
    "opt_out": ["别再给我发{cb_noun}了", "{cb_pol}不要再发{cb_noun}"],
    "help": ["{cb_pol}谁在发这些？", "{cb_pol}这个短信收费吗？", "{cb_pol}怎么联系你们？", "能转人工客服吗？"],
    "other": ["{cb_pol}重新发一下{cb_doc}", "我不小心付了两次钱", "{cb_pol}把{cb_doc}再发我一次"],
}

KO: Frames = {
    "slots": {
        "cb_pol": ("", "제발", "안녕하세요", "저기요"),
        "cb_noun": ("문자", "알림", "쿠폰", "혜택 문자", "광고 문자"),
        "cb_doc": ("영수증", "링크", "주소", "서류", "인증번호"),
    },
    "opt_in": [
        "{cb_pol} {cb_noun} 다시 받고 싶어요",
        "{cb_pol} 다시 {cb_noun} 보내 주세요",
        "모르고 스톱 눌렀어요, 수신 거부 취소해 주세요",
        "의도치 않게 수신 거부했어요",
        "재구독할게요",
    ],
    "opt_out": ["{cb_noun} 다시 보내지 마세요"],
    "help": ["{cb_pol} 무슨 회사예요?", "{cb_pol} 이 문자 유료인가요?", "{cb_pol} 상담원 연결 부탁해요", "어떻게 연락하나요?"],
    "other": ["{cb_pol} {cb_doc} 다시 보내 주세요", "실수로 두 번 결제했어요", "{cb_doc} 다시 받을 수 있어요?"],
}

FRAMES: dict[str, Frames] = {"nl": NL, "pl": PL, "ru": RU, "tl": TL, "hi": HI, "vi": VI, "ar": AR, "zh": ZH, "ko": KO}
