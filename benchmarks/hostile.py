"""The hostile translator of issue 11, replayed: a fixed catalogue of attempts per finding (1-10).

``python -m benchmarks.hostile`` copies the project (``benchmarks._project.copy_project``), writes
each attempt into a translation (en, de, it, es: a translator with write access to one language),
at most one attempt per file at a time, and then:

1. runs ``kb check`` on the copy: an attempt is *refused at path:line* when a finding of the
   expected check names its file at the line where the hostile value stands;
2. runs ``make build``'s command (``python -m scripts.site.build``) on that copy: it must fail, name
   the same ``path:line``, print no traceback and leave no temporary file and no ``site/``;
3. writes the attempts ``kb check`` accepted into a fresh copy and builds it: every built page is
   read with an HTML parser (tests/scripts/hostile/support.py's judge). An attempt is *sanitized*
   when the pages it reaches hold no script but the templates' and the widgets' own, no ``on*=``
   attribute, no ``javascript:``/``data:``/``vbscript:`` address and no forbidden character; it
   *got through* otherwise (0 expected);
4. sends the worker's entry point (``calculators.present.handle_json``) the hostile messages of
   finding 8 (answered with the page's own error text and a setup that still works: sanitized);
5. checks the published ``site/``'s permissions (finding 9) and, through Debian's nginx as the
   README deploys it (``scripts.site.preview``), every ``sitemap.xml`` the language selector
   fetches next to an alternate page (finding 10), when nginx is installed.

Prints a Markdown table: family, attempts, refused at path:line, sanitized, got through.
"""

from __future__ import annotations

import json
import os
import re
import stat
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from benchmarks._net import free_port
from benchmarks._project import copy_project

TRANSLATIONS = ("en", "de", "it", "es")
BUILD_TIMEOUT = 1800


@dataclass
class Attempt:
    """One hostile edit: a value at ``where`` in ``key`` (or a whole-file ``transform``)."""

    family: int  # the issue's finding
    name: str
    key: str
    where: tuple = ()
    value: str = ""
    style: str = "double"  # how the value is written in YAML (tests/scripts/hostile/support.py: scalar)
    checks: frozenset = frozenset({"unsafe"})  # the check ids that may refuse it
    lang: str | None = None  # None: any translation
    escape: str | None = None  # written as this YAML escape sequence instead of the value's marker "\x00"
    transform: Callable[[str], tuple[str | bytes, int, int]] | None = None
    # Where it went and what became of it.
    placed: tuple[str, str] = ("", "")
    lines: range = range(0)
    outcome: str = ""
    detail: str = ""


# --- The catalogue -----------------------------------------------------------------------------------------

GUIDE = "guides/end-a-partnership.yml"
TITLE_SCRIPT = "Fin &lt;/title&gt;&lt;script&gt;alert(origin)&lt;/script&gt;&lt;title&gt;"


_KEY_VALUE = re.compile(r"^\s*(?:- )?[\w.-]+: \S")


def _unclosed(key: str, quote: str, *, last: bool = False) -> Callable[[str], tuple[str, int, int]]:
    """Open a quote in the value of ``key``'s first line (any ``key: value`` line with ``last``, the last one)."""

    def transform(text: str) -> tuple[str, int, int]:
        lines = text.split("\n")
        numbers = [n for n, line in enumerate(lines) if _KEY_VALUE.match(line) and (last or line.lstrip(" -").startswith(key + ":"))]
        if last:  # the last line after which no such quote stands: the quote runs to the end of the file
            numbers = [n for n in numbers if quote not in "\n".join(lines[n + 1:])] or numbers[-1:]
        number = numbers[-1] if last else numbers[0]
        head = lines[number][: lines[number].index(": ") + 2]
        lines[number] = head + quote + "Texte jamais fermé"
        return "\n".join(lines), number + 1, number + 1

    return transform


def _not_a_mapping(text: str) -> tuple[str, int, int]:
    """site.yml's first key written as a list item: the file is no longer a mapping."""
    number = text[: text.index("site_name:")].count("\n") + 1
    return text.replace("site_name:", "- site_name:", 1), number, number


def _raw_surrogate(text: str) -> tuple[bytes, int, int]:
    """A lone surrogate typed raw: the bytes ED A0 80 (not UTF-8) in the guide's title."""
    lines = text.split("\n")
    number = next(n for n, line in enumerate(lines) if line.startswith("title:"))
    lines[number] = "title: Fin \ud800 du partenariat"
    return "\n".join(lines).encode("utf-8", "surrogatepass"), number + 1, number + 1


