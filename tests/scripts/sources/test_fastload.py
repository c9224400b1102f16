"""The checker's fast loading gives exactly what the strict loader gives: same data, same lines, same verdicts.

And the schema verdict of jsonschema-rs is the one of jsonschema (which writes the messages).
"""

from __future__ import annotations

import copy
import functools
import json
from pathlib import Path

import jsonschema
import jsonschema_rs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scripts.sources import corpus
from scripts.sources import fast as fastload
from scripts.sources import loader as sources
from scripts.sources import schema as schemas
from scripts.sources.tree import ROOT, Tree

PROJECT_SOURCES = sorted((ROOT / "docs").glob("*/**/*.yml"))
SCHEMA_OF = {"guides": "guide", "calculators": "calculator", "site.yml": "site", "glossary.yml": "glossary"}


def schema_of(path: Path) -> str:
    return SCHEMA_OF[path.relative_to(ROOT / "docs").parts[1]]


@functools.cache
def documents(schema: str) -> dict:
    return json.loads((sources.SCHEMA_DIR / f"{schema}.schema.json").read_text(encoding="utf-8"))


def jsonschema_verdict(data, schema: str) -> bool:
    """The Python jsonschema package's verdict, straight from the schema file."""
    return jsonschema.Draft202012Validator(documents(schema)).is_valid(data)


def jsonschema_rs_verdict(data, schema: str) -> bool:
    """jsonschema-rs's own verdict, straight from the schema file."""
    return jsonschema_rs.Draft202012Validator(documents(schema)).is_valid(data)


def outcome(function, *args):
    try:
        result = function(*args)
    except sources.SourceError as exc:
        return ("error", exc.line, exc.message)
    return ("ok", result.data, result.lines) if isinstance(result, sources.Source) else ("ok", result)


@pytest.mark.parametrize("path", PROJECT_SOURCES, ids=lambda p: str(p.relative_to(ROOT / "docs")))
def test_every_project_source_loads_to_the_same_data_and_lines(path):
    text = sources.read_text(path)
    assert fastload.read_text(path) == text
    assert outcome(fastload.parse, path, text) == outcome(sources.parse, path, text)


@pytest.mark.parametrize("path", PROJECT_SOURCES, ids=lambda p: str(p.relative_to(ROOT / "docs")))
def test_every_project_source_gets_the_same_schema_verdict(path):
    schema = schema_of(path)
    if not (sources.SCHEMA_DIR / f"{schema}.schema.json").is_file():
        pytest.skip(f"no {schema} schema yet")
    try:
        data = sources.parse(path, sources.read_text(path)).data
    except sources.SourceError:
        pytest.skip("does not parse (compared by the test above)")
    assert jsonschema_rs_verdict(data, schema) == jsonschema_verdict(data, schema)
    assert schemas.is_valid(data, schema) == jsonschema_verdict(data, schema)


PIECES = [
    "a", "b", "id", ": ", ":", " ", "  ", "\n", "\n  ", "- ", "-", "[", "]", "{", "}", "'", '"', "#", "&x ", "*x",
    "!!str ", "!tag ", "|", ">-", "no", "On", "yes", "2024-01-01", "1", "1.5", "~", "%", "@", "`", ",", "? ",
    "---", "...", "é", "\\", "<<: ", "?", "a?", "[a?b]", "{a: b?}", "|#", "\t",
]


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(PIECES), max_size=40).map("".join))
def test_any_text_parses_the_same_with_the_fast_path(text):
    path = Path("x.yml")
    assert outcome(fastload.parse, path, text) == outcome(sources.parse, path, text)


@pytest.mark.parametrize("path", PROJECT_SOURCES, ids=lambda p: str(p.relative_to(ROOT / "docs")))
def test_every_project_source_is_read_as_the_strict_loader_reads_it(path):
    assert fastload.read(str(path)) == (path.read_bytes(), sources.read_text(path))


@pytest.mark.parametrize(
    "content",
    [b"a: b\n", b"", b"\xef\xbb\xbfa: b\n", b"a: b\nc: caf\xe9\n", b"a: b\n\tc: d\n", b"a: \xc2\xab b\nc: d\x07\n",
     "a: « b »\nc: d\u0085\n".encode(), "a: « b »\u00a0\n".encode(), b"a: " + b"x" * sources.MAX_BYTES + b"\n"],
    ids=["good", "empty", "bom", "latin-1", "tab", "bell", "c1-after-guillemets", "no-break-space", "too-big"],
)
def test_a_file_is_read_and_refused_as_the_strict_loader_reads_it(tmp_path, content):
    path = tmp_path / "x.yml"
    path.write_bytes(content)

    def read(function, *args):
        try:
            return ("ok", function(*args))
        except sources.SourceError as exc:
            return ("error", exc.line, exc.message)

    strict = read(sources.read_text, path)
    assert read(fastload.read, str(path)) == (strict if strict[0] == "error" else ("ok", (content, strict[1])))


