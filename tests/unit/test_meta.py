"""Sharing metadata: the JSON-LD a page carries is serialised as Jinja's ``tojson`` would."""

from __future__ import annotations

import json

import jinja2
from hypothesis import given
from hypothesis import strategies as st

from klantbeleving.meta import script_json

_TOJSON = jinja2.Environment().from_string("{{ value | tojson }}")

_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=12,
)


@given(_values)
def test_script_json_is_what_tojson_writes(value: object) -> None:
    assert script_json(value) == _TOJSON.render(value=value)


def test_script_json_cannot_close_the_script_element() -> None:
    hostile = {"name": "</script><script>alert('x')</script> & <!--"}
    text = script_json(hostile)
    assert "<" not in text and ">" not in text and "&" not in text and "'" not in text
    assert json.loads(text) == hostile
