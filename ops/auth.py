"""Ops sign-in: one password (hashed in memory), a session cookie, CSRF, rate-limited attempts."""
from __future__ import annotations

import hmac
import re
import secrets
from collections.abc import Callable
from typing import Any

from flask import Blueprint, Flask, abort, current_app, redirect, render_template, request, session, url_for
from werkzeug.security import check_password_hash, generate_password_hash

from domain.errors import ConfigError
from service import current_service
from store.keys import key_for

from .sessions import OpsSessions, fingerprint

MAX_ATTEMPTS, WINDOW = 5, 900
HASH_KEY = "ops_password_hash"
FINGERPRINT_KEY = "ops_password_fingerprint"
OPEN_ENDPOINTS = {"ops.login"}


def init_app(app: Flask) -> None:
    """Hash OPS_PASSWORD once and forget the plain text; no password means no console."""
    password = app.config.get("OPS_PASSWORD", "")
    app.config["OPS_PASSWORD"] = ""
    app.extensions[HASH_KEY] = generate_password_hash(password) if password else None
    if password and not app.config["SECRET_KEY"]:
        raise ConfigError("OPS_PASSWORD needs SECRET_KEY (it signs the session cookie)")
    app.extensions[FINGERPRINT_KEY] = fingerprint(app.config["SECRET_KEY"], password) if password else ""
    app.config.update(SESSION_COOKIE_HTTPONLY=True, SESSION_COOKIE_SAMESITE="Strict",
                      SESSION_COOKIE_SECURE=app.config["PUBLIC_URL"].startswith("https://"),
                      SESSION_COOKIE_NAME="optout_ops", PERMANENT_SESSION_LIFETIME=8 * 3600)


def sessions() -> OpsSessions:
    """The app's server-side ops sessions."""
    client = current_service().store.client
    return OpsSessions(client, current_app.config["REDIS_PREFIX"], current_app.extensions[FINGERPRINT_KEY])


def csrf_token() -> str:
    """The session's form token (made on first use)."""
    if "csrf" not in session:
        session["csrf"] = secrets.token_urlsafe(24)
    return session["csrf"]


def guard(bp: Blueprint) -> None:
    """Every ops request: console on, signed in (except the sign-in page), CSRF on POSTs."""
    @bp.before_request
    def check() -> Any:
        if current_app.extensions.get(HASH_KEY) is None:
            abort(404, "the ops console is off (set OPS_PASSWORD)")
        if request.method == "POST":
            sent = request.form.get("csrf", "")
            if not sent or not hmac.compare_digest(sent, session.get("csrf", "")):
                abort(400, "bad or missing form token")
        if request.endpoint not in OPEN_ENDPOINTS and not sessions().valid(session.get("ops")):
            if request.method == "GET":
                return redirect(url_for("ops.login", next=request.full_path))
            abort(403)
        return None

    @bp.app_context_processor
    def inject() -> dict[str, Any]:
        return {"csrf_token": csrf_token}


def _attempts_key() -> str:
    address = re.sub(r"[^0-9a-fA-F.]", "_", request.remote_addr or "unknown")
    return key_for(current_app.config["REDIS_PREFIX"], "login", sid=address)


def _too_many(client: Any) -> bool:
    """Count this attempt; True past MAX_ATTEMPTS in the window."""
    key = _attempts_key()
    count = client.incr(key)
    if count == 1:
        client.expire(key, WINDOW)
    return count > MAX_ATTEMPTS


def login_view(client_for: Callable[[], Any]) -> Callable[[], Any]:
    """GET shows the form; POST checks the password (constant time) under a rate limit."""
    def login() -> Any:
        if request.method == "GET":
            return render_template("ops/login.html")
        if _too_many(client_for()):
            return render_template("ops/login.html", error="Too many attempts; wait 15 minutes."), 429
        if not check_password_hash(current_app.extensions[HASH_KEY], request.form.get("password", "")):
            return render_template("ops/login.html", error="Wrong password."), 401
        client_for().delete(_attempts_key())
        sessions().revoke(session.get("ops"))
        session.clear()
        session.permanent = True
        session["ops"] = sessions().create()  # the cookie holds only this id
        target = request.args.get("next", "")
        return redirect(target if target.startswith("/ops") else url_for("ops.log"))
    return login
