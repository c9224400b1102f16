"""Rules of calculators.registry: the one list of calculators, each entry consistent
with its function, so that the API, the widgets and the build agree."""

from __future__ import annotations

import inspect

import pytest

from calculators import InputError, registry


@pytest.mark.parametrize("name", registry.NAMES)
def test_fields_are_the_functions_keyword_arguments(name):
    """A form input is named like the Python keyword argument it fills, and every argument is an input."""
    calculator = registry.get(name)
    parameters = inspect.signature(calculator.function).parameters
    assert list(calculator.fields) == list(parameters)
    assert all(parameter.kind is inspect.Parameter.KEYWORD_ONLY for parameter in parameters.values())


@pytest.mark.parametrize("name", registry.NAMES)
def test_defaults_fill_only_the_forms_inputs(name):
    """Each default is text, for an input the form has."""
    defaults = registry.get(name).defaults
    assert set(defaults) <= set(registry.get(name).fields)
    assert all(isinstance(value, str) for value in defaults.values())


@pytest.mark.parametrize("name", registry.NAMES)
def test_number_fields_are_the_inputs_that_read_a_number(name):
    """number_fields is exactly the inputs that accept "35" but refuse "abc" as not_a_number."""
    calculator = registry.get(name)
    refusing = set()
    for field, kind in calculator.fields.items():
        try:
            kind.parse(field, "abc")
        except InputError as error:
            refusing.add(field) if error.key == f"{field}.not_a_number" else None
    assert calculator.number_fields == refusing


def test_an_unknown_name_is_an_input_error_listing_the_calculators():
    with pytest.raises(InputError) as error:
        registry.get(["pricing"])
    assert (error.value.key, error.value.params) == ("calculator.unknown", {"value": "list", "choices": ", ".join(registry.NAMES)})
