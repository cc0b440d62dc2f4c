"""The ops console pages: log, review queue, subscriber history, dashboard, exports."""
from __future__ import annotations

import logging
import time
from typing import Any

from flask import (
    Blueprint,
    Response,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    session,
    stream_with_context,
    url_for,
)

from domain.errors import BadInbound
from domain.events import Event, Source
from domain.numbers import normalise_scope, normalise_sender
from domain.privacy import mask
from intents.types import INTENT_NAMES
from service import current_service

from . import charts, dashboard, exports
from .auth import guard, login_view, sessions
from .queries import BadFilter, LogFilter, filter_args, matching, page
from .refs import ExpiredRef, NumberRefs
from .reviews import ReviewError, Reviews, corrections_yaml

bp = Blueprint("ops", __name__, url_prefix="/ops")
guard(bp)
log = logging.getLogger(__name__)
PAGE_SIZE = 50
SOURCES = tuple(Source)
EVENTS = tuple(Event)




def reviews() -> Reviews:
    return Reviews.for_app(current_app)


def audit(action: str, target: str) -> None:
    """Revealing a number is logged (who: the ops session; from where; what)."""
    svc = current_service()
    svc.store.client.xadd(svc.store.key("audit"), {"time": str(time.time()), "action": action,
                                                   "target": target, "ip": request.remote_addr or ""})
    log.warning("ops %s %s from %s", action, target, request.remote_addr)


def refs() -> NumberRefs:
    return NumberRefs(current_service().store.client, current_app.config["REDIS_PREFIX"])


def log_filter() -> LogFilter:
    try:
        return LogFilter.from_args(refs().resolved(request.args))
    except (BadFilter, ExpiredRef) as error:
        abort(400, str(error))


def without_number(endpoint: str, form: Any, **more: str) -> Any:
    """Redirect to `endpoint` with the same arguments, a typed number swapped for a reference
    (a GET form would have put it in the URL, and so in every access log)."""
    args = {k: v for k, v in form.items() if k not in ("csrf", "number") and v}
    number = str(form.get("number", "")).strip()
    if number:
        args["who"] = refs().ref_for(number)
    values: dict[str, Any] = {**args, **more}
    return redirect(url_for(endpoint, **values), code=303)


bp.add_url_rule("/login", "login", login_view(lambda: current_service().store.client),
                methods=["GET", "POST"])


@bp.post("/logout")
def logout() -> Any:
    """Sign out: the session is deleted on the server, so a copied cookie stops working too."""
    sessions().revoke(session.get("ops"))
    session.clear()
    return redirect(url_for("ops.login"))


@bp.post("/logout-everywhere")
def logout_everywhere() -> Any:
    """Sign every ops session out (a lost laptop, a departing colleague)."""
    sessions().revoke_all()
    session.clear()
    return redirect(url_for("ops.login"))


@bp.get("/")
def index() -> Any:
    return redirect(url_for("ops.log"))


@bp.post("/log")
def log_search() -> Any:
    """The filter form posts (a number typed in it stays out of the URL) and is redirected."""
    return without_number("ops.log", request.form)


@bp.get("/log", endpoint="log")
def log_page() -> Any:
    """Newest first, filtered, paginated; numbers masked unless one is revealed."""
    if request.args.get("number"):  # an old bookmark: from now on, a reference
        return without_number("ops.log", request.args)
    wanted = log_filter()
    rows, next_cursor = page(current_service().intent_log, wanted, request.args.get("before"), PAGE_SIZE)
    reveal = request.args.get("reveal", "")
    if reveal:
        audit("reveal-number", reveal)
    return render_template("ops/log.html", rows=rows, next_cursor=next_cursor, reveal=reveal,
                           mask=mask, intents=INTENT_NAMES, sources=SOURCES, events=EVENTS,
                           args=request.args, filters=filter_args(request.args))



@bp.get("/review")
def review_page() -> str:
    queue = reviews()
    rows = [(sid, entry, queue.effects(entry)) for sid, entry in queue.queue()]
    return render_template("ops/review.html", rows=rows, mask=mask, intents=INTENT_NAMES)