def catalogue() -> list[Attempt]:
    a = Attempt
    titles = [(GUIDE, ("title",)), ("glossary.yml", ("title",)), ("calculators/pricing.yml", ("title",)),
              ("site.yml", ("home", "title")), ("guides/add-a-client.yml", ("sections", 0, "title"))]  # fmt: skip
    attempts = [
        # 1. Markup written as character references in titles and labels.
        *(a(1, f"named references in {key} {'.'.join(map(str, where))}", key, where, TITLE_SCRIPT) for key, where in titles),
        a(1, "decimal references", GUIDE, ("title",), "Fin &#60;/title&#62;&#60;script&#62;alert(origin)&#60;/script&#62;", lang="de"),
        a(1, "hex references", "glossary.yml", ("title",), "Glossar &#x3C;script&#x3E;alert(origin)&#x3C;/script&#x3E;", lang="de"),
        a(1, "numeric references without ';'", "guides/vat-number.yml", ("title",), "Fin &#60/title&#62 &#60script&#62 alert(origin) &#60/script&#62 &#60title&#62", lang="en"),  # noqa: E501
        a(1, "named references without ';'", GUIDE, ("title",), "Fin &lt/title&gt&ltscript&gtalert(origin)&lt/script&gt", lang="it"),
        a(1, "zero-padded references", "site.yml", ("labels", "prerequisites"), "Prérequis &#0060;img src=x onerror=alert(origin)&#0062;", lang="it"),
        a(1, "references in a widget label", "calculators/pricing.yml", ("inputs", "quantity", "label"), "Menge &lt;script&gt;alert(origin)&lt;/script&gt;", lang="es"),  # noqa: E501
        a(1, "raw markup in a widget label", "calculators/access.yml", ("title",), "<script>alert(origin)</script>", lang="es"),
        # 2. The site name leaving its attribute.
        a(2, "double quote and handler", "site.yml", ("site_name",), 'Infomaniak Partner Program" autofocus onfocus="alert(origin)" x="'),
        a(2, "backtick", "site.yml", ("site_name",), "Infomaniak `onfocus=alert(origin)`", lang="de"),
        a(2, "tag sign", "site.yml", ("site_name",), "Infomaniak <svg onload=alert(origin)>", lang="it"),
        a(2, "quote as a reference", "site.yml", ("site_name",), "Infomaniak &quot; onfocus=&quot;alert(origin)", lang="es"),
        a(2, "single quotes (the theme quotes with double ones)", "site.yml", ("site_name",), "Infomaniak' onfocus='alert(origin)' x='"),
        a(2, "typographic quotes", "site.yml", ("site_name",), "Infomaniak \u201d onfocus=\u201dalert(origin)", lang="de"),
        # 3. Dangerous link destinations, hidden in reference definitions or encoded.
        a(3, "reference definition in a quote", GUIDE, ("summary",), "> [more]: javascript:alert(origin)\n\nSee [more].", style="block", checks=frozenset({"unsafe"})),  # noqa: E501
        a(3, "reference definition in a list", GUIDE, ("sections", 0, "intro"), "- [more]: javascript:alert(origin)\n\nSee [more][more].", style="block", lang="de"),  # noqa: E501
        a(3, "address on the next line", "calculators/pricing.yml", ("intro",), "[more]:\n  javascript:alert(origin)\n\nSee [more][more].", style="block"),  # noqa: E501
        a(3, "upper case and a tab", "site.yml", ("home", "intro"), "[hier](JaVa\tScRiPt:alert(origin))", checks=frozenset({"unsafe", "encoding"}), lang="it"),  # noqa: E501
        a(3, "entity-encoded scheme", "glossary.yml", ("terms", 0, "definition"), "[aqui](&#106;ava&#x73;cript&colon;alert(origin))", lang="es"),
        a(3, "data: image", GUIDE, ("summary",), "![logo](data:text/html;base64,PHNjcmlwdD5hbGVydCgpPC9zY3JpcHQ+)", lang="it"),
        a(3, "vbscript: reference with a title", GUIDE, ("summary",), '[x]: vbscript:msgbox "t"\n\n[x]', style="block", lang="es"),
        a(3, "percent-encoded scheme (a relative address)", "calculators/eligibility.yml", ("intro",), "[hier](%6Aavascript:alert(origin))", checks=frozenset({"unsafe", "links"}), lang="de"),  # noqa: E501
        a(3, "autolink", "calculators/access.yml", ("intro",), "<javascript:alert(origin)>", lang="it"),
        # 4. Invisible, bidirectional and control characters, raw or as YAML escapes.
        a(4, "bidi override, raw", GUIDE, ("title",), "Fin du \u202epartenariat", checks=frozenset({"encoding"}), lang="en"),
        a(4, "bidi override, escape", "glossary.yml", ("title",), "Glossary \x00", escape="\\u202e", checks=frozenset({"encoding"}), lang="en"),
        a(4, "left-to-right mark", "site.yml", ("home", "title"), "Home \x00", escape="\\u200e", checks=frozenset({"encoding"}), lang="de"),
        a(4, "right-to-left mark", "calculators/pricing.yml", ("title",), "Preis \u200f", checks=frozenset({"encoding"}), lang="de"),
        a(4, "Arabic letter mark", "calculators/eligibility.yml", ("title",), "Idoneità \x00", escape="\\u061c", checks=frozenset({"encoding"}), lang="it"),
        a(4, "tag characters", GUIDE, ("summary",), "Fine \U000e0041\U000e0042", checks=frozenset({"encoding"}), lang="it"),
        a(4, "NUL as an escape", "site.yml", ("labels", "note"), "Nota \x00", escape="\\0", checks=frozenset({"encoding"}), lang="es"),
        a(4, "ESC as an escape", "calculators/access.yml", ("title",), "Acceso \x00[2K", escape="\\e", checks=frozenset({"encoding"}), lang="es"),
        a(4, "zero-width joiner", "guides/add-a-client.yml", ("title",), "Add a\u200dclient", checks=frozenset({"encoding"}), lang="en"),
        a(4, "C1 control", "guides/add-a-client.yml", ("summary",), "Kunde \x00", escape="\\x85", checks=frozenset({"encoding"}), lang="de"),
        # 5. Lone surrogates (the build must name the line, leave no temporary file).
        a(5, "lone surrogate as an escape", "guides/add-a-client.yml", ("title",), "Cliente \x00", escape="\\ud800", checks=frozenset({"encoding"}), lang="it"),
        a(5, "low surrogate as an escape", "glossary.yml", ("title",), "Glosario \x00", escape="\\udfff", checks=frozenset({"encoding"}), lang="es"),
        a(5, "lone surrogate typed raw (not UTF-8)", "guides/access-types.yml", transform=_raw_surrogate, checks=frozenset({"encoding"}), lang="en"),
        # 6. Quotes opened and never closed.
        a(6, "double quote to the end of the file", "calculators/pricing.yml", transform=_unclosed("", '"', last=True), checks=frozenset({"syntax"}), lang="en"),  # noqa: E501
        a(6, "single quote in the last text", "guides/payment-methods.yml", transform=_unclosed("", "'", last=True), checks=frozenset({"syntax"}), lang="de"),
        a(6, "double quote closed by a later line", "site.yml", transform=_unclosed("site_name", '"'), checks=frozenset({"syntax"}), lang="en"),
        # 7. A mistake in a language's site.yml (make serve keeps its site name: tests/scripts/site/test_serve.py).
        a(7, "site.yml that is not a mapping", "site.yml", transform=_not_a_mapping, checks=frozenset({"syntax"}), lang="de"),  # noqa: E501
    ]
    return attempts


