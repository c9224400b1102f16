"""Rules of the widget texts, docs/<lang>/calculators/<name>.yml: every language
has exactly the reference (fr) keys, and every id or error key the code can
produce has a text in every language."""

from __future__ import annotations

import json
import re
import string

import pytest
from calculator_texts import ROOT
from calculator_texts import path as _path
from calculator_texts import texts as _texts

from calculators import api, compare, registry
from calculators.eligibility import CONDITIONS
from calculators.errors import params_of
from calculators.facts import PRODUCTS

LANGUAGES = ("fr", "en", "de", "it", "es")
REFERENCE = "fr"
SCHEMA_LINE = "# yaml-language-server: $schema=../../../schemas/calculator.schema.json"
# French words the seeds left in other languages ("Partenaire", "code support"),
# and UTF-8 read as Windows-1250 or -1252 ("rĂ©seau", "rÃ©seau").
LEFTOVERS = re.compile(r"Partenaire|code support|Client sous gestion|Ă|Ã|Â", re.IGNORECASE)



def _leaves(data, prefix=()):
    """Every (path, value) of the nested mappings."""
    for key, value in data.items():
        if isinstance(value, dict):
            yield from _leaves(value, (*prefix, key))
        else:
            yield (*prefix, key), value


def _placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


FILES = [(lang, name) for lang in LANGUAGES for name in registry.NAMES]


@pytest.mark.parametrize(("lang", "name"), FILES)
def test_every_file_starts_with_the_schema_line(lang, name):
    """The first line tells the editor which schema checks the file."""
    assert _path(lang, name).read_text(encoding="utf-8").splitlines()[0] == SCHEMA_LINE


@pytest.mark.parametrize(("lang", "name"), FILES)
def test_file_names_its_calculator(lang, name):
    """`calculator:` equals the file name."""
    assert _texts(lang, name)["calculator"] == name


@pytest.mark.parametrize(("lang", "name"), FILES)
def test_every_language_has_exactly_the_reference_keys(lang, name):
    """No key missing, none extra: the set difference with fr is empty both ways."""
    reference = {path for path, _ in _leaves(_texts(REFERENCE, name))}
    keys = {path for path, _ in _leaves(_texts(lang, name))}
    assert sorted(reference - keys) == [], "missing"
    assert sorted(keys - reference) == [], "not in fr"


@pytest.mark.parametrize(("lang", "name"), FILES)
def test_every_text_is_a_non_empty_string(lang, name):
    """A text is a string (an unquoted yes/no would turn into a boolean) and not blank."""
    for path, value in _leaves(_texts(lang, name)):
        assert isinstance(value, str) and value.strip(), path


@pytest.mark.parametrize(("lang", "name"), FILES)
def test_placeholders_match_the_reference(lang, name):
    """Each text uses the same {placeholders} as its fr counterpart."""
    reference = dict(_leaves(_texts(REFERENCE, name)))
    for path, value in _leaves(_texts(lang, name)):
        assert _placeholders(value) == _placeholders(reference[path]), path


@pytest.mark.parametrize(("lang", "name"), FILES)
def test_every_error_key_the_code_can_produce_has_a_message(lang, name):
    """errors holds a message for exactly the keys the widget can show: the call's, and reading a typed number's."""
    assert set(_texts(lang, name)["errors"]) == registry.get(name).widget_error_keys


@pytest.mark.parametrize(("lang", "name"), FILES)
def test_error_messages_use_only_the_errors_params(lang, name):
    """A message's {placeholders} are among the params its InputError carries."""
    for key, message in _texts(lang, name)["errors"].items():
        assert _placeholders(message) <= set(params_of(key)), key


@pytest.mark.parametrize(("lang", "name"), FILES)
def test_every_input_has_a_label_help_and_option_labels(lang, name):
    """Each form input is labelled, explained, and each of its choices named."""
    inputs = _texts(lang, name)["inputs"]
    fields = registry.get(name).fields
    assert set(inputs) == set(fields)
    for field_name, field in fields.items():
        choices = getattr(getattr(field, "inner", field), "choices", None)
        if choices is not None:
            assert set(inputs[field_name]["options"]) == set(choices), field_name
        else:
            assert "options" not in inputs[field_name], field_name


@pytest.mark.parametrize(("lang", "name"), FILES)
def test_every_output_has_a_label(lang, name):
    """results labels exactly the widget's <output> elements."""
    assert set(_texts(lang, name)["results"]) == set(registry.get(name).outputs)


@pytest.mark.parametrize(("lang", "name"), FILES)
def test_message_placeholders_name_result_fields(lang, name):
    """Sentences shown with a result take their {placeholders} from that result."""
    texts = _texts(lang, name)
    fields = set(api.run(name, api.defaults(name)))
    sentences = list(texts["messages"].values())
    for condition in texts.get("conditions", {}).values():
        sentences += [condition["text"], condition["reason"]]
    for sentence in sentences:
        assert _placeholders(sentence) <= fields, sentence


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_condition_id_has_a_text_and_a_reason(lang):
    """Each eligibility condition can be listed, with why it is required."""
    assert list(_texts(lang, "eligibility")["conditions"]) == list(CONDITIONS)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_capability_column_and_value_has_a_label(lang):
    """The comparison table can be rendered entirely from the texts."""
    texts = _texts(lang, "access")
    table = compare()
    assert set(texts["capabilities"]) == {row["id"] for row in table["rows"]}
    assert set(texts["columns"]) == {column["id"] for column in table["columns"]}
    values = {json.dumps(v).strip('"') for row in table["rows"] for v in row["values"]}
    results = api.run("access", api.defaults("access"))
    values |= {str(results[name]).lower() for name in registry.get("access").outputs}
    assert values <= set(texts["values"])


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_product_has_a_label(lang):
    """The product choice names each product of the tier table."""
    assert set(_texts(lang, "pricing")["inputs"]["product"]["options"]) == set(PRODUCTS)


@pytest.mark.parametrize(("lang", "name"), [(lang, name) for lang, name in FILES if lang != REFERENCE])
def test_no_french_leftovers_nor_mis_decoded_characters(lang, name):
    """Non-French texts carry none of the seeds' French leftovers or mojibake."""
    for path, value in _leaves(_texts(lang, name)):
        assert not LEFTOVERS.search(value), (path, value)


@pytest.mark.parametrize(("lang", "name"), FILES)
def test_texts_validate_against_the_schema(lang, name):
    """Each file is valid against schemas/calculator.schema.json."""
    jsonschema = pytest.importorskip("jsonschema", reason="jsonschema needs rpds-py, which has no pure-Python wheel")
    schema = json.loads((ROOT / "schemas" / "calculator.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    errors = [e.message for e in jsonschema.Draft202012Validator(schema).iter_errors(_texts(lang, name))]
    assert errors == []
