"""Every request body and response in the OpenAPI document is its own component: two schema
classes with one name would share one entry, and one of the two operations would be documented
(and fuzzed, and generated into partners' clients) with the other's shape. Query schemas are
spread into parameters, so only bodies and responses count."""

import collections

from ninja import Schema
from pydantic import BaseModel

from nuanxin.api import api


def _models_in_use():
    """The body and response models of every operation of the API."""
    seen = set()
    for _prefix, router in api._routers:
        for path_view in router.path_operations.values():
            for op in path_view.operations:
                for model in (op.response_models or {}).values():
                    seen.add(model)
                for params in op.models:  # a body's models become components; query ones do not
                    if getattr(params, "__ninja_param_source__", None) == "body":
                        seen.update(f.annotation for f in params.model_fields.values())
    return seen


def _named_models(model, found):
    """The model and every model its fields refer to."""
    if not isinstance(model, type) or not issubclass(model, BaseModel) or model in found:
        return
    found.add(model)
    for field in model.model_fields.values():
        for arg in _types_in(field.annotation):
            _named_models(arg, found)


def _types_in(annotation):
    args = getattr(annotation, "__args__", None)
    if not args:
        return [annotation]
    out = []
    for a in args:
        out.extend(_types_in(a))
    return out


def test_no_two_schemas_share_a_component_name():
    found: set = set()
    for model in _models_in_use():
        _named_models(model, found)
    by_name = collections.defaultdict(set)
    for model in found:
        if model.__module__.startswith("nuanxin") and issubclass(model, (Schema, BaseModel)):
            by_name[model.__name__].add(f"{model.__module__}.{model.__qualname__}")
    clashes = {name: sorted(where) for name, where in by_name.items() if len(where) > 1}
    assert not clashes, clashes