# --- Writing attempts into a copy ----------------------------------------------------------------------------


def _apply(root: Path, attempt: Attempt) -> None:
    from tests.scripts.hostile.support import with_value

    lang, key = attempt.placed
    path = root / "docs" / lang / key
    text = path.read_text(encoding="utf-8")
    if attempt.transform is not None:
        content, first, last = attempt.transform(text)
    else:
        content, first, last = with_value(text, attempt.where, attempt.value, attempt.style)
        if attempt.escape is not None:
            content = content.replace("\\u0000", attempt.escape, 1)
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8", "surrogatepass"))
    attempt.lines = range(first, last + 1)


def _place(attempts: list[Attempt]) -> list[list[Attempt]]:
    """Rounds of attempts, at most one per (language, file) in a round."""
    rounds: list[dict[tuple[str, str], Attempt]] = []
    for attempt in attempts:
        langs = (attempt.lang,) if attempt.lang else TRANSLATIONS
        for slots in [*rounds, {}]:
            free = next((lang for lang in langs if (lang, attempt.key) not in slots), None)
            if free is not None:
                if not slots:
                    rounds.append(slots)
                slots[(free, attempt.key)] = attempt
                attempt.placed = (free, attempt.key)
                break
    return [list(slots.values()) for slots in rounds]