@pytest.mark.parametrize("path", PROJECT_SOURCES, ids=lambda p: str(p.relative_to(ROOT / "docs")))
def test_every_project_source_is_composed_by_libyaml_not_handed_back(path):
    """The comparisons above would hold if the fast path always called the strict one: it does not."""
    raw, text = fastload.read(str(path))
    if fastload._needs_pyyaml(text):
        pytest.skip("holds what only the strict loader judges")
    for bytes_read in (None, raw):
        fast = fastload._parse_with_libyaml(path, text, bytes_read)
        assert fast is not None
        strict = sources.parse(path, text)
        assert (fast.data, list(fast.lines.items()), fast.strings) == (strict.data, list(strict.lines.items()), strict.strings)


@pytest.mark.parametrize(
    "text",
    ['{"a":&x b}\n', 'a: ["b":&x c]\n', "a: [? &x b]\n", '{"a":! "no"}\n', 'a: ["b":! "no"]\n', '{"a":!x b}\n',
     "a: [? !!str b]\n", "a: ! no\n", "a: ! 'no'\n", "a: b!c\nd: 'no!'\n", "a: x&y\nb: [c&d]\n"],
    ids=["anchor-after-json-key", "anchor-after-json-key-in-list", "anchor-after-explicit-key", "bare-tag-after-json-key",
         "bare-tag-after-json-key-in-list", "tag-after-json-key", "tag-after-explicit-key", "bare-tag-on-plain",
         "bare-tag-on-quoted", "exclamation-in-texts", "ampersand-in-texts"],
)
def test_an_anchor_or_a_tag_written_anywhere_is_judged_as_the_strict_loader_judges_it(text):
    path = Path("x.yml")
    assert outcome(fastload.parse, path, text) == outcome(sources.parse, path, text)
    assert outcome(fastload.parse, path, text, text.encode()) == outcome(sources.parse, path, text)


@pytest.mark.parametrize(
    "text",
    ["a: &x 1\nb: *x\n", "a: no\n", "a: 2024-01-01\n", "a: 1\na: 2\n", "<<: {a: 1}\n", "a: !!binary eA==\n",
     "[" * 40 + "]" * 40 + "\n", "- " * 40 + "x\n", "b: |-#c\n", "a: {b?: c}\n"],
    ids=["alias", "norway", "timestamp", "duplicate", "merge", "binary", "deep-flow", "deep-block",
         "block-header-comment", "question-mark-in-flow"],
)
def test_each_strict_rule_holds_on_the_fast_path(text):
    path = Path("x.yml")
    result = outcome(fastload.parse, path, text)
    assert result == outcome(sources.parse, path, text)
    assert result[0] == "error"


# "line\n" is what a block scalar (|) gives: Python's re lets ^[^\n]+$ match it, ECMA-262 (jsonschema-rs) does not.
VALUES = [
    None, True, False, 0, 7, 1.5, 2.0, -1, "", "x", "two\nlines", "line\n", "Add_It", "no-such", "0123456789ab",
    "a.b", [], ["x"], ["x", "x"], {}, {"text": "x"}, {"text": "x", "substeps": []}, {"text": "x", "substeps": ["y"]},
]


