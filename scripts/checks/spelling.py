"""Words: a word no dictionary of the language knows (a typo), and a French word left in a translation.

The dictionaries are Debian's hunspell dictionaries (hunspell-fr, hunspell-en-us,
hunspell-de-de, hunspell-it, hunspell-es: the ones LibreOffice and Firefox use,
inflections and German compounds included), read by hunspell itself through
pyenchant. Each is opened once per process, on the first word of its language,
and each word is looked up once per process (then its verdict is a dict hit).

Each language also has its own list of accepted words, ``words/<lang>.txt`` at
the project's root (product names, terms the dictionary lacks, German
compounds): one word a line, ``#`` starts a comment, any case. Translators
extend it; MkDocs never publishes it (it is outside docs/). A tree with no
``words/`` folder (a test's, a benchmark's) is checked with the project's own lists.

What is read: the words a reader sees (``prose``: no placeholders, link targets,
URLs, e-mail addresses), without code spans, numbers, words of fewer than 3
letters, words with a capital after their first letter (IBAN, kDrive) and the
elided word before an apostrophe (l', dell'). In a translation, a bold passage
that fr's text of the same place also has, as is, is a label quoted in French
on purpose (``**Gestion des utilisateurs**``) and is not read.

A word of a translation that its language's dictionary does not know and the
French dictionary does is a French word left untranslated (``hébergements`` in
Italian, ``Comptabilité`` in English), reported by the foreign-word check rather
than as a typo. So is a word both dictionaries know (``Clients`` is German too)
when fr's text of the same place has it, and fr's glossary has it as a term that
the language's glossary writes otherwise (``Kunde``); the finding names the term the
language's glossary gives for it when fr's glossary has it as a term.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

from calculators.grammar import LINK_DESTINATION
from scripts.checks.base import CannotRun, Check, Context, register
from scripts.checks.same import UNTRANSLATED_ALLOWED
from scripts.checks.text import LANGUAGE_SPECIFIC_PATHS, dotted, prose, texts
from scripts.sources.corpus import File
from scripts.sources.tree import REFERENCE

PROJECT_ROOT = Path(__file__).resolve().parents[2]
WORDS_FOLDER = "words"
MIN_LETTERS = 3
# The hunspell dictionary of each language (Debian's /usr/share/hunspell/<tag>.dic and .aff), and its package.
DICTIONARIES = {"fr": "fr_FR", "en": "en_US", "de": "de_DE", "it": "it_IT", "es": "es_ES"}
DEBIAN_PACKAGES = {"fr": "hunspell-fr", "en": "hunspell-en-us", "de": "hunspell-de-de", "it": "hunspell-it", "es": "hunspell-es"}

_WORD = re.compile(r"[^\W\d_]+")
_CODE_SPAN = re.compile(r"(`+)[^`]*?\1")
_BOLD = re.compile(r"\*\*([^*\n]+?)\*\*")
# Names kept as they are in every language (scripts/checks/same.py): accepted in every language.
_NAMES = frozenset(word.lower() for name in UNTRANSLATED_ALLOWED for word in _WORD.findall(name))


class Dictionary:
    """One language's hunspell dictionary; each word's verdict is kept once looked up."""

    def __init__(self, lang: str) -> None:
        try:
            import enchant
        except ImportError as exc:  # pyenchant, or the C library libenchant-2, is missing
            raise CannotRun(f"the spelling check cannot load enchant ({exc}) — run make setup (apt: libenchant-2-2)") from exc
        broker = enchant.Broker()
        broker.set_ordering("*", "hunspell")  # hunspell's dictionaries, never another provider's
        tag = DICTIONARIES[lang]
        if not broker.dict_exists(tag):
            raise CannotRun(f"no hunspell dictionary {tag} for {lang} — run make setup (apt: {DEBIAN_PACKAGES[lang]})")
        self.lang = lang
        self._broker = broker  # a dictionary lives as long as its broker
        self._dict = broker.request_dict(tag)
        self._verdicts: dict[str, bool] = {}

    def __contains__(self, word: str) -> bool:
        verdict = self._verdicts.get(word)
        if verdict is None:
            verdict = self._verdicts[word] = self._dict.check(word)
        return verdict

    def suggest(self, word: str) -> str | None:
        """hunspell's first suggestion that is a single word."""
        return next((s for s in self._dict.suggest(word) if " " not in s and "-" not in s), None)


