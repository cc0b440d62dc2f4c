"""The intent layer: each layer, the policy, the commands and the measured quality."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from intents import Policy, classify, classify_reason
from intents.evaluate import carrier_exact, evaluate, read_tsv
from intents.ham import SHARED, ham_rows
from intents.keywords import KEYWORDS, edit_distance
from intents.language import detect_language
from intents.model import MODEL_PATH, train
from intents.normalise import fold
from intents.training_data import load_examples, read_nlu_file, training_pairs

ROOT = Path(__file__).resolve().parent.parent
TEST_SET = ROOT / "intents" / "testdata" / "test.tsv"


@pytest.mark.parametrize("raw, folded", [
    ("STOPPPP", "stop"), ("S T O P", "s t o p"), ("s.t.o.p", "s t o p"), ("st0p", "stop"),
    ("🛑", "stop"), ("⛔️", "stop"), ("Arrêt!", "arret"), ("ＳＴＯＰ", "stop"),
    ("meet at 24h", "meet at 24h"), ("don’t stop", "don't stop"),
])
def test_normalisation(raw, folded):
    assert fold(raw) == folded


@pytest.mark.parametrize("intent, language, word",
                         [(i, lang, w) for i, langs in KEYWORDS.items()
                          for lang, words in langs.items() for w in words])
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


@pytest.mark.parametrize("text", [
    "stop texting me", "take me off your list", "no me manden más mensajes", "wrong number",
    "please remove me", "🛑", "Please don't text me anymore. I have nothing else to say."])
def test_natural_opt_outs(text):
    assert classify(text).name == "opt_out"


@pytest.mark.parametrize("text", [
    "don't stop sending deals", "I'll stop by tomorrow", "cancel my order", "bus stop",
    "can't stop laughing", "stop calling me, text me instead", "what does STOP do?"])
def test_hard_negatives(text):
    assert classify(text).name != "opt_out"


def test_stopall_covers_all_scopes():
    assert classify("STOP ALL").all_scopes and not classify("STOP").all_scopes


@pytest.mark.parametrize("text, language", [
    ("no me manden más mensajes", "es"), ("ne m'envoyez plus de messages", "fr"),
    ("bitte keine nachrichten mehr", "de"), ("не пишите мне", "ru"), ("不要再发短信", "zh"),
    ("please stop texting me", "en")])
def test_language_detection(text, language):
    assert detect_language(fold(text)) == language


@pytest.mark.parametrize("probabilities, name, flagged", [
    ({"opt_out": 0.95, "opt_in": 0.01, "help": 0.02, "other": 0.02}, "opt_out", False),
    ({"opt_out": 0.60, "opt_in": 0.05, "help": 0.05, "other": 0.30}, "opt_out", True),
    ({"opt_out": 0.30, "opt_in": 0.05, "help": 0.05, "other": 0.60}, "other", False),
    ({"opt_out": 0.30, "opt_in": 0.25, "help": 0.20, "other": 0.25}, "opt_in", True),
])
def test_policy(probabilities, name, flagged):
    decided = Policy(high=0.85, low=0.5).decide(probabilities, "en", "v1")
    assert (decided.name, decided.flagged) == (name, flagged)
    assert decided.detail.startswith("model:v1")


def test_grey_zone_confirm_policy_asks_instead_of_opting_out(redis_url, prefix):
    from tests.conftest import make_app, post_sms
    from tests.test_webhook import messages, record

    app = make_app(redis_url, prefix, GREY_ZONE_POLICY="confirm", HIGH_CONFIDENCE=1.0,
                   LOW_CONFIDENCE=0.5)
    replies = messages(post_sms(app.test_client(), "please stop texting me"))
    assert replies == ["Acme Shoes: reply STOP to stop all messages from us."]
    assert record(app).state.value == "subscribed"


@pytest.mark.parametrize("text, category", [
    ("too many texts", "too_many"), ("I never signed up", "never_signed_up"),
    ("wrong number", "wrong_number"), ("too expensive", "cost"),
    ("not interested anymore", "not_relevant"), ("meh", "other")])
def test_reason_categories(text, category):
    assert classify_reason(text) == category


def test_training_data_is_valid_rasa_nlu_and_disjoint_from_the_test_set():
    examples = load_examples()
    assert len(examples) >= 600
    test_texts = {fold(text) for _, text in read_tsv(TEST_SET)}
    overlap = [text for _, text in examples if fold(text) in test_texts]
    assert overlap == []
    for path in (ROOT / "intents" / "data").glob("*.yml"):
        assert read_nlu_file(path)


def test_training_is_deterministic_and_matches_the_shipped_model():
    assert train(training_pairs()).to_json() == MODEL_PATH.read_text(encoding="utf-8")


def run_intents(*args: str, stdin: str = "") -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "intents", *args], input=stdin, cwd=ROOT,
                          capture_output=True, text=True, timeout=120)


def test_classify_command_prints_one_json_object():
    result = json.loads(run_intents("classify", "stop texting me").stdout)
    assert result["intent"] == "opt_out" and result["source"] == "model"
    assert 0.5 <= result["confidence"] <= 1 and result["language"] == "en"


def test_classify_jsonl_keeps_order():
    lines = "\n".join(json.dumps({"text": t}) for t in ["STOP", "hi", "AYUDA"])
    out = [json.loads(line) for line in run_intents("classify", "--jsonl", stdin=lines).stdout.splitlines()]
    assert [o["intent"] for o in out] == ["opt_out", "other", "help"]


def test_classify_jsonl_rejects_bad_lines_clearly():
    result = run_intents("classify", "--jsonl", stdin="not json\n")
    assert result.returncode == 2 and "expected" in result.stderr


def test_evaluate_command_reports_everything():
    report = json.loads(run_intents("evaluate", str(TEST_SET), "--json").stdout)
    assert set(report) >= {"per_intent", "confusion", "false_opt_outs", "missed_opt_outs",
                           "median_us", "opt_out_recall", "false_opt_out_rate", "calibration"}
    assert report["calibration"]["model_ece"] <= 0.05  # measured 0.022
    text = run_intents("evaluate", str(TEST_SET)).stdout
    assert "confusion" in text and "missed opt-outs" in text


def test_evaluate_rejects_a_bad_file(tmp_path):
    bad = tmp_path / "bad.tsv"
    bad.write_text("text\tlabel\nstop\topt_out\n")
    result = run_intents("evaluate", str(bad))
    assert result.returncode == 2 and "label<TAB>text" in result.stderr


def test_test_set_quality_stays_at_its_measured_level():
    rows = read_tsv(TEST_SET)
    assert len(rows) >= 600
    report = evaluate(rows, classify)
    keyword_rows = [r for r in rows if r in set(read_tsv(TEST_SET.parent / "keywords.tsv"))]
    assert evaluate(keyword_rows, classify)["opt_out_recall"] == 1.0
    # Targets of the issue: recall >= 99 %, false opt-outs <= 1 %. Measured: 99.6 %, 0 %.
    assert report["opt_out_recall"] >= 0.99
    assert report["false_opt_out_rate"] <= 0.01
    assert evaluate(rows, carrier_exact)["opt_out_recall"] < 0.05


@pytest.mark.skipif(not (SHARED / "SMSSpamCollection").exists(), reason="shared data absent")
def test_sms_ham_false_opt_outs_stay_at_their_measured_level():
    report = evaluate(ham_rows(), classify)
    assert report["messages"] == 4827
    assert report["opt_out_recall"] == 1.0  # the 3 genuine opt-outs
    # Target: at most 5 false opt-outs of 4,824. Measured: 3.
    assert len(report["false_opt_outs"]) <= 5


def test_blind_holdout_stays_at_its_measured_level():
    # holdout.tsv was written after the last tuning and never used to tune (see README).
    report = evaluate(read_tsv(TEST_SET.parent / "holdout.tsv"), classify)
    assert report["opt_out_recall"] >= 0.93  # measured 93.3 %
    assert report["false_opt_outs"] == []


@pytest.mark.parametrize("raw, model_text", [
    ("stpo texting me", "stop texting me"), ("remvoe me", "remove me"),
    ("next test", "next test"), ("massage me", "massage me"), ("wrong #", "wrong number"),
    ("order #123", "order number 123")])
def test_model_reads_key_words_through_typos(raw, model_text):
    from intents.normalise import for_model

    assert for_model(raw) == model_text


@pytest.mark.parametrize("text, cue", [
    ("please leave me alone", True), ("I am alone also", False), ("wrong number", True),
    ("the wrong size", False), ("it's quite nice", False), ("I've reached already", False),
    ("option two please", False), ("bitte melden Sie mich ab", True), ("stop texting", True)])
def test_opt_out_cue_gate(text, cue):
    from intents.cues import has_opt_out_cue

    assert has_opt_out_cue(fold(text)) is cue


def test_an_opt_out_sentence_inside_a_long_message_counts():
    text = ("Thanks for the birthday coupon last year, it was nice while it lasted. "
            "Please do not contact me again about anything. Have a good day.")
    assert classify(text).name == "opt_out"


def test_calibration_error():
    from intents import Intent
    from intents.evaluate import calibration_error

    right, wrong = Intent("opt_out", 0.8), Intent("other", 0.8)
    assert calibration_error([(right, "opt_out")] * 8 + [(wrong, "opt_out")] * 2) == 0.0
    assert calibration_error([(right, "opt_out")] * 10) == 0.2
