"""Back on the messages and help questions in every language (#28: resume_others.py, help_questions.py).

Each language's opt-in beside the negatives of its shape: the request negated stays off, the same
verb about one other thing ('resend me the receipt') is no opt-in. The sentences are written for
these tests, none is a training line (a test checks) and none comes from the real replies."""

from __future__ import annotations

import pytest

from intents import classify
from intents.normalise import fold
from intents.training_data import load_examples

OPT_OUT, OTHER, HELP, OPT_IN = "opt_out", "other", "help", "opt_in"

# a resume request, a STOP or an unsubscribe by accident, an undo, in each language
COME_BACK = [
    ("stuur me alsjeblieft weer de weekaanbiedingen", "nl"),
    ("ik heb per abuis STOP verstuurd", "nl"),
    ("meld mij weer aan, dank je", "nl"),
    ("wysyłajcie mi znowu kupony z apteki", "pl"),
    ("omyłkowo wpisałem STOP, przepraszam", "pl"),
    ("присылайте мне опять скидки магазина", "ru"),
    ("я нечаянно отписалась от рассылки", "ru"),
    ("padalhan niyo ulit ako ng promo sa weekend", "tl"),
    ("na-unsub ko by accident kahapon", "tl"),
    ("dobara offers bhejiye please", "hi"),
    ("bhul se stop likh diya tha", "hi"),
    ("gửi lại ưu đãi cuối tuần cho tôi", "vi"),
    ("tôi vô tình bấm stop", "vi"),
    ("ارسلوا لي العروض من جديد", "ar"),
    ("ألغيت الاشتراك من غير قصد", "ar"),
    ("麻烦重新给我推送优惠", "zh"),
    ("我刚才误回复了TD", "zh"),
    ("쿠폰 문자 다시 받고 싶어요", "ko"),
    ("깜빡하고 수신 거부를 눌렀어요", "ko"),
    ("i want the coupons again", "en"),
    ("voglio di nuovo le offerte del sabato", "it"),
    ("je souhaite recevoir à nouveau vos alertes", "fr"),
]
# the same shapes negated, or about one other thing: no opt-in
NOT_COME_BACK = [
    ("stuur me de bevestiging nog eens", OTHER),
    ("wyślij mi paragon jeszcze raz", OTHER),
    ("не присылайте мне опять скидки", OPT_OUT),
    ("huwag niyo po akong padalhan ulit ng promo", OPT_OUT),
    ("photo phir se bhejo", OTHER),
    ("gửi lại số tài khoản cho tôi", OTHER),
    ("أعيدوا إرسال كلمة المرور", OTHER),
    ("쿠폰 문자 다시 보내지 마세요", OPT_OUT),
    ("사진 다시 받을 수 있어요?", OTHER),
    ("I'm back in town on Monday", OTHER),
]
# who is this, how did you get my number, what is it, cost, a person, contact: rules in each language
HELP_QUESTIONS = [
    ("wie stuurt mij dit?", "nl"),
    ("kunt u mij helpen met mijn account?", "nl"),
    ("kto do mnie pisze o tej porze?", "pl"),
    ("czy te smsy są płatne dla mnie?", "pl"),
    ("кто мне пишет с этого номера?", "ru"),
    ("мне нужна помощь с заказом", "ru"),
    ("para saan po ito na text?", "tl"),
    ("mera number kahan se mila aapko?", "hi"),
    ("tin nhắn có tính phí không vậy?", "vi"),
    ("من أين حصلتم على رقمي يا جماعة؟", "ar"),
    ("你好，谁发的这个？", "zh"),
    ("상담원 연결해 주실 수 있나요?", "ko"),
    ("c'est à quel sujet svp ?", "fr"),
    ("worum geht es hier eigentlich?", "de"),
    ("ces textos sont payants ?", "fr"),
    ("do these messages cost me anything?", "en"),
    ("co się stanie, jak wyślę STOP?", "pl"),
    ("要是回复退订会怎么样？", "zh"),
]
# a price of goods, a question about someone else: not help by rule
NOT_HELP = [
    "was kostet der kuchen?",
    "wat kost het brood?",
    "i need a ride to the station",
]


@pytest.mark.parametrize("text, language", COME_BACK)
def test_asking_for_the_messages_again_is_an_opt_in_in_every_language(text: str, language: str) -> None:
    assert classify(text).name == OPT_IN, (language, classify(text))


@pytest.mark.parametrize("text, expected", NOT_COME_BACK)
def test_the_same_shape_negated_or_about_one_thing_is_no_opt_in(text: str, expected: str) -> None:
    assert classify(text).name == expected, classify(text)


@pytest.mark.parametrize("text, language", HELP_QUESTIONS)
def test_a_help_question_is_read_by_rule_in_every_language(text: str, language: str) -> None:
    found = classify(text)
    assert found.name == HELP and found.detail.startswith("rule:help-question."), (language, found)


@pytest.mark.parametrize("text", NOT_HELP)
def test_a_price_of_goods_is_no_help_question_by_rule(text: str) -> None:
    assert not classify(text).detail.startswith("rule:help-question."), classify(text)


def test_the_tables_are_not_training_lines() -> None:
    trained = {fold(text) for _, text in load_examples()}
    texts = [t for t, _ in COME_BACK + NOT_COME_BACK + HELP_QUESTIONS] + NOT_HELP
    assert not [text for text in texts if fold(text) in trained]
