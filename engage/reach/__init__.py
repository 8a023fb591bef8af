"""Reach: who took part, per activity, channel and community, against the SEND population.

Plain Python (no Flask): dimensions, population baselines, representation and disclosure control.
The Flask side (models, pages, CLI) lives in `engage.reach.web` and is wired by `engage.reach.web.init_app`.
"""