def _run(command: list[str], cwd: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONDONTWRITEBYTECODE": "1"}
    return subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, timeout=BUILD_TIMEOUT, check=False)  # noqa: S603


# --- 1-2: kb check, then the build, on the copy holding the attempts ------------------------------------------


def check_round(work: Path, index: int, attempts: list[Attempt], notes: list[str]) -> None:
    project = copy_project(work / f"check-{index}")
    for attempt in attempts:
        _apply(project, attempt)
    result = _run([sys.executable, "-m", "scripts.kb", "check", "--format", "json", "--root", str(project)], project)
    findings = json.loads(result.stdout or "[]")
    by_file = defaultdict(list)
    for finding in findings:
        by_file[finding["path"]].append(finding)
    refused = []
    for attempt in attempts:
        shown = f"docs/{attempt.placed[0]}/{attempt.placed[1]}"
        mine = [f for f in by_file[shown] if f["severity"] == "error"]
        exact = [f for f in mine if f["line"] in attempt.lines and f["check"] in attempt.checks]
        if exact:
            attempt.outcome, attempt.detail = "refused", f"{shown}:{exact[0]['line']} [{exact[0]['check']}]"
            refused.append(attempt)
        elif mine:
            attempt.outcome = "refused elsewhere"
            attempt.detail = "; ".join(f"{shown}:{f['line']} [{f['check']}] {f['message'][:90]}" for f in mine[:2])
            refused.append(attempt)
        else:
            attempt.outcome = "passed check"
    # The build of the same copy stops, names every refused attempt, and leaves nothing behind.
    build = _run([sys.executable, "-m", "scripts.site.build"], project)
    output = build.stdout + build.stderr
    if build.returncode == 0 and refused:
        notes.append(f"round {index}: the build succeeded although kb check refused {len(refused)} attempt(s)")
    if "Traceback" in output:
        notes.append(f"round {index}: the failing build printed a traceback")
    leftovers = [p.relative_to(project).as_posix() for p in (project / "docs").rglob("*") if p.name.endswith(".tmp") or p.name.startswith("tmp")]
    if leftovers:
        notes.append(f"round {index}: the failing build left {len(leftovers)} temporary file(s): {leftovers[:3]}")
    if (project / "site").exists():
        notes.append(f"round {index}: the failing build published site/")
    for attempt in refused:
        if attempt.outcome == "refused" and attempt.detail.split(" [")[0] + ":" not in output:
            notes.append(f"family {attempt.family} '{attempt.name}': kb check names {attempt.detail}, the failing build does not")


# --- 3: the accepted attempts built, every page judged ---------------------------------------------------------


def _pages_of(key: str) -> tuple[str, ...]:
    from tests.scripts.hostile.support import pages_of

    return tuple(page.removesuffix(".md").removesuffix("index") for page in pages_of(key))


def build_round(work: Path, index: int, attempts: list[Attempt], notes: list[str]) -> Path | None:
    from scripts.site import headers
    from tests.scripts.hostile.support import judge

    project = copy_project(work / f"build-{index}")
    for attempt in attempts:
        _apply(project, attempt)
    build = _run([sys.executable, "-m", "scripts.site.build"], project)
    if build.returncode != 0:
        output = build.stdout + build.stderr
        for attempt in attempts:
            shown = f"docs/{attempt.placed[0]}/{attempt.placed[1]}"
            lines = [int(m) for m in re.findall(rf"{re.escape(shown)}:(\d+):", output)]
            if any(line in attempt.lines for line in lines):
                attempt.outcome, attempt.detail = "refused", f"{shown}:{lines[0]} (by the build)"
        still = [a for a in attempts if a.outcome == "passed check"]
        if len(still) == len(attempts):
            notes.append(f"build round {index} failed without naming an attempt:\n{output[-1500:]}")
            for attempt in attempts:
                attempt.outcome, attempt.detail = "got through", "the build failed without naming it"
            return None
        return build_round(work, index * 10 + 1, still, notes) if still else None
    site = project / "site"
    intended = headers.intended_scripts()
    problems: dict[str, list[str]] = {}
    for page in sorted(site.rglob("*.html")):
        found = judge(page.read_text(encoding="utf-8"), theme_scripts=intended)
        if found.executable or found.characters:
            problems[page.relative_to(site).as_posix()] = found.executable + found.characters
    for attempt in attempts:
        lang = attempt.placed[0]
        prefixes = [f"{lang}/{page}" for page in _pages_of(attempt.key)]
        hits = [f"{page}: {what[:2]}" for page, what in problems.items() if any(page.startswith(p) for p in prefixes)]
        attempt.outcome, attempt.detail = ("got through", "; ".join(hits[:2])) if hits else ("sanitized", "")
    claimed = {p for a in attempts if a.outcome == "got through" for p in problems if a.detail.startswith(p)}
    for page in set(problems) - claimed:
        notes.append(f"{page} holds {problems[page][:2]} (no attempt of this round lands there)")
    return site