@functools.cache
def dictionary(lang: str) -> Dictionary:
    """``lang``'s dictionary, opened once per process."""
    return Dictionary(lang)


def words_path(root: Path, lang: str) -> Path:
    """Where ``lang``'s accepted words are: the tree's ``words/<lang>.txt``, else the project's own."""
    folder = root / WORDS_FOLDER if (root / WORDS_FOLDER).is_dir() else PROJECT_ROOT / WORDS_FOLDER
    return folder / f"{lang}.txt"


def accepted(path: Path) -> frozenset[str]:
    """The words of a word list (lower case); none when the file does not exist. Reread when it changes."""
    try:
        stamp = path.stat().st_mtime_ns
    except OSError:
        return frozenset()
    return _read_list(path, stamp)


@functools.lru_cache(maxsize=32)
def _read_list(path: Path, _stamp: int) -> frozenset[str]:
    words = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        entry = line.split("#", 1)[0].strip()
        if entry:
            words.update(word.lower() for word in _WORD.findall(entry))
    return frozenset(words)


def without_targets(text: str) -> str:
    """``text`` without its link targets: texts that differ only there (a guide's copies) share their words."""
    return LINK_DESTINATION.sub("] ", text) if "](" in text else text


# A word worth a look-up, found by the regex engine in one pass: a run of letters ([^\W\d_]) of
# MIN_LETTERS or more, with neither a letter nor a digit just before or after it (a longer run, 2e,
# 10x), and what follows it when that is an apostrophe (l', dell': the elided word, when a letter
# follows). Only the case test (no capital after the first letter) is left to Python.
_CANDIDATE = re.compile(rf"(?<![^\W_])([^\W\d_]{{{MIN_LETTERS},}})(?![^\W_])(?=(['’].)?)", re.DOTALL)


@functools.lru_cache(maxsize=65536)
def words_of(text: str) -> tuple[str, ...]:
    """The words of ``text`` worth a look-up, in order, as written (cached: once per string)."""
    text = prose(text)
    if "`" in text:
        text = _CODE_SPAN.sub(" ", text)
    # Short words, acronyms and names like kDrive (a capital after the first letter) are left out,
    # and so is a word an apostrophe and a letter follow.
    return tuple([
        word for word, elision in _CANDIDATE.findall(text)
        if word[1:].islower() and not (elision and elision[1].isalpha())
    ])


def _without_quoted(text: str, fr_text: str) -> str:
    """``text`` without the bold passages fr's text has as they are (labels quoted in French)."""
    if "**" not in text or "**" not in fr_text:
        return text
    return _unquoted(text, fr_text)


@functools.lru_cache(maxsize=65536)
def _unquoted(text: str, fr_text: str) -> str:
    quoted = set(_BOLD.findall(fr_text))
    return _BOLD.sub(lambda m: " " if m.group(1) in quoted else m.group(0), text)


def _singular(word: str) -> str:
    return word[:-1] if len(word) > 3 and word[-1] in "sx" else word


@functools.lru_cache(maxsize=65536)
def _folded(word: str) -> str:
    """``word`` as fr's one-word glossary terms are compared with it: lower case, singular (once per word)."""
    return _singular(word.lower())


# What a word of a translation is, for the foreign-word check (worked out once per word and language).
NOT_FRENCH, FRENCH_ONLY, OF_BOTH = 0, 1, 2


