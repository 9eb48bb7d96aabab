"""Free-text rules: where parsed JSON holds half of a UTF-16 surrogate pair."""

import json

from frontline.common.text import unpaired_surrogate_at


def test_whole_text_and_whole_pairs_pass():
    body = json.loads('{"text": "car \\ud83d\\ude97 and caf\\u00e9", "list": ["a", {"b": "c"}]}')
    assert unpaired_surrogate_at(body) is None


def test_the_first_broken_string_or_key_is_named_by_its_path():
    assert unpaired_surrogate_at(json.loads('"\\ud83d"')) == "body"
    assert unpaired_surrogate_at(json.loads('{"a": [1, {"b": "x\\ude97"}]}')) == "a.1.b"
    assert unpaired_surrogate_at(json.loads('{"a": {"\\udc00k": 1}}')) == "a.\\udc00k"
    assert unpaired_surrogate_at(json.loads('["ok", "\\ud800"]'), "payload") == "payload.1"