# --- 4: the worker's entry point ---------------------------------------------------------------------------------


def worker_attempts() -> list[tuple[str, str, object, object]]:
    """(name, calculator, inputs message) for handle_json: finding 8."""
    return [
        ("deeply nested inputs", "pricing", "[" * 100_000 + "]" * 100_000),
        ("unclosed JSON", "pricing", "{"),
        ("empty message", "pricing", ""),
        ("5,000-digit integer", "pricing", "1" * 5_000),
        ("10 MB of group separators", "pricing", json.dumps({"quantity": "1" + "," * 10_000_000})),
        ("list as calculator name", ["pricing"], "{}"),
        ("inputs as a list", "eligibility", "[1, 2]"),
        ("a quantity of 1 then 10,000 separators", "pricing", json.dumps({"quantity": "1" + "." * 10_000})),
        ("a quantity in scientific notation", "pricing", json.dumps({"quantity": "1e999999"})),
        ("NaN", "pricing", json.dumps({"quantity": "NaN"})),
        ("not a string", "access", None),
    ]


def worker_round() -> tuple[int, int, list[str]]:
    from calculators import present, registry
    from tests.calculators.calculator_texts import texts
    from tests.scripts.hostile.support import SPEC_EN

    safe, notes = 0, []
    for name, calculator, message in worker_attempts():
        base = calculator if isinstance(calculator, str) else "pricing"
        setup = json.dumps({"texts": texts("en", base), "spec": SPEC_EN})
        try:
            reply = json.loads(present.handle_json(calculator, message, setup))
            good = json.loads(present.handle_json(base, json.dumps(registry.get(base).defaults), setup))
        except Exception as exc:  # noqa: BLE001 - the benchmark reports it
            notes.append(f"worker: {name} raised {type(exc).__name__}")
            continue
        error = reply.get("error") or {}
        translated = error.get("key") in texts("en", base)["errors"] and error.get("message") not in ("", error.get("key"))
        if translated and "result" in good:
            safe += 1
        else:
            notes.append(f"worker: {name} answered {str(reply)[:120]}")
    return len(worker_attempts()), safe, notes


# --- 5: site/ permissions and the sitemap requests -----------------------------------------------------------------


def permissions(site: Path) -> tuple[int, int, list[str]]:
    """Folders readable and enterable by others, files readable by others (a web server runs as another user)."""
    wrong = []
    for path in [site, *site.rglob("*")]:
        mode = stat.S_IMODE(path.stat().st_mode)
        if (path.is_dir() and mode & 0o005 != 0o005) or (path.is_file() and not mode & 0o004):
            wrong.append(f"{path.relative_to(site.parent).as_posix()} {mode:o}")
    return 1, 0 if wrong else 1, [f"site/: not readable by others: {wrong[:3]}"] if wrong else []


