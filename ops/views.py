"""The ops console pages: log, review queue, subscriber history, dashboard, exports."""

from __future__ import annotations

import logging
import time
from typing import Any

from flask import (
    Blueprint,
    Flask,
    Response,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    stream_with_context,
    url_for,
)

from domain.errors import BadInbound
from domain.events import Event, Source
from domain.numbers import normalise_number, normalise_scope
from domain.privacy import mask
from intents.types import INTENT_NAMES
from service import OptOutService, bound
from store.feed import Backlog

from . import campaigns, dashboard, exports
from .auth import OpsAuth
from .queries import BadFilter, LogFilter, filter_args, matching, page
from .refs import ExpiredRef, NumberRefs
from .reviews import ReviewError, Reviews, corrections_yaml

log = logging.getLogger(__name__)
PAGE_SIZE = 50
SOURCES = tuple(Source)
EVENTS = tuple(Event)


def reviews(service: OptOutService) -> Reviews:
    return Reviews.for_service(service, current_app.config)


def audit(service: OptOutService, action: str, target: str) -> None:
    """Revealing a number is logged (who: the ops session; from where; what)."""
    service.store.repositories.audit.append(
        {"time": str(time.time()), "action": action, "target": target, "ip": request.remote_addr or ""}
    )
    log.warning("ops %s %s from %s", action, target, request.remote_addr)


def refs(service: OptOutService) -> NumberRefs:
    return NumberRefs(service.store.repositories.refs)


def log_filter(service: OptOutService) -> LogFilter:
    try:
        return LogFilter.from_args(refs(service).resolved(request.args), current_app.config["DEFAULT_REGION"])
    except (BadFilter, ExpiredRef) as error:
        abort(400, str(error))


def without_number(service: OptOutService, endpoint: str, form: Any, **more: str) -> Any:
    """Redirect to `endpoint` with the same arguments, a typed number swapped for a reference
    (a GET form would have put it in the URL, and so in every access log)."""
    args = {k: v for k, v in form.items() if k not in ("csrf", "number") and v}
    number = str(form.get("number", "")).strip()
    if number:
        args["who"] = refs(service).ref_for(number)
    values: dict[str, Any] = {**args, **more}  # Any: url_for types its _external, … (str refused)
    return redirect(url_for(endpoint, **values), code=303)


def log_search(service: OptOutService) -> Any:
    """The filter form posts (a number typed in it stays out of the URL) and is redirected."""
    return without_number(service, "ops.log", request.form)


def log_page(service: OptOutService) -> Any:
    """Newest first, filtered, paginated; numbers masked unless one is revealed."""
    if request.args.get("number"):  # an old bookmark: from now on, a reference
        return without_number(service, "ops.log", request.args)
    wanted = log_filter(service)
    index = service.store.repositories.number_index
    rows, next_cursor = page(service.intent_log, wanted, request.args.get("before"), PAGE_SIZE, index)
    reveal = request.args.get("reveal", "")
    if reveal:
        audit(service, "reveal-number", reveal)
    return render_template(
        "ops/log.html",
        rows=rows,
        next_cursor=next_cursor,
        reveal=reveal,
        mask=mask,
        intents=INTENT_NAMES,
        sources=SOURCES,
        events=EVENTS,
        args=request.args,
        filters=filter_args(request.args),
    )


def review_page(service: OptOutService) -> str:
    queue = reviews(service)
    rows = [(sid, entry, queue.effects(entry)) for sid, entry in queue.queue()]
    return render_template("ops/review.html", rows=rows, mask=mask, intents=INTENT_NAMES)


def review_decide(service: OptOutService, stream_id: str) -> Any:
    """Confirm or correct one decision (one click), then say what it did."""
    try:
        verdict = reviews(service).decide(stream_id, request.form.get("intent", ""))
    except ReviewError as error:
        abort(400, str(error))
    flash(
        f"{verdict['verdict'].capitalize()} as {verdict['intent']}: {verdict['effect']} "
        f"(state {verdict['state_before']} → {verdict['state_after']})."
    )
    return redirect(url_for("ops.review_page"))


def subscriber_search(service: OptOutService) -> Any:
    """The look-up form: the number travels in the body, then as a reference."""
    return without_number(service, "ops.subscriber_page", request.form)


def subscriber_page(service: OptOutService) -> Any:
    """Everything about one number in one scope: the evidence an auditor asks for. Reached from
    a log entry (`entry`), or a looked-up number (`who`, a reference, and `scope`)."""
    if request.args.get("number"):
        return without_number(service, "ops.subscriber_page", request.args)
    if not request.args.get("entry") and not request.args.get("who"):
        return render_template("ops/lookup.html")
    number, scope = _subscriber_of(service, request.args)
    store = service.store
    record, history = store.load(scope, number), store.history(scope, number)
    reveal = request.args.get("reveal") == "1"
    if reveal:
        audit(service, "reveal-subscriber", f"{scope}|{mask(number)}")
    here = {k: v for k, v in request.args.items() if k in ("entry", "who", "scope")}
    return render_template(
        "ops/subscriber.html",
        record=record,
        history=history,
        reveal=reveal,
        mask=mask,
        here=here,
        consent=service.consent(scope, number, record),
    )


