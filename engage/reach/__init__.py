"""Reach: who took part, per activity, channel and community, against the SEND population.

Plain Python (no Flask): dimensions, population baselines, representation and disclosure control.
The Flask side (models, pages, CLI) lives in `engage.reach.web` and is wired by `engage.reach.web.init_app`.
"""


def init_app(app) -> None:
    """Wire the Flask side (models, the /staff/reach page, the `reach` commands); imported here, late, so the
    engine modules of this package stay free of Flask."""
    from engage.reach.web import init_app as wire

    wire(app)