def _paths(data, where=()):
    yield where
    if isinstance(data, dict):
        for key, value in data.items():
            yield from _paths(value, (*where, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _paths(value, (*where, index))


@functools.cache
def _snapshot() -> list[tuple[str, dict]]:
    """The project's sources as loaded once (translators may be editing them meanwhile)."""
    found = []
    for path in PROJECT_SOURCES:
        if (sources.SCHEMA_DIR / f"{schema_of(path)}.schema.json").is_file():
            try:
                found.append((schema_of(path), sources.parse(path, sources.read_text(path)).data))
            except sources.SourceError:
                continue
    return found


@st.composite
def mutated(draw):
    """A project source with a few values replaced, removed or added, and its schema."""
    schema, data = draw(st.sampled_from(_snapshot()))
    data = copy.deepcopy(data)
    for _ in range(draw(st.integers(1, 3))):
        where = draw(st.sampled_from(list(_paths(data))))
        if not where:
            continue
        parent = data
        for step in where[:-1]:
            parent = parent[step]
        action = draw(st.sampled_from(["replace", "remove", "add"]))
        if action == "replace":
            parent[where[-1]] = copy.deepcopy(draw(st.sampled_from(VALUES)))
        elif action == "remove":
            del parent[where[-1]]
        elif isinstance(parent, dict):
            parent[draw(st.sampled_from(["colour", "id", "notes", "source_hash", "x.y"]))] = copy.deepcopy(draw(st.sampled_from(VALUES)))
        else:
            parent.append(copy.deepcopy(draw(st.sampled_from(VALUES))))
    return schema, data


@pytest.mark.skipif(not PROJECT_SOURCES, reason="no project source yet")
@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated())
def test_the_schema_verdict_is_jsonschema_s(case):
    """jsonschema-rs never accepts what jsonschema refuses; the verdict used is exactly jsonschema's."""
    schema, data = case
    expected = jsonschema_verdict(data, schema)
    if jsonschema_rs_verdict(data, schema):
        assert expected
    elif not _ends_a_text_with_a_newline(data):
        assert not expected
    assert schemas.is_valid(data, schema) == expected
    if expected:
        fastload.validate(sources.Source(Path("x.yml"), data, {}), schema)
    else:
        with pytest.raises(sources.SourceErrors):
            fastload.validate(sources.Source(Path("x.yml"), data, {}), schema)


def _ends_a_text_with_a_newline(data) -> bool:
    if isinstance(data, str):
        return data.endswith("\n")
    if isinstance(data, dict):
        return any(map(_ends_a_text_with_a_newline, [*data, *data.values()]))
    if isinstance(data, list):
        return any(map(_ends_a_text_with_a_newline, data))
    return False


@pytest.mark.parametrize(("value", "expected"), [("one line", True), ("one line\n", True), ("two\nlines", False), ("", False)])
def test_a_single_line_ending_with_a_newline_is_valid_as_jsonschema_says(value, expected):
    """The one known difference: ECMA-262's $ (jsonschema-rs) does not match before a final newline, Python's does."""
    schema = {"type": "string", "pattern": "^[^\\n]+$"}
    assert jsonschema.Draft202012Validator(schema).is_valid(value) is expected
    data = {"id": "g", "title": value, "summary": "S.", "audience": "both", "sections": [{"id": "s", "title": "S", "steps": ["x"]}]}
    assert schemas.is_valid(data, "guide") is expected


def test_the_corpus_finds_and_names_files_as_the_tree_s_paths_do(tmp_path):
    from tests.scripts.fixtures.kb_tree import make_tree

    tree = make_tree(tmp_path)
    (tree.lang_dir("de") / "guides" / "notes.txt").write_text("not a source", encoding="utf-8")
    (tree.lang_dir("it") / "calculators").mkdir(exist_ok=True)
    (tree.lang_dir("it") / "calculators" / ".draft.yml").write_text("a: b\n", encoding="utf-8")
    found = corpus.discover(tree)
    for lang in found:
        folder = tree.lang_dir(lang)
        expected = [name for name in ("site.yml", "glossary.yml") if (folder / name).is_file()]
        expected += [path.relative_to(folder).as_posix() for sub in ("guides", "calculators") for path in sorted((folder / sub).glob("*.yml"))]
        assert list(found[lang]) == expected
        for key, file in found[lang].items():
            assert file.path == folder / key and file.location == str(folder / key)
    assert "calculators/.draft.yml" in found["it"] and "guides/notes.txt" not in found["de"]


def test_the_checker_loads_through_the_fast_path_and_reports_the_strict_loader_s_messages(tmp_path):
    path = tmp_path / "docs" / "fr" / "site.yml"
    path.parent.mkdir(parents=True)
    path.write_text("site_name: a\nsite_name: b\n", encoding="utf-8")
    file = corpus.File(Tree(tmp_path), "fr", "site.yml", "site")
    corpus.load_file(file)
    [finding] = file.problems
    assert (finding.check, finding.line) == ("syntax", 2)
    assert finding.message.startswith("duplicate key 'site_name' (first at line 1) — keep only one")


SCALARS = [
    "", "a", "text with words", "yes", "No", "on", "OFF", "y", "true", "False", "null", "Null", "~", "1", "-1", "+1",
    "1_000", "0x1F", "0o17", "017", "1:20", "1.5", "-.5", ".inf", "-.Inf", ".nan", "1e3", "2001-12-14",
    "2001-12-14t21:59:43.10-05:00", "<<", "=", "!", "&", "*", "0", "00", "T", "Fr", "é", " leading space",
]


@pytest.mark.parametrize("value", SCALARS)
def test_the_fast_walk_reads_each_scalar_as_the_strict_loader_reads_it(value):
    """Plain, quoted and in flow, as a value, an item and a key: the walk resolves what the C composer left untagged."""
    quoted = '"' + value + '"'
    text = f"a: {value}\nb:\n  - {value}\n  - {quoted}\nc: [{value}]\nd: {{e: {value}}}\nf: {quoted}\n"
    for written in (text, f"{value}: x\n", f"{quoted}: x\n", f"g: {{{value}: x}}\n"):
        path = Path("x.yml")
        expected = outcome(sources.parse, path, written)
        assert outcome(fastload.parse, path, written) == expected
        if not fastload._needs_pyyaml(written) and "!" not in written and expected[0] == "ok":
            walked = fastload._parse_with_libyaml(path, written)  # the walk itself, not the strict loader behind it
            assert walked is not None and (walked.data, walked.lines) == expected[1:]


def test_a_text_without_a_tag_is_composed_without_a_python_call_per_node():
    import yaml

    composer = fastload._Untagged(b"a: [1, b, 'no']\nc: {d: ~}\n")
    try:
        root = composer.get_single_node()
    finally:
        composer.dispose()
    nodes = [root, *(node for pair in root.value for node in pair)]
    nodes += [item for node in nodes if isinstance(node, yaml.SequenceNode) for item in node.value]
    assert {node.tag for node in nodes} == {""}  # left for the walk to resolve
    source = fastload._walk(Path("x.yml"), root, composer)
    assert source.data == {"a": [1, "b", "no"], "c": {"d": None}}
    assert source.lines == {(): 1, ("a",): 1, ("a", 0): 1, ("a", 1): 1, ("a", 2): 1, ("c",): 2, ("c", "d"): 2}


@pytest.mark.parametrize("value", SCALARS)
@pytest.mark.parametrize("implicit", [(True, False), (False, True), (False, False)])
def test_the_fast_composer_resolves_tags_as_pyyaml_s_resolver(value, implicit):
    import yaml

    expected = yaml.resolver.Resolver().resolve(yaml.ScalarNode, value, implicit)
    assert fastload._Composer("").resolve(yaml.ScalarNode, value, implicit) == expected
    for kind in (yaml.MappingNode, yaml.SequenceNode):
        assert fastload._Composer("").resolve(kind, None, implicit) == yaml.resolver.Resolver().resolve(kind, None, implicit)


def _walked(data, where=()):
    """Every str value under ``data`` with its path, by a walk written here (not the loader's)."""
    if isinstance(data, dict):
        return [found for key, value in data.items() for found in _walked(value, (*where, key))]
    if isinstance(data, list):
        return [found for index, value in enumerate(data) for found in _walked(value, (*where, index))]
    return [(where, data)] if isinstance(data, str) else []


@pytest.mark.parametrize("path", PROJECT_SOURCES, ids=lambda p: str(p.relative_to(ROOT / "docs")))
def test_the_loader_records_every_text_of_a_project_source_with_its_path(path):
    text = sources.read_text(path)
    for parse in (fastload.parse, sources.parse):
        source = parse(path, text)
        assert source.strings == _walked(source.data)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(PIECES), max_size=40).map("".join))
def test_the_loader_records_every_text_of_any_text(text):
    try:
        source = fastload.parse(Path("x.yml"), text)
    except sources.SourceError:
        return
    assert source.strings == _walked(source.data)


@pytest.mark.parametrize("enabled", [True, False])
def test_loading_the_corpus_leaves_the_cycle_collector_as_it_found_it(tmp_path, enabled):
    import gc

    from tests.scripts.fixtures.kb_tree import make_tree

    tree = make_tree(tmp_path)
    was = gc.isenabled()
    (gc.enable if enabled else gc.disable)()
    try:
        loaded = corpus.load(tree)
        assert gc.isenabled() is enabled
    finally:
        (gc.enable if was else gc.disable)()
    assert loaded.guides("fr")  # and the corpus is whole
