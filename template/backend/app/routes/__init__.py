"""API routers, one module per resource: every module of this package that
has a `router` is mounted under /api (ROUTERS, in the order of their names)."""

import importlib
import pkgutil

from fastapi import APIRouter


def _routers() -> list[APIRouter]:
    modules = [
        importlib.import_module(f"{__name__}.{module.name}")
        for module in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name)
    ]
    return [
        module.router
        for module in modules
        if isinstance(getattr(module, "router", None), APIRouter)
    ]


ROUTERS = _routers()