class Language:
    """One language's words for one run: its dictionary (opened on first use) and its accepted words."""

    def __init__(self, lang: str, root: Path) -> None:
        self.lang = lang
        self.root = root
        self.path = words_path(root, lang)
        self.accepted = accepted(self.path) | _NAMES
        self._unknown: dict[str, tuple[str, ...]] = {}
        self._glossary: dict[str, tuple[str, ...]] = {}
        self._known: set[str] = set()  # the words (as written) found known so far: a set test each next time
        self._french: dict[str, int] = {}

    @functools.cached_property
    def words(self) -> Dictionary:
        return dictionary(self.lang)

    def known(self, word: str) -> bool:
        return word.lower() in self.accepted or word in self.words

    def unknown(self, text: str) -> tuple[str, ...]:
        """The words of ``text`` this language does not know, each once (kept per text: copies cost a dict hit)."""
        found = self._unknown.get(text)
        if found is None:
            known = self._known
            found = self._unknown[text] = tuple([
                word for word in dict.fromkeys(words_of(text)) if word not in known and not self._learn(word)
            ])
        return found

    def french(self, word: str) -> int:
        """NOT_FRENCH (an accepted word, or one the French dictionary does not know), FRENCH_ONLY (French
        and unknown to this language) or OF_BOTH (French, and this language's too: Clients in German)."""
        kind = self._french.get(word)
        if kind is None:
            if word.lower() in self.accepted or word not in dictionary(REFERENCE):
                kind = NOT_FRENCH
            else:
                kind = OF_BOTH if word in self.words else FRENCH_ONLY
            self._french[word] = kind
        return kind

    def _learn(self, word: str) -> bool:
        """Whether ``word`` is known (then kept as such)."""
        if self.known(word):
            self._known.add(word)
            return True
        return False

    def glossary_words(self, text: str, terms: frozenset[str]) -> tuple[str, ...]:
        """The words of ``text`` that fr's glossary has as a one-word term (``terms``), kept per text."""
        if not terms:
            return ()
        found = self._glossary.get(text)
        if found is None:
            found = self._glossary[text] = tuple([w for w in dict.fromkeys(words_of(text)) if _folded(w) in terms])
        return found

    @property
    def shown_path(self) -> str:
        for base in (self.root, PROJECT_ROOT):
            if self.path.is_relative_to(base):
                return str(self.path.relative_to(base))
        return str(self.path)


def _texts(file: File) -> list[tuple[tuple, str]]:
    """The texts of ``file`` without its language's own values (the glossary's wrong words): for a kind
    that has none (a guide, widget texts), the very list ``texts(file)`` gives, listed once per file."""
    return texts(file, with_specific=file.kind not in LANGUAGE_SPECIFIC_PATHS)


def _read(context: Context) -> dict[tuple, tuple[tuple[str, ...], tuple[str, ...]]]:
    """The texts of the context's file that spelling or foreign-word must look at, read once for both
    (kept on the context): where -> (its unknown words, and in a translation its words that fr's
    glossary has as a one-word term). What is read of a text: the words a reader sees, without
    link targets nor, in a translation, the bold passages fr's text has as they are."""
    found = context.__dict__.get("_spelling_read")
    if found is not None:
        return found
    file = context.file
    language = context.run.per_language(_language, file.lang)
    translation = context.ref is not None
    terms = glossary_words(context) if translation else frozenset()
    known_texts, named_texts = language._unknown, language._glossary  # the words of a text, kept per text
    fr_texts = None
    found = {}
    for where, text in _texts(file):
        key = text
        if translation and "**" in text:
            if fr_texts is None:
                fr_texts = {tpath: fr_text for _fpath, tpath, fr_text, _tr in context.pairs}
            fr_text = fr_texts.get(where)
            if fr_text:
                key = _without_quoted(text, fr_text)
        if "](" in key:
            key = without_targets(key)
        unknown = known_texts.get(key)
        if unknown is None:
            unknown = language.unknown(key)
        named = named_texts.get(key) if terms else ()
        if named is None:
            named = language.glossary_words(key, terms)
        if unknown or named:
            found[where] = (unknown, named)
    context.__dict__["_spelling_read"] = found
    return found


def _language(files: dict[str, File], lang: str) -> Language:
    root = next((file.tree.root for file in files.values()), PROJECT_ROOT)
    return Language(lang, root)


def _glossary_terms(files: dict[str, File], _lang: str) -> dict[str, tuple[str, int, str]]:
    """term id -> (term, its line, the glossary's path) of a language's glossary."""
    glossary = files.get("glossary.yml")
    if glossary is None or glossary.source is None:
        return {}
    return {
        term["id"]: (term["term"], glossary.line_of(("terms", index, "term")), glossary.shown)
        for index, term in enumerate(glossary.source.data.get("terms", []))
        if isinstance(term, dict) and isinstance(term.get("id"), str) and isinstance(term.get("term"), str)
    }


