"""The published OpenAPI description names each schema once: two schema classes sharing a name
would overwrite each other's component, and clients would be told the wrong shape."""

from collections import defaultdict

import pydantic

from frontline.api import api


def _frontline_models(cls=pydantic.BaseModel, found=None):
    found = found if found is not None else defaultdict(set)
    for sub in cls.__subclasses__():
        if sub.__module__.startswith("frontline."):
            found[sub.__name__].add(f"{sub.__module__}.{sub.__qualname__}")
        _frontline_models(sub, found)
    return found


def test_every_published_schema_name_belongs_to_one_class():
    components = api.get_openapi_schema()["components"]["schemas"]
    models = _frontline_models()

    shared = {name: sorted(models[name]) for name in components if len(models.get(name, ())) > 1}

    assert shared == {}


def test_every_operation_documents_its_refusals():
    schema = api.get_openapi_schema()
    for path, item in schema["paths"].items():
        for method, operation in item.items():
            assert "4XX" in operation["responses"], f"{method.upper()} {path}"