def _subscriber_of(service: OptOutService, args: Any) -> tuple[str, str]:
    """(number, scope) from a log entry's id, or from a reference and a scope; 400 otherwise."""
    region = current_app.config["DEFAULT_REGION"]
    try:
        if args.get("entry"):
            entry = service.intent_log.entry(args["entry"])
            if entry is None:
                abort(404, "no such log entry (it may have expired)")
            return entry["number"], entry["scope"]
        number = normalise_number(refs(service).number_of(args["who"]), region)  # a phone, never a word
        return number, normalise_scope(args.get("scope", ""), region)
    except BadInbound as error:
        abort(400, error.message)
    except ExpiredRef as error:
        abort(400, str(error))


def dashboard_page(service: OptOutService) -> str:
    raw = request.args.get("days", str(dashboard.DAYS))
    if not raw.isdigit() or not 7 <= int(raw) <= 90:
        abort(400, "days: a whole number from 7 to 90")
    data = dashboard.summary(service.intent_log, int(raw))
    return render_template(
        "ops/dashboard.html",
        svgs=dashboard.charts_for(data),
        headline=data["headline"],
        queue_size=reviews(service).queue_size(),
        week=data["week"],
        days=int(raw),
        pending=len(service.pending_opt_outs()),
        standing=service.store.repositories.opted_out.standing(),
        people=dashboard.people(service.store.repositories.people),
        feed=feed_backlog(service),
        **campaigns.for_dashboard(service.store.repositories.campaigns.totals()),
    )


def feed_backlog(service: OptOutService) -> Backlog | None:
    """The opt-out feed's undelivered events, while the feed is on."""
    return service.store.repositories.feed.backlog() if current_app.config["OPTOUT_WEBHOOK_URL"] else None


def _download(lines: Any, filename: str, mimetype: str) -> Response:
    return Response(
        stream_with_context(lines),
        mimetype=mimetype,
        headers={"Content-Disposition": f"attachment; filename={filename}", "Cache-Control": "no-store"},
    )


def export_optouts(service: OptOutService) -> Response:
    """The register, streamed in pieces as it is read: a million rows in flat memory, within a worker's timeout."""
    lines = exports.register_csv(service.intent_log, service.pending_opt_outs())
    return _download(exports.in_chunks(lines), "optouts.csv", "text/csv")


def export_log(service: OptOutService, fmt: str) -> Response:
    entries = matching(service.intent_log, log_filter(service), service.store.repositories.number_index)
    if fmt == "csv":
        return _download(exports.log_csv(entries), "log.csv", "text/csv")
    if fmt == "jsonl":
        return _download(exports.log_jsonl(entries), "log.jsonl", "application/jsonl")
    abort(404)


def export_corrections(service: OptOutService) -> Response:
    return Response(
        corrections_yaml(reviews(service).corrections()),
        mimetype="application/yaml",
        headers={"Content-Disposition": "attachment; filename=corrections.yml"},
    )


def index() -> Any:
    return redirect(url_for("ops.log"))


ROUTES: list[tuple[str, str, Any, list[str]]] = [  # rule, endpoint, view(service, …), methods
    ("/log", "log_search", log_search, ["POST"]),
    ("/log", "log", log_page, ["GET"]),
    ("/review", "review_page", review_page, ["GET"]),
    ("/review/<stream_id>", "review_decide", review_decide, ["POST"]),
    ("/subscriber", "subscriber_search", subscriber_search, ["POST"]),
    ("/subscriber", "subscriber_page", subscriber_page, ["GET"]),
    ("/dashboard", "dashboard_page", dashboard_page, ["GET"]),
    ("/export/optouts.csv", "export_optouts", export_optouts, ["GET"]),
    ("/export/log.<fmt>", "export_log", export_log, ["GET"]),
    ("/export/corrections.yml", "export_corrections", export_corrections, ["GET"]),
]


def init_app(app: Flask, auth: OpsAuth) -> None:
    """The console's pages on the app's service, every one behind the sign-in."""
    bp = Blueprint("ops", __name__, url_prefix="/ops")
    auth.guard(bp)
    bp.add_url_rule("/login", "login", auth.login, methods=["GET", "POST"])
    bp.add_url_rule("/logout", "logout", auth.logout, methods=["POST"])
    bp.add_url_rule("/logout-everywhere", "logout_everywhere", auth.logout_everywhere, methods=["POST"])
    bp.add_url_rule("/", "index", index, methods=["GET"])
    for rule, endpoint, view, methods in ROUTES:
        bp.add_url_rule(rule, endpoint, bound(view), methods=methods)
    app.register_blueprint(bp)