def _glossary_words(files: dict[str, File], lang: str) -> frozenset[str]:
    return frozenset(_folded(term) for term, _line, _path in _glossary_terms(files, lang).values() if " " not in term)


def _term_indexes(_files: dict[str, File], _lang: str) -> dict[str, dict[str, tuple[str, int, str, str]]]:
    """Per translation, filled on first use: what ``glossary_term`` gives for each folded fr one-word term."""
    return {}


def glossary_words(context: Context) -> frozenset[str]:
    """fr's one-word glossary terms, folded (singular, lower case)."""
    return context.run.per_language(_glossary_words, REFERENCE)


def glossary_term(context: Context, word: str) -> tuple[str, int, str, str] | None:
    """(term, line, glossary, term id) of the translation's glossary for the fr one-word term ``word`` writes."""
    indexes = context.run.per_language(_term_indexes, REFERENCE)
    index = indexes.get(context.lang)
    if index is None:  # once per language and run: fr's first term of each folded form the translation has
        index = indexes[context.lang] = {}
        here = context.run.per_language(_glossary_terms, context.lang)
        for term_id, (term, _line, _path) in context.run.per_language(_glossary_terms, REFERENCE).items():
            if " " not in term and _folded(term) not in index and term_id in here:
                index[_folded(term)] = (*here[term_id], term_id)
    return index.get(_folded(word))


def expected_term(context: Context, word: str) -> str:
    """"write 'Kunde' (docs/de/glossary.yml:9, term client)" when fr's glossary has ``word`` as a one-word term."""
    found = glossary_term(context, word)
    return f"write '{found[0]}' ({found[2]}:{found[1]}, term {found[3]})" if found else "translate it"


@register
class Spelling(Check):
    id = "spelling"
    severity = "warning"
    description = "a word neither the language's hunspell dictionary nor its words/<lang>.txt knows"

    def run(self, context: Context) -> None:
        file = context.file
        language = context.run.per_language(_language, file.lang)
        # In a translation, a French word is the foreign-word check's; fr's own words are all spelling's.
        french = dictionary(REFERENCE) if context.ref is not None else None
        for where, (unknown, _named) in _read(context).items():
            for word in unknown:
                if french is not None and word in french:
                    continue
                suggestion = language.words.suggest(word)
                hint = f"did you mean '{suggestion}'? If '{word}' is right" if suggestion else f"if '{word}' is right"
                self.add(
                    context, file.line_of(where, word),
                    f"{dotted(where)}: '{word}' is not in the {file.lang} dictionary — {hint} (a name, an accepted term),"
                    f" add it to {language.shown_path}",
                )


@register
class ForeignWord(Check):
    id = "foreign-word"
    description = "a French word left in a translation (unknown to its language, or a glossary term fr has there)"
    needs = "translation"

    def run(self, context: Context) -> None:
        file, ref = context.file, context.ref
        assert ref is not None
        language = context.run.per_language(_language, file.lang)
        read = _read(context)
        if not read:
            return
        for fpath, tpath, fr_text, _tr_text in context.pairs:
            found = read.get(tpath)  # every text of a pair is one of the file's texts
            if found is None:
                continue
            unknown, named = found
            # Unknown words first (few); a word of both languages only when fr's glossary could name it.
            candidates = unknown + named
            reported = set()
            fr_words = None
            for word in candidates:
                if word in reported:
                    continue
                kind = language.french(word)
                if kind == NOT_FRENCH:
                    continue
                if kind == OF_BOTH:
                    # A word of both languages (Clients is German too) is French here only when fr's text of this
                    # place has it and the glossary translates that fr term otherwise ("Kunde").
                    if fr_words is None:
                        fr_words = set(map(_folded, words_of(fr_text)))
                    folded = _folded(word)
                    term = glossary_term(context, word) if folded in fr_words else None
                    if term is None or _folded(term[0]) == folded:
                        continue
                reported.add(word)
                self.add(
                    context, file.line_of(tpath, word),
                    f"{dotted(tpath)}: '{word}' is a French word left untranslated ({ref.shown}:{ref.line_of(fpath)})"
                    f" — {expected_term(context, word)}; if {file.lang} writes it so too, add it to {language.shown_path}",
                )
