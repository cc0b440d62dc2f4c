"""More frames in Chinese, Korean, Vietnamese, Arabic, Tagalog and Hindi (Latin script).

Written for this project; not taken from any evaluation set. Vietnamese and Hindi are also
written without diacritics, as many people type them.
"""

from __future__ import annotations

from .spec import Frames

ZH: Frames = {
    "slots": {
        "pol": ("", "请", "麻烦", "拜托", "求你们"),
        "noun": ("短信", "消息", "广告", "推销信息", "促销短信", "通知", "营销短信"),
        "tail": ("", "谢谢", "了", "！", "马上", "以后都不要"),
        "name": ("王先生", "李女士", "小张", "陈阿姨"),
        "thing": ("订单", "预约", "快递", "会员"),
    },
    "opt_out": [
        "{pol}不要再发{noun}给我{tail}",
        "{pol}别再给我发{noun}",
        "{pol}把我的号码删掉",
        "{pol}退订所有{noun}",
        "我不需要你们的{noun}",
        "我从来没有订阅过，别发了",
        "这不是{name}的号码",
        "你们打错了，我不是{name}",
        "烦死了，别发了",
        "再发我就投诉了",
        "取消订阅{tail}",
        "停止给我发{noun}",
        "拒收{noun}",
    ],
    "opt_in": ["{pol}重新给我发{noun}", "我不小心退订了", "我想重新订阅{noun}", "请恢复给我发{noun}"],
    "help": [
        "请问你是谁？",
        "这是哪家公司？",
        "你们从哪里拿到我的号码？",
        "为什么给我发这个？",
        "我需要帮助",
        "回复退订会怎样？",
        "这条短信是什么意思？",
    ],
    "other": [
        "{pol}取消我的{thing}",
        "我的{thing}能改时间吗？",
        "好的，谢谢",
        "明天见",
        "多少钱？",
        "收到",
        "继续发{noun}吧，我喜欢",
        "几点开门？",
        "我笑得停不下来",
        "月底见",
    ],
}

KO: Frames = {
    "slots": {
        "pol": ("", "제발", "부탁인데", "정말"),
        "noun": ("문자", "광고 문자", "메시지", "알림", "홍보 문자"),
        "tail": ("", "제발", "감사합니다", "부탁드려요", "!!", "이제"),
        "name": ("김민수", "이지은", "박 선생님"),
    },
    "opt_out": [
        "{pol} {noun} 보내지 마세요 {tail}",
        "{pol} {noun} 그만 보내세요",
        "{noun} 수신 거부합니다",
        "{pol} 제 번호 삭제해 주세요",
        "{noun} 받고 싶지 않아요",
        "더 이상 연락하지 마세요 {tail}",
        "저는 {name} 아닙니다",
        "번호 잘못 아셨어요",
        "스팸 신고할게요",
        "구독 취소해 주세요 {tail}",
        "귀찮게 하지 마세요",
    ],
    "opt_in": ["{pol} {noun} 다시 보내 주세요", "실수로 수신 거부했어요", "다시 구독하고 싶어요"],
    "help": ["누구세요?", "어디세요?", "제 번호는 어떻게 아셨어요?", "무슨 내용이에요?", "도움이 필요해요", "어느 회사예요?"],
    "other": [
        "주문 취소하고 싶어요",
        "예약 변경 가능해요?",
        "네 알겠습니다",
        "감사합니다",
        "내일 봬요",
        "얼마예요?",
        "{noun} 계속 보내 주세요",
        "웃음이 멈추지 않아요",
    ],
}

VI: Frames = {
    "slots": {
        "pol": ("", "làm ơn", "xin", "vui lòng", "lam on"),
        "noun": ("tin nhắn", "quảng cáo", "tin nhan", "khuyến mãi", "thông báo"),
        "tail": ("", "cảm ơn", "cam on", "nữa", "ngay", "!!"),
        "name": ("anh Minh", "chị Lan", "Tuấn", "cô Hoa"),
    },
    "opt_out": [
        "{pol} đừng gửi {noun} cho tôi nữa {tail}",
        "{pol} ngừng gửi {noun}",
        "{pol} xóa số của tôi",
        "tôi không muốn nhận {noun}",
        "hủy đăng ký {tail}",
        "huy dang ky {tail}",
        "dung gui tin nhan nua",
        "tôi không phải {name}",
        "nhầm số rồi",
        "đừng làm phiền tôi nữa",
        "khong muon nhan {noun}",
    ],
    "opt_in": ["{pol} gửi lại {noun} cho tôi", "tôi lỡ hủy đăng ký", "tôi muốn đăng ký lại", "dang ky lai giup toi"],
    "help": ["ai đấy?", "ai vay?", "sao có số tôi?", "công ty nào vậy?", "tôi cần giúp đỡ", "tin nhắn này là gì?"],
    "other": [
        "tôi muốn hủy đơn hàng",
        "đổi lịch hẹn được không?",
        "ok cảm ơn",
        "mai gặp nhé",
        "bao nhiêu tiền?",
        "cứ gửi {noun} nhé",
        "mấy giờ mở cửa?",
    ],
}