def sitemaps(site: Path, work: Path) -> tuple[int, int, list[str]]:
    """Every ``sitemap.xml`` next to an alternate-language link of one page of each kind, asked of nginx."""
    from scripts.site import preview

    try:
        preview.nginx_executable()
    except (OSError, SystemExit, RuntimeError) as exc:
        return 0, 0, [f"sitemaps: nginx not available ({exc})"]
    port = free_port()
    urls: set[str] = {f"http://127.0.0.1:{port}/sitemap.xml"} | {f"http://127.0.0.1:{port}/{lang}/sitemap.xml" for lang in TRANSLATIONS}
    for page in ("index.html", "guides/add-a-client/index.html", "calculators/pricing/index.html", "glossary/index.html",
                 "en/index.html", "de/guides/index.html", "it/calculators/access/index.html", "es/glossary/index.html"):
        html = (site / page).read_text(encoding="utf-8")
        base = f"http://127.0.0.1:{port}/{page.removesuffix('index.html')}"
        for href in re.findall(r'<a href="([^"]+)" hreflang=', html):  # the language selector's links
            target = urllib.parse.urljoin(base, href)
            urls.add(urllib.parse.urljoin(target, "sitemap.xml"))  # next to the alternate page
    ok, notes = 0, []
    try:
        with preview.started(site, port, work / "preview"):
            for url in sorted(urls):
                try:
                    with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 - our local server
                        ok += response.status == 200
                except urllib.error.HTTPError as exc:
                    notes.append(f"sitemaps: {url} answered {exc.code}")
    except RuntimeError as exc:  # nginx refused the configuration, stopped or never answered
        notes.append(f"sitemaps: {exc}")
    return len(urls), ok, notes


# --- The table ----------------------------------------------------------------------------------------------------

FAMILIES = {
    1: "entity-encoded markup in titles and labels",
    2: "attribute breakers in site_name",
    3: "javascript:/data:/vbscript: links, reference-style and encoded",
    4: "invisible, bidi, control and tag characters",
    5: "lone surrogates (kb check, build)",
    6: "unterminated quotes",
    7: "a mistake in a language's site.yml",
    8: "worker entry: deep, huge, non-JSON messages, separators",
    9: "site/ permissions after make build",
    10: "sitemap.xml next to alternate pages (nginx)",
}


def table(rows: dict[int, Counter]) -> str:
    lines = ["| family | attempts | refused at path:line | sanitized | got through |", "|---|---:|---:|---:|---:|"]
    for family, title in FAMILIES.items():
        row = rows.get(family, Counter())
        elsewhere = f" (+{row['refused elsewhere']} at another line or by another check)" if row["refused elsewhere"] else ""
        lines.append(f"| {family}. {title} | {row['attempts']} | {row['refused']}{elsewhere} | {row['sanitized']} | {row['got through']} |")
    return "\n".join(lines)


def main() -> int:
    started = time.perf_counter()
    attempts = catalogue()
    notes: list[str] = []
    with tempfile.TemporaryDirectory(prefix="kb-hostile-") as folder:
        work = Path(folder)
        rounds = _place(attempts)
        for index, batch in enumerate(rounds):
            check_round(work, index, batch, notes)
        accepted = [a for a in attempts if a.outcome == "passed check"]
        for attempt in accepted:
            attempt.placed = ("", "")
        site = None
        for index, batch in enumerate(_place(accepted)):
            site = build_round(work, index, batch, notes) or site
        if site is None:  # every attempt was refused: build the project as it is for findings 9 and 10
            project = copy_project(work / "clean")
            if _run([sys.executable, "-m", "scripts.site.build"], project).returncode == 0:
                site = project / "site"
        rows: dict[int, Counter] = defaultdict(Counter)
        for attempt in attempts:
            rows[attempt.family]["attempts"] += 1
            rows[attempt.family][attempt.outcome] += 1
        total, safe, worker_notes = worker_round()
        rows[8].update({"attempts": total, "sanitized": safe, "got through": total - safe})
        notes.extend(worker_notes)
        if site is not None:
            for family, (count, held, found) in ((9, permissions(site)), (10, sitemaps(site, work))):
                rows[family].update({"attempts": count, "sanitized": held, "got through": count - held})
                notes.extend(found)
        else:
            notes.append("no site was built: findings 9 and 10 not measured")
    print(table(rows))
    print()
    for attempt in attempts:
        where = f"docs/{attempt.placed[0]}/{attempt.placed[1]}" if attempt.placed[0] else attempt.key
        print(f"- {attempt.family}. {attempt.name} ({where}): {attempt.outcome}{' — ' + attempt.detail if attempt.detail else ''}")
    for note in notes:
        print(f"- note: {note}")
    print(f"\n({time.perf_counter() - started:.0f} s; python -m benchmarks.hostile)")
    return 1 if any(row["got through"] for row in rows.values()) else 0


if __name__ == "__main__":
    sys.exit(main())
