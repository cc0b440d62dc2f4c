"""The intent layer: each layer, the policy, the commands and the measured quality."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from intents import Policy, classify, classify_reason
from intents.distance import edit_distance
from intents.evaluate import carrier_exact, evaluate, read_rows, read_tsv
from intents.ham import SHARED, ham_rows
from intents.keywords import KEYWORDS
from intents.language import detect_language
from intents.model import MODEL_PATH, train
from intents.normalise import fold
from intents.suite import REAL_REPLIES
from intents.training_data import load_examples, read_nlu_file, training_pairs

ROOT = Path(__file__).resolve().parent.parent
TEST_SET = ROOT / "intents" / "testdata" / "test.tsv"


@pytest.mark.parametrize(
    "raw, folded",
    [
        ("STOPPPP", "stop"),
        ("S T O P", "s t o p"),
        ("s.t.o.p", "s t o p"),
        ("st0p", "stop"),
        ("🛑", "stop"),
        ("⛔️", "stop"),
        ("Arrêt!", "arret"),
        ("ＳＴＯＰ", "stop"),
        ("meet at 24h", "meet at 24h"),
        ("don’t stop", "don't stop"),
    ],
)
def test_normalisation(raw, folded):
    assert fold(raw) == folded


@pytest.mark.parametrize(
    "intent, language, word", [(i, lang, w) for i, langs in KEYWORDS.items() for lang, words in langs.items() for w in words]
)
def test_every_keyword_in_odd_forms_is_recognised_with_full_confidence(intent, language, word):
    for form in (word.upper(), f"  {word.title()}!! ", f"{word}."):
        result = classify(form)
        assert (result.name, result.source, result.confidence) == (intent, "keyword", 1.0), form


@pytest.mark.parametrize("text", ["stpo", "sotp", "unsubscirbe", "unsubcribe", "cancle"])
def test_typos_of_opt_out_keywords(text):
    result = classify(text)
    assert result.name == "opt_out" and result.source in ("typo", "keyword")


@pytest.mark.parametrize("text", ["top", "step", "shop", "I will end it at 5", "top seller?"])
def test_typo_matching_leaves_real_words_alone(text):
    assert classify(text).name != "opt_out"


def test_edit_distance_counts_a_swap_as_one():
    assert edit_distance("stpo", "stop") == 1 and edit_distance("stop", "step") == 1


@pytest.mark.parametrize(
    "text",
    [
        "stop texting me",
        "take me off your list",
        "no me manden más mensajes",
        "wrong number",
        "please remove me",
        "🛑",
        "Please don't text me anymore. I have nothing else to say.",
    ],
)
def test_natural_opt_outs(text):
    assert classify(text).name == "opt_out"


@pytest.mark.parametrize(
    "text",
    [
        "don't stop sending deals",
        "I'll stop by tomorrow",
        "cancel my order",
        "bus stop",
        "can't stop laughing",
        "stop calling me, text me instead",
        "what does STOP do?",
    ],
)
def test_hard_negatives(text):
    assert classify(text).name != "opt_out"


def test_stopall_covers_all_scopes():
    assert classify("STOP ALL").all_scopes and not classify("STOP").all_scopes


@pytest.mark.parametrize(
    "text, language",
    [
        ("no me manden más mensajes", "es"),
        ("ne m'envoyez plus de messages", "fr"),
        ("bitte keine nachrichten mehr", "de"),
        ("не пишите мне", "ru"),
        ("不要再发短信", "zh"),
        ("please stop texting me", "en"),
    ],
)
def test_language_detection(text, language):
    assert detect_language(fold(text)) == language


@pytest.mark.parametrize(
    "probabilities, name, flagged",
    [
        ({"opt_out": 0.95, "opt_in": 0.01, "help": 0.02, "other": 0.02}, "opt_out", False),
        ({"opt_out": 0.60, "opt_in": 0.05, "help": 0.05, "other": 0.30}, "opt_out", True),
        ({"opt_out": 0.30, "opt_in": 0.05, "help": 0.05, "other": 0.60}, "other", False),
        # a help text or a START hint only when the model is sure; below `high` it is chatter
        ({"opt_out": 0.30, "opt_in": 0.25, "help": 0.20, "other": 0.25}, "other", False),
        ({"opt_out": 0.02, "opt_in": 0.90, "help": 0.04, "other": 0.04}, "opt_in", False),
    ],
)
def test_policy(probabilities, name, flagged):
    decided = Policy(high=0.85, low=0.5).decide(probabilities, "en", "v1")
    assert (decided.name, decided.flagged) == (name, flagged)
    assert decided.detail.startswith("model:v1")


def test_grey_zone_confirm_policy_asks_instead_of_opting_out(redis_url, prefix):
    from tests.conftest import make_app, post_sms
    from tests.test_webhook import messages, record

    app = make_app(redis_url, prefix, GREY_ZONE_POLICY="confirm", HIGH_CONFIDENCE=1.0, LOW_CONFIDENCE=0.5)
    replies = messages(post_sms(app.test_client(), "please stop texting me"))
    assert replies == ["Acme Shoes: reply STOP to stop all messages from us."]
    assert record(app).state.value == "subscribed"


@pytest.mark.parametrize(
    "text, category",
    [
        ("too many texts", "too_many"),
        ("I never signed up", "never_signed_up"),
        ("wrong number", "wrong_number"),
        ("too expensive", "cost"),
        ("not interested anymore", "not_relevant"),
        ("meh", "other"),
    ],
)
def test_reason_categories(text, category):
    assert classify_reason(text) == category


REASONS_BY_LANGUAGE = {  # written for this test: (language, answer, category)
    "wrong_number": [
        ("es", "Se equivocaron de número, no soy yo", "es"),
        ("fr", "C'est pas mon numéro, erreur de numéro", "fr"),
        ("it", "Numero sbagliato, chi è?", "it"),
        ("pt", "Número errado, não sou eu", "pt"),
        ("de", "Falsch verbunden, wer ist das?", "de"),
    ],
    "never_signed_up": [
        ("es", "Nunca me registré en nada suyo", "es"),
        ("fr", "Je ne me suis jamais inscrit chez vous", "fr"),
        ("it", "Non mi sono mai iscritta a questa lista", "it"),
        ("pt", "Nunca me cadastrei nisso", "pt"),
        ("de", "Ich habe mich nie angemeldet", "de"),
    ],
    "too_many": [
        ("es", "Mandan mensajes todos los días", "es"),
        ("fr", "Vous écrivez trop souvent", "fr"),
        ("it", "Troppi messaggi, ogni giorno", "it"),
        ("pt", "Mensagens demais, todo dia", "pt"),
        ("de", "Viel zu oft, fast täglich", "de"),
    ],
    "cost": [
        ("es", "Sus productos son muy caros, el precio sube", "es"),
        ("fr", "Trop cher pour moi, les prix montent", "fr"),
        ("it", "Il prezzo è alto, è troppo caro", "it"),
        ("pt", "Tudo custa muito, é muito caro", "pt"),
        ("de", "Zu teuer für mich", "de"),
    ],
    "not_relevant": [
        ("es", "Ya no vivo en esa ciudad", "es"),
        ("fr", "Ça ne m'intéresse plus", "fr"),
        ("it", "Non mi interessa più", "it"),
        ("pt", "Não tenho interesse", "pt"),
        ("de", "Kein Interesse mehr", "de"),
    ],
}


@pytest.mark.parametrize(
    "category, language, text",
    [(category, language, text) for category, rows in REASONS_BY_LANGUAGE.items() for language, text, _ in rows],
)
def test_reason_categories_in_every_language_the_layer_reads(category, language, text):
    assert classify_reason(text) == category, (language, text)


@pytest.mark.parametrize(
    "text",
    [
        "Je vais chercher mes enfants",
        "caro amico, basta così",
        "caro amigo, tchau",
        "Cher ami, merci",
        "Gracias igual",
        "Danke, tschüss",
        "Obrigado",
        "ok",
    ],
)
def test_a_word_inside_another_word_or_a_polite_answer_is_no_reason(text):
    assert classify_reason(text) == "other"


def test_training_data_is_valid_rasa_nlu_and_disjoint_from_the_test_set():
    examples = load_examples()
    assert len(examples) >= 10 * 766  # ten times the first data set (766), hand-written plus generated
    test_texts = {fold(text) for _, text in read_tsv(TEST_SET)} - {""}
    overlap = [text for _, text in examples if fold(text) in test_texts]
    assert overlap == []
    for path in (ROOT / "intents" / "data").glob("*.yml"):
        assert read_nlu_file(path)


def test_generated_data_covers_every_intent_in_every_language():
    import random

    from intents.frames import FRAMES
    from intents.generate import PER_FRAME, expand

    assert len(FRAMES) >= 10
    for language, spec in FRAMES.items():
        slots = {k: tuple(v) for k, v in spec["slots"].items()}
        for intent in ("opt_out", "opt_in", "help", "other"):
            sentences = {s for t in spec[intent] for s in expand(t, slots, random.Random(0), PER_FRAME[intent])}
            assert len(sentences) >= 15, (language, intent, len(sentences))


def test_training_is_deterministic_and_matches_the_shipped_model():
    assert train(training_pairs()).to_json() == MODEL_PATH.read_text(encoding="utf-8")


def run_intents(*args: str, stdin: str = "") -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "intents", *args], input=stdin, cwd=ROOT, capture_output=True, text=True, timeout=120
    )


def test_classify_command_prints_one_json_object():
    result = json.loads(run_intents("classify", "stop texting me").stdout)
    assert result["intent"] == "opt_out" and result["source"] == "rule"
    assert result["detail"] == "rule:command.leading_keyword" and result["language"] == "en"
    model = json.loads(run_intents("classify", "I do not consent to these messages").stdout)
    assert model["source"] == "model" and 0.85 <= model["confidence"] <= 1


def test_classify_jsonl_keeps_order():
    lines = "\n".join(json.dumps({"text": t}) for t in ["STOP", "hi", "AYUDA"])
    out = [json.loads(line) for line in run_intents("classify", "--jsonl", stdin=lines).stdout.splitlines()]
    assert [o["intent"] for o in out] == ["opt_out", "other", "help"]


def test_classify_jsonl_rejects_bad_lines_clearly():
    result = run_intents("classify", "--jsonl", stdin="not json\n")
    assert result.returncode == 2 and "expected" in result.stderr


def test_evaluate_command_reports_everything():
    report = json.loads(run_intents("evaluate", str(TEST_SET), "--json").stdout)
    assert set(report) >= {
        "per_intent",
        "confusion",
        "false_opt_outs",
        "missed_opt_outs",
        "median_us",
        "opt_out_recall",
        "false_opt_out_rate",
        "calibration",
    }
    assert report["calibration"]["ece"] <= 0.05  # measured 0.027
    text = run_intents("evaluate", str(TEST_SET)).stdout
    assert "confusion" in text and "missed opt-outs" in text


def test_evaluate_rejects_a_bad_file(tmp_path):
    bad = tmp_path / "bad.tsv"
    bad.write_text("text\tlabel\nstop\topt_out\n")
    result = run_intents("evaluate", str(bad))
    assert result.returncode == 2 and "label<TAB>text" in result.stderr


def test_test_set_meets_the_targets_in_every_language():
    # test.tsv was written after the layer was built; its first, blind measurement is in the
    # README (opt-out recall 89.9 %). These are the levels after fixing the mechanisms it showed.
    rows = read_rows(TEST_SET)
    assert len(rows) >= 300 and len({r.language for r in rows}) >= 15
    report = evaluate(rows, classify, breakdown=True)
    assert report["opt_out_recall"] >= 0.99 and report["false_opt_out_rate"] <= 0.01
    assert report["per_intent"]["opt_in"]["recall"] >= 0.95
    assert report["per_intent"]["help"]["recall"] >= 0.95
    for language, numbers in report["by_language"].items():
        assert numbers["opt_out_recall"] == 1.0, language
        assert numbers["opt_in_recall"] >= 0.95 and numbers["help_recall"] >= 0.95, language
    assert evaluate(rows, carrier_exact)["opt_out_recall"] < 0.15


def test_keyword_set_follows_the_keyword_lists():
    from intents.testdata.build import render

    assert (TEST_SET.parent / "keywords.tsv").read_text(encoding="utf-8") == render()
    report = evaluate(read_tsv(TEST_SET.parent / "keywords.tsv"), classify)
    assert report["opt_out_recall"] == 1.0 and report["false_opt_outs"] == []
    assert report["per_intent"]["opt_in"]["recall"] == report["per_intent"]["help"]["recall"] == 1.0


@pytest.mark.skipif(not (SHARED / "SMSSpamCollection").exists(), reason="shared data absent")
def test_sms_ham_false_opt_outs_meet_the_target():
    report = evaluate(ham_rows(), classify)
    assert report["messages"] == 4827
    assert report["opt_out_recall"] == 1.0  # the 3 genuine opt-outs
    # Targets: at most 3 false opt-outs and 5 false opt-ins of 4,824. Measured: 3 and 3.
    assert len(report["false_opt_outs"]) <= 3
    assert report["confusion"]["other"]["opt_in"] <= 5


@pytest.mark.skipif(not REAL_REPLIES.exists(), reason="shared data absent")
def test_real_replies_meet_the_targets():
    # measured only: never copied into the project's data (see the shared README)
    report = evaluate(read_rows(REAL_REPLIES), classify)
    assert report["opt_out_recall"] >= 0.97  # measured 97.5 %
    assert report["false_opt_out_rate"] <= 0.02  # measured 1.0 %
    assert report["per_intent"]["help"]["recall"] >= 0.90  # measured 95.2 %


def test_regression_set_stays_at_its_level():
    # the earlier test and holdout sets: they shaped the layer, so they guard against regressions
    report = evaluate(read_tsv(TEST_SET.parent / "regression.tsv"), classify)
    assert report["opt_out_recall"] >= 0.99 and report["false_opt_outs"] == []


@pytest.mark.parametrize(
    "raw, model_text",
    [
        ("stpo texting me", "stop texting me"),
        ("remvoe me", "remove me"),
        ("next test", "next test"),
        ("massage me", "massage me"),
        ("wrong #", "wrong number"),
        ("order #123", "order number 123"),
    ],
)
def test_model_reads_key_words_through_typos(raw, model_text):
    from intents.normalise import for_model

    assert for_model(raw) == model_text


@pytest.mark.parametrize(
    "text, cue",
    [
        ("please leave me alone", True),
        ("I am alone also", False),
        ("wrong number", True),
        ("the wrong size", False),
        ("it's quite nice", False),
        ("I've reached already", False),
        ("option two please", False),
        ("bitte melden Sie mich ab", True),
        ("stop texting", True),
        ("别再发了", True),
        ("今天天气很好", False),
    ],
)
def test_opt_out_cue_gate(text, cue):
    from intents.cues import has_opt_out_cue

    assert has_opt_out_cue(fold(text)) is cue


@pytest.mark.parametrize(
    "text, cue",
    [
        ("ok see you at noon", False),
        ("ok see you at noon?", True),
        ("ok see you at noon？", True),
        ("I was wondering who", True),
        ("fine, leave me alone", True),
        ("subscribe again", True),
        ("nhan tin nhan lai", True),
        ("sounds good to me", False),
    ],
)
def test_anything_for_the_model_to_decide(text, cue):
    from intents.cues import has_any_cue

    assert has_any_cue(text, fold(text)) is cue


def test_an_opt_out_sentence_inside_a_long_message_counts():
    text = (
        "Thanks for the birthday coupon last year, it was nice while it lasted. "
        "Please do not contact me again about anything. Have a good day."
    )
    assert classify(text).name == "opt_out"


def test_calibration_error():
    from intents import Intent
    from intents.evaluate import calibration_error

    right, wrong = Intent("opt_out", 0.8), Intent("other", 0.8)
    assert calibration_error([(right, "opt_out")] * 8 + [(wrong, "opt_out")] * 2) == 0.0
    assert calibration_error([(right, "opt_out")] * 10) == 0.2


@pytest.mark.parametrize(
    "text, rule",
    [
        ("Never been open to offers. STOP texting me!!!!", "command"),
        ("I didn't join anything. Stop", "command"),
        ("Got it the first time. STOP.", "command"),
        ("Hell no. Quit", "command"),
        ("Go tell them. Quit2End", "command"),
        ("send no further messages to this phone", "request"),
        ("pls delete my details from your system", "request"),
        ("I've had enough of these texts", "request"),
        ("these are unwanted", "request"),
        ("I'm not Amy", "wrong-name"),
        ("Not Gregory!!", "wrong-name"),
        ("there's no Otis at this number", "wrong-recipient"),
        ("He passed away last year, this is his widow", "wrong-recipient"),
        ("this number is a business line now", "wrong-recipient"),
        ("piss off", "dismissal"),
        ("leave me be", "dismissal"),
        ("ya no me manden promociones", "request"),
        ("parem de me mandar mensagem", "request"),
        ("ich will keine Nachrichten mehr von euch", "request"),
    ],
)
def test_clause_reader_finds_the_kind_of_request(text, rule):
    result = classify(text)
    assert result.name == "opt_out" and result.detail.startswith(f"rule:{rule}"), result


@pytest.mark.parametrize(
    "text, intent",
    [
        ("sign me back up for the texts", "opt_in"),
        ("I texted stop by accident", "opt_in"),
        ("turn my alerts back on", "opt_in"),
        ("who is this?", "help"),
        ("How did you get my cell number?", "help"),
        ("what's this regarding?", "help"),
        ("¿quién me está escribiendo?", "help"),
        ("don't you dare take me off, I love these", "other"),
        ("I cancelled my gym, not you guys", "other"),
        ("can I cancel my appointment?", "other"),
        ("what happens if I reply stop?", "help"),
        ("Stop being bullies", "other"),
        ("I can't stop laughing", "other"),
        ("resubscribe", "opt_in"),
        ("Are", "other"),
        ("I've changed my mind and don't want these anymore", "opt_out"),
        ("quero voltar a receber", "opt_in"),
        ("sorry wrong person, meant to text my sister", "other"),
    ],
)
def test_natural_opt_ins_help_and_hard_negatives(text, intent):
    assert classify(text).name == intent


@pytest.mark.parametrize(
    "word, found",
    [
        ("quit2end", ("opt_out", "compound")),
        ("quir2end", ("opt_out", "compound")),
        ("stoptoquit", ("opt_out", "compound")),
        ("wyit", ("opt_out", "typo")),
        ("stpo", ("opt_out", "typo")),
        ("hepl", ("help", "typo")),
        ("strat", ("opt_in", "typo")),
        ("resubscribe", ("opt_in", "exact")),
        ("are", None),
        ("step", None),
        ("atop", None),
    ],
)
def test_typos_and_compounds_never_cross_intents_or_hit_real_words(word, found):
    from intents.matcher import DEFAULT_KEYWORDS

    result = DEFAULT_KEYWORDS.word_intent(word, lone=True)
    assert (result[:2] if result else None) == found


def test_program_keywords_get_the_same_tolerance_as_stop():
    from intents import Pipeline
    from intents.matcher import Keywords

    pipeline = Pipeline(keywords=Keywords({"opt_out": ["Quit2End"], "opt_in": ["JOIN"]}))
    for text in ("Quit2End", "QUIT 2 End", "quit2end please", "Quit2End!!!", "quit 2 end."):
        result = pipeline(text)
        assert (result.name, result.source, result.confidence >= 0.99) == ("opt_out", "keyword", True), text
    assert pipeline("join!").name == "opt_in"
    with pytest.raises(ValueError, match="both opt_out and opt_in"):
        Keywords({"opt_in": ["stop"]})


def test_program_keywords_come_from_settings(redis_url, prefix):
    from tests.conftest import make_app

    app = make_app(redis_url, prefix, OPT_OUT_KEYWORDS="Quit2End, LEAVEPROGRAM")
    service = app.service()
    assert service.classify("leave program").detail == "program-keyword:leaveprogram"
    from domain.errors import ConfigError

    with pytest.raises(ConfigError, match="program keywords"):
        make_app(redis_url, prefix, OPT_IN_KEYWORDS="cancel")


def test_evaluation_suite_reports_targets_languages_and_categories():
    from intents.suite import check, cross_validate, run_suite

    report = run_suite(classify, folds=0)
    assert {"test", "keywords"} <= set(report)
    test = report["test"]
    assert {"es", "fr", "ko", "hi"} <= set(test["full"]["by_language"])
    assert "wrong-person" in test["full"]["by_category"]
    assert all(t["met"] for t in test["targets"])
    failing = check("ham", {"false_opt_outs": 4, "opt_out_recall": 1.0, "false_opt_ins": 0})
    assert [t["met"] for t in failing] == [False, True, True]
    tiny = [("opt_out", "stop texting me"), ("other", "see you soon")] * 6
    folds = cross_validate(tiny, 3)
    assert folds["folds"] == 3 and folds["examples"] == 12 and folds["accuracy"] == 1.0


def test_evaluate_reads_the_real_replies_format(tmp_path):
    path = tmp_path / "replies.tsv"
    path.write_text(
        "label\ttext\tlanguage\tlabel_by\tsource\nopt_out\tStop pls\ten\tsource\tsomewhere | vendor label 'Unsub' | kind=x\n"
    )
    rows = read_rows(path)
    assert (rows[0].label, rows[0].language, rows[0].category) == ("opt_out", "en", "vendor label 'Unsub'")
    assert evaluate(rows, classify, breakdown=True)["by_category"]["vendor label 'Unsub'"]["opt_out_recall"] == 1.0


def test_generated_training_data_is_reproducible():
    from intents.generate import GENERATED_PATH, _test_texts, generate, to_yaml
    from intents.training_data import load_examples

    hand = {fold(t) for _, t in load_examples(exclude=(GENERATED_PATH.name,))}
    assert to_yaml(generate(), hand | _test_texts()) == GENERATED_PATH.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "text, intent, flagged",
    [
        # put me back: the object pronoun before the verb (pt-BR, es) or after it, and "back on the list"
        ("me coloquem de volta na lista", "opt_in", False),
        ("coloquem-me de novo", "opt_in", False),
        ("ponganme otra vez en la lista", "opt_in", False),
        ("zet me weer op de lijst", "opt_in", False),
        ("bitte wieder auf die Liste", "opt_in", False),
        # the same requests negated ask to stay off: an opt-out, flagged for a look
        ("please don't put me back on the list", "opt_out", True),
        ("never sign me up again", "opt_out", True),
        ("no me pongan de nuevo en la lista", "opt_out", True),
        ("não quero voltar a receber", "opt_out", True),
        ("nao me coloquem de volta na lista", "opt_out", True),
        # 'no' that negates nothing
        ("oh no I texted stop by accident", "opt_in", False),
    ],
)
def test_opt_in_requests_and_their_negations(text, intent, flagged):
    result = classify(text)
    assert (result.name, result.flagged) == (intent, flagged), result
