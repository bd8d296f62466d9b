#!/usr/bin/env python3
"""How tightly tests/rules pins the rule files (a measurement script, not a test).

    benches/rule_mutants.py [STEM...]      default: every rules/STEM.dixian that has tests/rules/STEM.yaml

Mutates one thing of one rule file at a time -- a figure or `when` threshold up and down by one unit
(half a unit under 2 or when the figure has a decimal), a `from`/`until` date by a day either way, the
severity (rectify <-> notice, refer -> rectify), a `provisional` or `missing` line dropped, `missing
ignore` turned into `missing notice` -- loads the mutant with `dixian --rules DIR` (a file named like a
built-in replaces it) and runs that file's rule tests. A mutant the tests still pass "survives": a
figure the tests do not pin, or an equivalent mutant (the severity of a provisional rule, which is
capped at notice anyway; an explicit `missing notice` equal to the default). Mutants the loader
refuses (a regional floor weaker than the national one) are counted apart.
"""
import datetime
import pathlib
import re
import shutil
import subprocess
import sys
import tempfile

ROOT = pathlib.Path(__file__).resolve().parent.parent
BIN = ROOT / "target" / "debug" / "dixian"
FIGURE = re.compile(r"(require|when)\s+\S+\s*(>=|<=|>|<)\s*([0-9.]+)")
DATE = re.compile(r"\b(from|until) (\d{4}-\d{2}-\d{2})")
SEVERITY = re.compile(r"(\s*)severity (rectify|notice|refer)\s*$")
OTHER = {"rectify": "notice", "notice": "rectify", "refer": "rectify"}


def mutants(lines):
    """Yields (line index, new line, description)."""
    for i, line in enumerate(lines):
        s = line.strip()
        if s.startswith("#"):
            continue
        m = FIGURE.search(line)
        if m:
            n = m.group(3)
            step = 0.5 if "." in n or float(n) < 2 else 1
            for v in (float(n) + step, float(n) - step):
                if v >= 0:
                    yield i, line[: m.start(3)] + f"{v:g}" + line[m.end(3) :], f"{s} -> {v:g}"
        for m in DATE.finditer(line):
            day = datetime.date.fromisoformat(m.group(2))
            for d in (1, -1):
                new = (day + datetime.timedelta(days=d)).isoformat()
                yield i, line[: m.start(2)] + new + line[m.end(2) :], f"{s} -> {new}"
        m = SEVERITY.match(line)
        if m:
            yield i, f"{m.group(1)}severity {OTHER[m.group(2)]}", f"{s} -> {OTHER[m.group(2)]}"
        if s.startswith(("provisional ", "missing ")):
            yield i, "", f"drop {s[:40]}"
        if s.startswith("missing ignore"):
            yield i, line.replace("missing ignore", "missing notice"), f"{s} -> missing notice"


def main():
    subprocess.run(["cargo", "build", "-q", "-p", "dixian-cli"], cwd=ROOT, check=True)
    stems = sys.argv[1:] or sorted(
        p.stem for p in (ROOT / "rules").glob("*.dixian") if (ROOT / "tests/rules" / f"{p.stem}.yaml").exists()
    )
    total = survived = refused = 0
    with tempfile.TemporaryDirectory(prefix="dixian-mutants-") as tmp:
        for stem in stems:
            lines = (ROOT / "rules" / f"{stem}.dixian").read_text().split("\n")
            for i, new, what in mutants(lines):
                mutated = lines.copy()
                mutated[i] = new
                shutil.rmtree(tmp)
                pathlib.Path(tmp).mkdir()
                (pathlib.Path(tmp) / f"{stem}.dixian").write_text("\n".join(mutated))
                run = subprocess.run(
                    [str(BIN), "--rules", tmp, "test", f"tests/rules/{stem}.yaml"],
                    cwd=ROOT,
                    capture_output=True,
                )
                total += 1
                if run.returncode == 2:
                    refused += 1
                elif run.returncode == 0:
                    survived += 1
                    print(f"survived  rules/{stem}.dixian:{i + 1}: {what}")
    print(f"{total} mutants over {len(stems)} rule files: {survived} survived, {refused} refused by the loader")


if __name__ == "__main__":
    main()