AR: Frames = {
    "slots": {
        "pol": ("", "من فضلك", "لو سمحت", "رجاء"),
        "noun": ("الرسائل", "الإعلانات", "العروض", "الرسائل الترويجية"),
        "tail": ("", "شكرا", "فورا", "نهائيا"),
        "name": ("أحمد", "سارة", "محمد"),
    },
    "opt_out": [
        "{pol} أوقفوا {noun} {tail}",
        "{pol} لا ترسلوا لي {noun} {tail}",
        "لا أريد استلام {noun}",
        "{pol} احذفوا رقمي",
        "ألغوا اشتراكي {tail}",
        "أنا لست {name}",
        "الرقم غلط",
        "توقفوا عن إزعاجي",
        "لا تتصلوا بي مرة أخرى",
    ],
    "opt_in": ["{pol} أعيدوا إرسال {noun}", "ألغيت الاشتراك بالخطأ", "أريد الاشتراك مرة أخرى"],
    "help": ["من معي؟", "من أين حصلتم على رقمي؟", "ما هذه الرسالة؟", "أحتاج مساعدة", "أي شركة هذه؟"],
    "other": ["أريد إلغاء الطلب", "هل يمكن تغيير الموعد؟", "تمام شكرا", "أراك غدا", "كم السعر؟", "استمروا في إرسال {noun}"],
}

TL: Frames = {
    "slots": {
        "pol": ("", "pakiusap", "please", "paki"),
        "noun": ("text", "mga text", "promo", "mga mensahe", "ads"),
        "tail": ("", "po", "salamat", "na", "please", "!!"),
        "name": ("Maria", "Juan", "Ate Liza", "Kuya Ben"),
    },
    "opt_out": [
        "{pol} huwag na kayong magpadala ng {noun} {tail}",
        "{pol} tigilan niyo na ang {noun}",
        "ayoko na ng {noun} {tail}",
        "{pol} tanggalin niyo ang number ko",
        "hindi ako si {name}",
        "wrong number po, wala pong {name} dito",
        "unsubscribe na ako {tail}",
        "wag niyo na akong i-text",
        "istorbo kayo, tigil na",
    ],
    "opt_in": ["{pol} padalhan niyo ulit ako ng {noun}", "na-unsubscribe ko by mistake", "gusto ko ulit mag-subscribe"],
    "help": ["sino po ito?", "saan niyo nakuha ang number ko?", "ano po ito?", "kailangan ko ng tulong", "anong kompanya ito?"],
    "other": [
        "i-cancel ko ang order ko",
        "pwede bang ilipat ang appointment?",
        "sige salamat",
        "kita tayo bukas",
        "magkano po?",
        "ituloy niyo lang ang {noun}",
    ],
}

HI: Frames = {
    "slots": {
        "pol": ("", "please", "plz", "kripya", "bhai"),
        "noun": ("message", "messages", "sms", "msg", "ads", "offers"),
        "tail": ("", "please", "yaar", "abhi", "turant", "bhai"),
        "name": ("Rahul", "Priya", "Sharma ji", "Anjali"),
    },
    "opt_out": [
        "{pol} {noun} mat bhejo {tail}",
        "{pol} {noun} bhejna band karo",
        "mujhe {noun} nahi chahiye {tail}",
        "{pol} mera number list se hata do",
        "main {name} nahi hoon",
        "galat number hai, yahan koi {name} nahi",
        "pareshan mat karo",
        "unsubscribe kar do {tail}",
        "dobara message mat karna",
        "band karo ye {noun}",
    ],
    "opt_in": ["{pol} phir se {noun} bhejo", "galti se unsubscribe ho gaya", "mujhe dobara subscribe karna hai"],
    "help": ["aap kaun ho?", "mera number kahan se mila?", "ye kya hai?", "mujhe madad chahiye", "kaunsi company hai?"],
    "other": [
        "mera order cancel karna hai",
        "appointment badal sakte hain?",
        "theek hai dhanyavaad",
        "kal milte hain",
        "kitne ka hai?",
        "{noun} bhejte raho",
    ],
}

FRAMES: dict[str, Frames] = {"zh": ZH, "ko": KO, "vi": VI, "ar": AR, "tl": TL, "hi": HI}