@bp.post("/review/<stream_id>")
def review_decide(stream_id: str) -> Any:
    """Confirm or correct one decision (one click), then say what it did."""
    try:
        verdict = reviews().decide(stream_id, request.form.get("intent", ""))
    except ReviewError as error:
        abort(400, str(error))
    flash(f"{verdict['verdict'].capitalize()} as {verdict['intent']}: {verdict['effect']} "
          f"(state {verdict['state_before']} → {verdict['state_after']}).")
    return redirect(url_for("ops.review_page"))


@bp.post("/subscriber")
def subscriber_search() -> Any:
    """The look-up form: the number travels in the body, then as a reference."""
    return without_number("ops.subscriber_page", request.form)


@bp.get("/subscriber")
def subscriber_page() -> Any:
    """Everything about one number in one scope: the evidence an auditor asks for. Reached from
    a log entry (`entry`), or a looked-up number (`who`, a reference, and `scope`)."""
    if request.args.get("number"):
        return without_number("ops.subscriber_page", request.args)
    if not request.args.get("entry") and not request.args.get("who"):
        return render_template("ops/lookup.html")
    number, scope = _subscriber_of(request.args)
    store = current_service().store
    record, history = store.load(scope, number), store.history(scope, number)
    reveal = request.args.get("reveal") == "1"
    if reveal:
        audit("reveal-subscriber", f"{scope}|{mask(number)}")
    here = {k: v for k, v in request.args.items() if k in ("entry", "who", "scope")}
    return render_template("ops/subscriber.html", record=record, history=history, reveal=reveal,
                           mask=mask, here=here)


def _subscriber_of(args: Any) -> tuple[str, str]:
    """(number, scope) from a log entry's id, or from a reference and a scope; 400 otherwise."""
    region = current_app.config["DEFAULT_REGION"]
    try:
        if args.get("entry"):
            entry = current_service().intent_log.entry(args["entry"])
            if entry is None:
                abort(404, "no such log entry (it may have expired)")
            return entry["number"], entry["scope"]
        number = normalise_sender(refs().number_of(args["who"]), region).address
        return number, normalise_scope(args.get("scope", ""), region)
    except BadInbound as error:
        abort(400, error.message)
    except ExpiredRef as error:
        abort(400, str(error))


@bp.get("/dashboard")
def dashboard_page() -> str:
    raw = request.args.get("days", str(dashboard.DAYS))
    if not raw.isdigit() or not 7 <= int(raw) <= 90:
        abort(400, "days: a whole number from 7 to 90")
    data = dashboard.summary(current_service().intent_log, int(raw))
    svgs = {"per_day": charts.stacked_bars("Opt-outs per day by source", data["per_day"]),
            "reasons": charts.bars("Reasons for opting out", data["reasons"] or {"none yet": 0}),
            "confidence": charts.histogram("Decisions by confidence and intent", data["confidence"])}
    return render_template("ops/dashboard.html", svgs=svgs, queue_size=reviews().queue_size(),
                           week=data["week"], days=int(raw))


def _download(lines: Any, filename: str, mimetype: str) -> Response:
    return Response(stream_with_context(lines), mimetype=mimetype,
                    headers={"Content-Disposition": f"attachment; filename={filename}",
                             "Cache-Control": "no-store"})


@bp.get("/export/optouts.csv")
def export_optouts() -> Response:
    svc = current_service()
    return _download(exports.register_csv(svc.intent_log, svc.store), "optouts.csv", "text/csv")


@bp.get("/export/log.<fmt>")
def export_log(fmt: str) -> Response:
    entries = matching(current_service().intent_log, log_filter())
    if fmt == "csv":
        return _download(exports.log_csv(entries), "log.csv", "text/csv")
    if fmt == "jsonl":
        return _download(exports.log_jsonl(entries), "log.jsonl", "application/jsonl")
    abort(404)


@bp.get("/export/corrections.yml")
def export_corrections() -> Response:
    return Response(corrections_yaml(reviews().corrections()), mimetype="application/yaml",
                    headers={"Content-Disposition": "attachment; filename=corrections.yml"})
