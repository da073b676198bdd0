"""The web app and REST API of spinlens (`spinlens serve`): `create_app(library_path)` builds it."""

from spinlens.web.app import create_app

__all__ = ["create_app"]
