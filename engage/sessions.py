"""The session cookie, as Flask signs it, without the per-request work that gives the same result every time.

Flask's SecureCookieSessionInterface builds a new itsdangerous serializer for every load and every save (two
per request) and, when a view only renews the cookie's expiry (`session.modified = True` with nothing
changed, as each survey answer does), serialises, compresses and encodes the same contents again. Here the
serializer is built once per secret key, and an unchanged session is re-signed from the payload its cookie
arrived with: the cookie's contents, signature scheme, expiry and attributes are exactly what Flask would send.
"""

from __future__ import annotations

from flask import Flask, Request, Response
from flask.sessions import SecureCookieSession, SecureCookieSessionInterface
from itsdangerous import BadSignature, URLSafeTimedSerializer


class EngageSession(SecureCookieSession):
    """A cookie session that knows its signed payload as it arrived, and whether any key was set since."""

    def __init__(self, initial=None, payload: bytes | None = None) -> None:
        self.payload = payload
        self.changed = False

        def on_update(session: EngageSession) -> None:
            session.modified = session.accessed = session.changed = True

        super(SecureCookieSession, self).__init__(initial, on_update)


class EngageSessionInterface(SecureCookieSessionInterface):
    session_class = EngageSession

    def get_signing_serializer(self, app: Flask) -> URLSafeTimedSerializer | None:
        """Flask's serializer, built once for each secret key (and fallbacks) rather than twice a request."""
        if not app.secret_key:
            return None
        key = (app.secret_key, tuple(app.config["SECRET_KEY_FALLBACKS"] or ()))
        cache = app.extensions.setdefault("engage.session_serializers", {})
        if key not in cache:
            cache.clear()  # the key changed (tests do): the old serializer is never wanted again
            cache[key] = super().get_signing_serializer(app)
        return cache[key]

    def open_session(self, app: Flask, request: Request) -> EngageSession | None:
        serializer = self.get_signing_serializer(app)
        if serializer is None:
            return None
        value = request.cookies.get(self.get_cookie_name(app))
        if not value:
            return self.session_class()
        max_age = int(app.permanent_session_lifetime.total_seconds())
        try:
            data = serializer.loads(value, max_age=max_age)
        except BadSignature:
            return self.session_class()
        # A valid cookie is "payload.timestamp.signature"; neither of the last two contains the separator.
        return self.session_class(data, payload=value.rsplit(".", 2)[0].encode())

    def save_session(self, app: Flask, session: EngageSession, response: Response) -> None:
        renewing = (
            isinstance(session, EngageSession)
            and session.payload is not None
            and not session.changed
            and bool(session)
            and self.should_set_cookie(app, session)
        )
        if not renewing:
            super().save_session(app, session, response)
            return
        serializer = self.get_signing_serializer(app)
        value = serializer.make_signer(serializer.salt).sign(session.payload).decode()
        response.set_cookie(
            self.get_cookie_name(app),
            value,
            expires=self.get_expiration_time(app, session),
            httponly=self.get_cookie_httponly(app),
            domain=self.get_cookie_domain(app),
            path=self.get_cookie_path(app),
            secure=self.get_cookie_secure(app),
            partitioned=self.get_cookie_partitioned(app),
            samesite=self.get_cookie_samesite(app),
        )
        response.vary.add("Cookie")


def init_app(app: Flask) -> None:
    app.session_interface = EngageSessionInterface()
