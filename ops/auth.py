"""Ops sign-in: one password (hashed in memory), a session cookie, CSRF, rate-limited attempts."""

from __future__ import annotations

import hmac
import secrets
import unicodedata
from typing import Any

from flask import Blueprint, Flask, abort, redirect, render_template, request, session, url_for
from werkzeug.security import check_password_hash, generate_password_hash

from domain.errors import ConfigError
from service import current_service
from store.lockouts import Lockouts

from .sessions import OpsSessions, fingerprint

MAX_ATTEMPTS, WINDOW = 5, 900
OPEN_ENDPOINTS = {"ops.login"}


class OpsAuth:
    """One app's console sign-in: OPS_PASSWORD hashed once (the text forgotten), sessions kept
    on the service's store; no password means no console."""

    def __init__(self, app: Flask) -> None:
        password = app.config.get("OPS_PASSWORD", "")
        app.config["OPS_PASSWORD"] = ""
        if password and not app.config["SECRET_KEY"]:
            raise ConfigError("OPS_PASSWORD needs SECRET_KEY (it signs the session cookie)")
        self.password_hash = generate_password_hash(password) if password else None
        self.fingerprint = fingerprint(app.config["SECRET_KEY"], password) if password else ""
        app.config.update(
            SESSION_COOKIE_HTTPONLY=True,
            SESSION_COOKIE_SAMESITE="Strict",
            SESSION_COOKIE_SECURE=app.config["PUBLIC_URL"].startswith("https://"),
            SESSION_COOKIE_NAME="optout_ops",
            PERMANENT_SESSION_LIFETIME=8 * 3600,
        )

    def sessions(self) -> OpsSessions:
        """The app's server-side ops sessions."""
        return OpsSessions(current_service().store.repositories.sessions, self.fingerprint)

    def guard(self, bp: Blueprint) -> None:
        """Every ops request: console on, signed in (except the sign-in page), CSRF on POSTs."""
        bp.before_request(self.check)
        bp.app_context_processor(lambda: {"csrf_token": csrf_token})

    def check(self) -> Any:
        """The guard itself (None lets the request through)."""
        if self.password_hash is None:
            abort(404, "the ops console is off (set OPS_PASSWORD)")
        if request.method == "POST":
            sent = request.form.get("csrf", "")
            if not sent or not hmac.compare_digest(sent, session.get("csrf", "")):
                abort(400, "bad or missing form token")
        if request.endpoint not in OPEN_ENDPOINTS and not self.sessions().valid(session.get("ops")):
            if request.method == "GET":
                return redirect(url_for("ops.login", next=request.full_path))
            abort(403)
        return None

    def login(self) -> Any:
        """GET shows the form; POST checks the password (constant time) under a rate limit."""
        if request.method == "GET":
            return render_template("ops/login.html")
        lockouts = current_service().store.repositories.lockouts
        if _too_many(lockouts):
            return render_template("ops/login.html", error="Too many attempts; wait 15 minutes."), 429
        if not check_password_hash(self.password_hash or "", request.form.get("password", "")):
            return render_template("ops/login.html", error="Wrong password."), 401
        lockouts.clear(request.remote_addr or "")
        self.sessions().revoke(session.get("ops"))
        session.clear()
        session.permanent = True
        session["ops"] = self.sessions().create()  # the cookie holds only this id
        target = request.args.get("next", "")
        return redirect(target if _safe_next(target) else url_for("ops.log"))

    def logout(self) -> Any:
        """Sign out: the session is deleted on the server, so a copied cookie stops working too."""
        self.sessions().revoke(session.get("ops"))
        session.clear()
        return redirect(url_for("ops.login"))

    def logout_everywhere(self) -> Any:
        """Sign every ops session out (a lost laptop, a departing colleague)."""
        self.sessions().revoke_all()
        session.clear()
        return redirect(url_for("ops.login"))


def csrf_token() -> str:
    """The session's form token (made on first use)."""
    if "csrf" not in session:
        session["csrf"] = secrets.token_urlsafe(24)
    return str(session["csrf"])


def _safe_next(target: str) -> bool:
    """A console path to return to; a control character (CR/LF…) would make the Location
    header invalid (a 500) or split it, so such a target is refused."""
    return target.startswith("/ops") and not any(unicodedata.category(ch) == "Cc" for ch in target)


def _too_many(lockouts: Lockouts) -> bool:
    """Count this attempt (atomically, with its window); True past MAX_ATTEMPTS in the window."""
    return lockouts.count(request.remote_addr or "", WINDOW) > MAX_ATTEMPTS
