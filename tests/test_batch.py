"""Batches (reportdiff.batches, `reportdiff batch`): manifests, outputs, resumption, failures recorded, and the same
JSON from the local process pool and from a two-worker Dask LocalCluster on generated UN-style pairs."""
from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest

import pdfgen
import subprocess

from conftest import CLI_ENV, assert_clean_error, cli_command, run_cli

from reportdiff.batches import make_items, read_manifest, run, table_rows
from reportdiff.batches import run_item as _real_run_item
from reportdiff.errors import UsageError

EDITIONS = 12


def _edition(d: Path, k: int) -> Path:
    """Edition k of a made-up series: each edition changes two paragraphs' figures and one judgement."""
    texts = {3 + k % 5: f"The Mission recorded {40 + 7 * k} incidents affecting civilians, compared with "
                        f"{33 + 5 * k} in the previous period.",
             7: ("The Secretary-General is deeply concerned by the deterioration of the situation."
                 if k % 2 else "The Secretary-General welcomes the improvement of the situation."),
             9 + k % 3: f"An additional {k + 2} patrols were conducted in the northern sector <script>alert({k})"
                        f"</script>."}
    return pdfgen.un_report(d / f"S_2099_{100 + k}.pdf", symbol=f"S/2099/{100 + k}",
                            date=f"{1 + k} March 2099", paragraphs=12 + k % 4, texts=texts)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> dict:
    """12 generated editions, 21 pairs of them, 2 series of three, and a pair whose new edition is corrupt."""
    d = tmp_path_factory.mktemp("batch-corpus")
    eds = [_edition(d, k) for k in range(EDITIONS)]
    pairs = [(eds[i], eds[j]) for i in range(EDITIONS) for j in (i + 1, i + 2, i + 3) if j < EDITIONS][:21]
    corrupt = pdfgen.write(d / "corrupt.pdf", pdfgen.truncate(eds[0].read_bytes(), 0.4))
    lines = [json.dumps({"old": os.path.relpath(a, d), "new": os.path.relpath(b, d)}) for a, b in pairs]
    lines += [json.dumps({"id": "series-a", "series": [str(eds[2]), str(eds[0]), str(eds[1])]}),
              json.dumps({"id": "series-b", "series": [str(e) for e in eds[5:8]]}),
              json.dumps({"id": "broken", "old": str(eds[0]), "new": str(corrupt)})]
    manifest = d / "manifest.jsonl"
    manifest.write_text("# 21 pairs, 2 series, 1 broken pair\n" + "\n".join(lines) + "\n", encoding="utf-8")
    return {"dir": d, "editions": eds, "pairs": pairs, "manifest": manifest, "corrupt": corrupt}


def _absolute(item: dict, folder: Path) -> dict:
    """The manifest item's paths made absolute, so that the manifest may be written in another folder."""
    paths = {k: str(folder / item[k]) for k in ("old", "new") if k in item}
    if "series" in item:
        paths["series"] = [str(folder / p) for p in item["series"]]
    return paths


def _json_outputs(out: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(out.glob("*.json")) + sorted(out.glob("*.jsonl"))}


# ------------------------------------------------------------------------------------------------ manifests

def test_csv_manifest_with_header_ids_pairs_and_series(tmp_path):
    m = tmp_path / "m.csv"
    m.write_text("id,old,new\n# a comment\nisil,a.pdf,b.pdf\n,S/2025/72,S/2025/496\nss,x.pdf,y.pdf,z.pdf\n\n")
    items = read_manifest(m)
    assert [(i.id, i.kind) for i in items] == [("isil", "pair"), ("S_2025_72__S_2025_496", "pair"),
                                               ("ss", "series")]
    assert items[0].editions == (str(tmp_path / "a.pdf"), str(tmp_path / "b.pdf"))   # from the manifest's folder
    assert items[1].editions == ("S/2025/72", "S/2025/496")                          # symbols as written


def test_csv_manifest_without_header_and_repeated_names(tmp_path):
    m = tmp_path / "m.csv"
    m.write_text("a.pdf,b.pdf\nsub/a.pdf,sub/b.pdf\n")
    assert [i.id for i in read_manifest(m)] == ["a__b", "a__b-2"]


@pytest.mark.parametrize("text,words", [
    ('{"old": "a.pdf"}\n', ["m.jsonl line 1", "old and new"]),
    ('{"old": "a.pdf", "new": "b.pdf"}\nnot json\n', ["m.jsonl line 2", "not JSON"]),
    ('{"id": "x", "old": "a.pdf", "new": "b.pdf"}\n{"id": "x", "series": ["a", "b", "c"]}\n', ["id 'x'", "twice"]),
    ('{"id": "../escape", "old": "a.pdf", "new": "b.pdf"}\n', ["letters, digits"]),
    ("# nothing\n", ["lists no pairs"]),
])
def test_bad_manifests(tmp_path, text, words):
    m = tmp_path / "m.jsonl"
    m.write_text(text)
    with pytest.raises(UsageError) as e:
        read_manifest(m)
    for w in words:
        assert w in str(e.value)


def test_items_from_python(tmp_path):
    items = make_items([("a.pdf", "b.pdf"), ["S/2025/54", "S/2025/211", "S/2025/504"]], base=tmp_path)
    assert [i.kind for i in items] == ["pair", "series"]


def test_ids_made_from_file_names_are_ids_the_batch_accepts(tmp_path):
    """A reviewer's finding: "_old.pdf" made the id "_old__new", and a repeated long name "<100 chars>-2"; both
    were refused when the items were checked again (`reportdiff batch` exits 2, the library ran them)."""
    long = "x" * 60
    items = make_items([("_old.pdf", "new.pdf"), (f"{long}.pdf", f"{long}.pdf"), (f"{long}.pdf", f"{long}.pdf")],
                       base=tmp_path)
    assert [i.id for i in items] == ["old__new", f"{long}__{long}"[:100], f"{long}__{long}"[:98] + "-2"]
    assert make_items(items) == items                                  # checked again, as `run` does


def test_a_result_is_redone_when_a_library_changes(monkeypatch):
    """A reviewer's finding: an upgrade of the PDF reader invalidated the edition cache but not the batch's
    results, which were kept as "unchanged"."""
    from importlib import metadata

    from reportdiff import batches

    before = batches.code_version()
    batches.code_version.cache_clear()
    installed = metadata.version
    monkeypatch.setattr(metadata, "version", lambda lib: "999.0" if lib == "pypdfium2" else installed(lib))
    try:
        assert batches.code_version() != before
    finally:
        batches.code_version.cache_clear()


# ------------------------------------------------------------------------------------------------ a batch

@pytest.mark.slow
def test_a_result_is_redone_when_the_models_data_change():
    """Resumption keys on the code that made a result: the shipped successor model and word lists change the
    comparison without a line of code changing (a refit), so they are part of that key."""
    from reportdiff.batches import code_files

    names = {p.name for p in code_files()}
    assert {"successor_model.json", "word_forms.json", "align.py", "batches.py"} <= names
    assert not any(p.suffix == ".pyc" for p in code_files())


@pytest.mark.slow
def test_batch_outputs_resumption_and_failures(corpus, tmp_path):
    out = tmp_path / "out"
    seen = []
    result = run(corpus["manifest"], out, jobs=2, cache=False, table="jsonl",
                 progress=lambda done, total: seen.append((done, total)))
    assert len(result.done) == 23 and result.unchanged == []
    assert list(result.failed) == ["broken"] and "corrupt.pdf" in result.failed["broken"]
    assert seen[-1] == (24, 24)
    errors = [json.loads(line) for line in (out / "errors.jsonl").read_text().splitlines()]
    assert [e["id"] for e in errors] == ["broken"] and "\n" not in errors[0]["error"]
    names = {p.name for p in out.iterdir()}
    assert {"index.html", "changes.jsonl", "errors.jsonl", "series-a.html", "series-a.json"} <= names
    assert len([n for n in names if n.endswith(".html")]) == 24          # 23 reports and the index
    assert not any(n.endswith(".part") or n.startswith("broken") for n in names)

    # the series were put in date order; the pair's JSON is the compare command's
    series_a = json.loads((out / "series-a.json").read_text())
    assert [e["symbol"] for e in series_a["editions"]] == ["S/2099/100", "S/2099/101", "S/2099/102"]
    first = result.done[0]
    data = json.loads((out / f"{first}.json").read_text())
    assert data["schema"] == "reportdiff.comparison/1"

    # one row per change of every comparison (2 per series), the change's fields under the pair
    rows = [json.loads(line) for line in (out / "changes.jsonl").read_text().splitlines()]
    assert len(rows) == sum(len(json.loads((out / f"{i}.json").read_text())["changes"])
                            for i in result.done if not i.startswith("series")) + sum(
        len(r["changes"]) for r in _series_comparisons(corpus, ["series-a", "series-b"]))
    assert {"item", "pair", "kind", "old_ids", "new_ids", "similarity", "signals", "moved"} <= set(rows[0])
    assert table_rows(first, data) == [r for r in rows if r["item"] == first]

    # the index: every item, escaped, self-contained
    index = (out / "index.html").read_text()
    assert "Content-Security-Policy" in index and "<script>alert" not in index
    assert all(f'id="{i}"' in index for i in result.done + ["broken"])
    assert "Failed: " in index

    # a second run does nothing: no item redone, no report rewritten
    stamps = {p.name: p.stat().st_mtime_ns for p in out.glob("S_*.html")}
    again = run(corpus["manifest"], out, jobs=2, cache=False, table="jsonl")
    assert again.done == [] and sorted(again.unchanged) == sorted(result.done)
    assert list(again.failed) == ["broken"]
    assert {p.name: p.stat().st_mtime_ns for p in out.glob("S_*.html")} == stamps
    assert (out / "changes.jsonl").read_text().splitlines() == [json.dumps(r, ensure_ascii=False) for r in rows]

    # the broken file mended: only its item is done; an edited edition: only the items reading it are redone
    corpus["corrupt"].write_bytes(corpus["editions"][3].read_bytes())
    mended = run(corpus["manifest"], out, jobs=1, cache=False, table="jsonl")
    assert mended.done == ["broken"] and mended.ok and not (out / "errors.jsonl").exists()
    corpus["corrupt"].write_bytes(pdfgen.truncate(corpus["editions"][0].read_bytes(), 0.4))     # as it was


def _series_comparisons(corpus, ids):
    """The comparisons inside the series, recomputed from the files (the series JSON holds only summaries)."""
    import reportdiff

    manifest = {json.loads(line).get("id"): json.loads(line) for line in
                corpus["manifest"].read_text().splitlines()[1:]}
    for i in ids:
        series = reportdiff.series(manifest[i]["series"], cache=False)
        yield from (c.to_dict() for c in series.comparisons)


@pytest.mark.slow
def test_local_pool_and_local_cluster_write_the_same_json(corpus, tmp_path):
    """The same manifest through the command on this machine's process pool and on a two-worker LocalCluster
    (`--scheduler local -j 2`): byte for byte the same JSON files, table and pages; the broken pair failed in
    both while the others completed. (Run as commands: Dask leaves threads behind in the process that used it.)"""
    pytest.importorskip("distributed")
    env = {**CLI_ENV, "SOURCE_DATE_EPOCH": "4070908800"}
    outs = {}
    for name, extra in (("pool", []), ("dask", ["--scheduler", "local"])):
        outs[name] = tmp_path / name
        proc = subprocess.run(cli_command() + ["batch", str(corpus["manifest"]), "-o", str(outs[name]), "-j", "2",
                                               "--no-cache", "--table", "jsonl"] + extra,
                              capture_output=True, text=True, stdin=subprocess.DEVNULL, env=env, timeout=900)
        assert proc.returncode == 1, proc.stderr                       # the broken pair
        assert proc.stdout.strip() == ("24 items: 23 compared, 0 unchanged since the last run, 1 failed "
                                       f"(see {outs[name] / 'errors.jsonl'})")
        assert proc.stderr == ""
    assert _json_outputs(outs["pool"]) == _json_outputs(outs["dask"])
    assert len(_json_outputs(outs["pool"])) == 23 + 2                    # + changes.jsonl and errors.jsonl
    for page in ("series-b.html", "index.html", f"{corpus['pairs'][0][0].stem}__{corpus['pairs'][0][1].stem}.html"):
        assert (outs["pool"] / page).read_bytes() == (outs["dask"] / page).read_bytes()


def test_parquet_table(corpus, tmp_path):
    pq = pytest.importorskip("pyarrow.parquet")
    items = make_items([{"id": "p1", "old": str(corpus["editions"][0]), "new": str(corpus["editions"][1])},
                        {"id": "p2", "old": str(corpus["editions"][1]), "new": str(corpus["editions"][2])}])
    result = run(items, tmp_path, jobs=1, table="auto")
    assert result.table == tmp_path / "changes.parquet"
    table = pq.read_table(result.table)
    rows = [json.loads(line) for p in ("p1", "p2")
            for line in [json.dumps(r) for r in table_rows(p, json.loads((tmp_path / f"{p}.json").read_text()))]]
    assert table.to_pylist() == rows


# ------------------------------------------------------------------------------------------------ the command

@pytest.mark.slow
def test_batch_command(corpus, tmp_path):
    eds = corpus["editions"]
    manifest = tmp_path / "m.csv"
    manifest.write_text(f"old,new\n{eds[0]},{eds[1]}\n{eds[1]},{eds[2]}\n")
    proc = run_cli("batch", manifest, "-o", tmp_path / "out", "--table", "jsonl")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "2 items: 2 compared, 0 unchanged since the last run"
    assert proc.stderr == ""
    manifest.write_text(f"old,new\n{eds[0]},{eds[1]}\n{eds[1]},{corpus['corrupt']}\n")
    proc = run_cli("batch", manifest, "-o", tmp_path / "out", "--table", "jsonl")
    assert proc.returncode == 1, proc.stderr
    assert "1 unchanged" in proc.stdout and "1 failed" in proc.stdout


@pytest.mark.parametrize("case", ["missing-manifest", "bad-line", "out-is-file",
                                  pytest.param("no-dask-scheduler", marks=pytest.mark.slow)])
def test_batch_command_bad_usage(corpus, tmp_path, case):
    eds = corpus["editions"]
    manifest = tmp_path / "m.csv"
    manifest.write_text(f"{eds[0]},{eds[1]}\n{eds[0]}\n")
    args, words = {
        "missing-manifest": (["batch", tmp_path / "none.csv", "-o", tmp_path / "o"], ["none.csv", "does not exist"]),
        "bad-line": (["batch", manifest, "-o", tmp_path / "o"], ["m.csv line 2", "two editions"]),
        "out-is-file": (["batch", corpus["manifest"], "-o", eds[0]], ["is a file"]),
        "no-dask-scheduler": (["batch", corpus["manifest"], "-o", tmp_path / "o", "--scheduler",
                               "tcp://127.0.0.1:9"], ["could not reach the Dask scheduler"]),
    }[case]
    assert_clean_error(run_cli(*args), *words)
    assert not (tmp_path / "o").exists() or not any(p.suffix == ".html" for p in (tmp_path / "o").iterdir())


@pytest.mark.slow
@pytest.mark.parametrize("workers", [[], ["--scheduler", "local", "-j", "2"]], ids=["pool", "dask"])
def test_ctrl_c_keeps_what_is_done(corpus, tmp_path, workers):
    """Ctrl-C reaches the whole process group (the pool's workers too, or the Dask cluster's): one line, exit
    130, no half-written file; every record left has its files, and the next run goes on from there. (A robustness
    sweep: with --scheduler local each Dask worker printed its own traceback, some 67 lines.)"""
    import signal
    import time

    from conftest import start_cli_group

    # Enough work that a fast machine is still busy when the first item is done: the corpus's manifest three
    # times over under other ids (a quiet CI machine finished the 23 items in under 4 s).
    lines = [json.loads(line) for line in corpus["manifest"].read_text().splitlines()
             if line.strip() and not line.startswith("#")]
    many = [dict(item, id=f"{item.get('id', 'pair')}-{n}-{k}") for n in range(3) for k, item in enumerate(lines)]
    manifest = tmp_path / "many.jsonl"
    manifest.write_text("\n".join(json.dumps({**m, **_absolute(m, corpus["dir"])}) for m in many) + "\n")
    out = tmp_path / "out"
    proc = start_cli_group("batch", manifest, "-o", out, "--no-cache", "--table", "jsonl", *workers)
    records_dir = out / ".reportdiff-batch"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proc.poll() is None and not any(records_dir.glob("*.json")):
        time.sleep(0.02)
    assert proc.poll() is None, "the batch ended before it could be interrupted"
    os.killpg(proc.pid, signal.SIGINT)
    _, err = proc.communicate(timeout=180)
    assert proc.returncode == 130, err
    assert err.strip().splitlines() == [f"error: interrupted; the items finished so far are kept in {out} (their "
                                        f"records too): run the same command again to go on"]
    names = {p.name for p in out.iterdir()} if out.exists() else set()
    assert not any(n.endswith(".part") for n in names)
    records = [json.loads(p.read_text()) for p in (out / ".reportdiff-batch").glob("*.json")] if names else []
    assert all((out / f).is_file() for r in records for f in r["files"])
    again = run(manifest, out, jobs=2, cache=False, table="jsonl")
    good = [m for m in many if not m["id"].startswith("broken")]
    assert 0 < len(records) < len(good)
    assert len(again.unchanged) == len(records) and len(again.done) == len(good) - len(records)


def test_index_is_self_contained_and_escaped(tmp_path):
    """The index allows its own inline style and script by hash and nothing else; text from PDFs and failure
    reasons is escaped."""
    import base64
    import hashlib
    import html
    import re

    from reportdiff.batches import BatchResult, Item, render_index

    items = [Item(id="ok", kind="pair", editions=("/a.pdf", "/b.pdf")),
             Item(id="bad", kind="pair", editions=("/c.pdf", "/<b>d.pdf"))]
    step = {"old": "S/1<i>", "new": "S/2", "old_date": "2025-01-31", "new_date": None, "title": "<script>x()</script>",
            "summary": {"unchanged": 3, "modified": 2, "rewritten": 1}, "brief": ["¶ 4: figure 3 → <b>5</b>"]}
    result = BatchResult(out_dir=tmp_path, done=["ok"], failed={"bad": "<img src=x onerror=alert(1)> broke"})
    page = render_index(items, {"ok": {"steps": [step]}, "bad": None}, result)
    csp = html.unescape(re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page).group(1))
    for tag in ("style", "script"):
        body = re.search(rf"<{tag}>(.*?)</{tag}>", page, re.S).group(1)
        digest = base64.b64encode(hashlib.sha256(body.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in csp
    assert "default-src 'none'" in csp
    assert "<script>x()" not in page and "<img src=x" not in page and "<b>5</b>" not in page and "<i>" not in page
    assert "1 rewritten" in page and "2 modified" in page          # kinds shown as the summary has them


# ------------------------------------------------------------------------------------------------ one bad item

def _pairs(tmp_path: Path, gen, *extra: tuple[str, Path, Path]) -> Path:
    """A manifest of the pair ok (report → report2) and the `extra` (id, old, new) items."""
    manifest = tmp_path / "m.csv"
    rows = [("ok", gen["report"], gen["report2"]), *extra]
    manifest.write_text("id,old,new\n" + "".join(f"{i},{a},{b}\n" for i, a, b in rows))
    return manifest


def test_an_item_whose_output_cannot_be_written_is_recorded(gen, tmp_path):
    """Any failure of one item is recorded and the batch goes on: here its report's path is a folder."""
    out = tmp_path / "out"
    (out / "blocked.html").mkdir(parents=True)
    items = [("blocked", gen["report2"], gen["report"])]
    result = run(read_manifest(_pairs(tmp_path, gen, *items)), out, jobs=1, table="jsonl")
    assert result.done == ["ok"] and list(result.failed) == ["blocked"]
    assert "blocked.html" in result.failed["blocked"] and "directory" in result.failed["blocked"]
    errors = [json.loads(line) for line in (out / "errors.jsonl").read_text().splitlines()]
    assert [e["id"] for e in errors] == ["blocked"]
    assert (out / "index.html").is_file() and (out / "ok.html").is_file()
    assert not (out / "blocked.json").exists() and not (out / ".reportdiff-batch" / "blocked.json").exists()


@pytest.mark.parametrize("blocked", ["changes.jsonl", "errors.jsonl", "index.html"])
def test_a_folder_in_the_way_of_a_summary_file_is_refused_before_any_work(gen, tmp_path, blocked):
    """A robustness sweep: only index.html was checked before the work; a folder named changes.parquet or
    errors.jsonl was found after every item had run ("unexpected failure (IsADirectoryError …)" for the
    latter). Each is now refused up front, in one line naming it, and nothing is compared."""
    out = tmp_path / "out"
    (out / blocked).mkdir(parents=True)
    proc = run_cli("batch", _pairs(tmp_path, gen), "-o", out, "-j", "1", "--table", "jsonl", timeout=120)
    line = assert_clean_error(proc, blocked)
    assert "is a folder where the batch writes its" in line
    assert not (out / "ok.html").exists() and not list((out / ".reportdiff-batch").glob("*.json"))


def test_the_summary_line_is_cleaned_like_every_message(gen, tmp_path):
    """A robustness sweep: the summary names the output folder as typed; with an escape sequence in that name
    it reached the terminal raw (the one line not cleaned)."""
    out = tmp_path / "o  \x1b]0;pwn\x07\x1b[31m"
    proc = run_cli("batch", _pairs(tmp_path, gen, ("gone", tmp_path / "nope.pdf", gen["report"])), "-o", out,
                   "-j", "1", "--table", "jsonl", timeout=120)
    assert proc.returncode == 1, proc.stderr
    assert proc.stdout.startswith("2 items: 1 compared, 0 unchanged since the last run, 1 failed")
    assert "\x1b" not in proc.stdout and "\x07" not in proc.stdout
    assert f"(see {tmp_path}/o  ]0;pwn[31m/errors.jsonl)" in proc.stdout      # its two spaces kept (a review)


def test_a_fifo_edition_is_recorded_not_waited_for(gen, tmp_path):
    """An edition that is a FIFO with no writer: refused before it is read (hashing it waited for ever)."""
    fifo = tmp_path / "pipe.pdf"
    os.mkfifo(fifo)
    out = tmp_path / "out"
    proc = run_cli("batch", _pairs(tmp_path, gen, ("piped", fifo, gen["report"])), "-o", out, "-j", "1",
                   "--table", "jsonl", timeout=60)
    assert proc.returncode == 1, proc.stderr
    assert proc.stdout.startswith("2 items: 1 compared, 0 unchanged since the last run, 1 failed")
    [error] = [json.loads(line) for line in (out / "errors.jsonl").read_text().splitlines()]
    assert error["id"] == "piped" and "pipe.pdf is not a regular file" in error["error"]


def _record(out: Path, item_id: str, files) -> None:
    (out / ".reportdiff-batch").mkdir(parents=True, exist_ok=True)
    (out / ".reportdiff-batch" / f"{item_id}.json").write_text(json.dumps(
        {"format": "reportdiff.batch-record/1", "id": item_id, "key": {}, "files": files}))


def test_a_record_naming_files_outside_the_folder_deletes_nothing(gen, tmp_path):
    """A failing item forgets the files its last record names: only plain names in the output folder count."""
    victims = [tmp_path / "victim.txt", tmp_path / "other.txt"]
    for v in victims:
        v.write_text("keep me")
    out = tmp_path / "out"
    _record(out, "broken", [str(victims[0]), "../other.txt", "a\0b", "broken.html"])
    corrupt = pdfgen.write(tmp_path / "corrupt.pdf", pdfgen.truncate(gen["report"].read_bytes(), 0.4))
    result = run(make_items([{"id": "broken", "old": str(gen["report"]), "new": str(corrupt)}]), out, jobs=1,
                 table="jsonl")
    assert list(result.failed) == ["broken"]
    assert all(v.read_text() == "keep me" for v in victims)


@pytest.mark.parametrize("files", [[1], None, [None]], ids=str)
def test_a_malformed_record_is_ignored_and_replaced(gen, tmp_path, files):
    out = tmp_path / "out"
    _record(out, "ok", files)
    result = run(read_manifest(_pairs(tmp_path, gen)), out, jobs=1, table="jsonl")
    assert result.done == ["ok"] and result.ok
    record = json.loads((out / ".reportdiff-batch" / "ok.json").read_text())
    assert record["files"] == ["ok.html", "ok.json"]


# ------------------------------------------------------------------------------------------------ review mends

@pytest.mark.parametrize("input_name", ["x.html", "index.html", "changes.jsonl", ".reportdiff-batch/x.json"])
def test_an_output_that_is_an_input_is_refused_before_anything_is_written(gen, tmp_path, input_name):
    """An edition in the output folder under a name the batch writes (its item's report, the index, the table,
    its record) was replaced by the batch's output: refused like `compare -o INPUT`, nothing written."""
    out = tmp_path / "out"
    edition = out / input_name
    edition.parent.mkdir(parents=True)
    edition.write_bytes(gen["report"].read_bytes())
    manifest = out / "m.csv"
    manifest.write_text(f"id,old,new\nx,{input_name},{gen['report2']}\n")
    before = sorted(p.relative_to(out) for p in out.rglob("*"))
    proc = run_cli("batch", manifest, "-o", out, "-j", "1", "--table", "jsonl")
    assert_clean_error(proc, "refusing to overwrite input", str(edition))
    assert edition.read_bytes() == gen["report"].read_bytes()
    assert sorted(p.relative_to(out) for p in out.rglob("*")) == before


def test_progress_off_a_terminal_is_plain_lines(gen, tmp_path):
    """`--progress` with stderr not a terminal (a CI log): plain `progress:` lines, as `compare` prints."""
    proc = run_cli("batch", _pairs(tmp_path, gen), "-o", tmp_path / "out", "--progress", "--no-cache", "-j", "1",
                   "--table", "jsonl")
    assert proc.returncode == 0, proc.stderr
    lines = proc.stderr.splitlines()
    assert lines and all(line.startswith("progress: ") and line.endswith(" s)") for line in lines), proc.stderr
    assert any("1/1 items" in line for line in lines) and lines[-1].startswith("progress: done (")


def test_an_item_whose_outputs_were_deleted_is_redone(gen, tmp_path):
    """A record whose report is gone no longer holds: the item is redone (the index links its report)."""
    out = tmp_path / "out"
    items = read_manifest(_pairs(tmp_path, gen))
    assert run(items, out, jobs=1, table="jsonl").done == ["ok"]
    (out / "ok.html").unlink()
    again = run(items, out, jobs=1, table="jsonl")
    assert again.done == ["ok"] and again.unchanged == []
    assert (out / "ok.html").is_file()


def _run_item_or_crash(item, options, previous=None):
    """`run_item`, but the item "crash" ends its process as a segfault would, with nothing sent back (a module's
    function: the pool's workers receive it by name)."""
    if item.id == "crash":
        os._exit(139)
    return _real_run_item(item, options, previous)


@pytest.mark.parametrize("jobs", [1, 2])
def test_an_item_that_kills_its_process_fails_alone(gen, tmp_path, monkeypatch, jobs):
    """A reviewer's finding: a PDF that crashes the reader (a fault in PDFium, the out-of-memory killer) killed
    a pool worker, and concurrent.futures then failed every item still waiting ("BrokenProcessPool"); in this
    process (one job) it ended the batch. Each item now runs in a process of its own."""
    from reportdiff import batches

    monkeypatch.setattr(batches, "run_item", _run_item_or_crash)
    manifest = _pairs(tmp_path, gen, ("crash", gen["report"], gen["report2"]), ("ok2", gen["report2"], gen["report"]),
                      ("ok3", gen["report"], gen["report2"]))
    result = run(read_manifest(manifest), tmp_path / "out", jobs=jobs, table="jsonl")
    assert sorted(result.done) == ["ok", "ok2", "ok3"] and list(result.failed) == ["crash"]
    assert "ended without a result" in result.failed["crash"]


def test_a_huge_jobs_count_is_clamped_to_the_items(gen, tmp_path):
    """`--jobs` beyond any machine, as `compare --jobs` takes it: no more processes than items to compare."""
    out = tmp_path / "out"
    proc = run_cli("batch", _pairs(tmp_path, gen), "-o", out, "--jobs", "99999999999999999999", "--table", "jsonl")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "1 items: 1 compared, 0 unchanged since the last run"
    assert (out / "ok.html").is_file()


@pytest.mark.parametrize("options,words", [({"max_pages": 0}, "--max-pages must be at least 1 (got 0)"),
                                           ({"table": "parquet"}, "needs pyarrow")])
def test_options_that_would_fail_every_item_are_refused_first(gen, tmp_path, monkeypatch, options, words):
    """A reviewer's finding: --max-pages 0 failed each item in turn (exit 1, the same error per item), and a
    Parquet table without pyarrow was found missing after every item had run."""
    from reportdiff import batches

    monkeypatch.setattr(batches, "_has_pyarrow", lambda: False)
    with pytest.raises(UsageError, match=re.escape(words)):
        run(read_manifest(_pairs(tmp_path, gen)), tmp_path / "out", jobs=1, **options)
    assert not (tmp_path / "out").exists()


def test_a_bad_jobs_count_through_the_library_writes_nothing(gen, tmp_path):
    with pytest.raises(UsageError) as e:
        run(read_manifest(_pairs(tmp_path, gen)), tmp_path / "out", jobs=0)
    assert "jobs" in str(e.value) and not (tmp_path / "out").exists()


@pytest.mark.parametrize("name,text", [
    ("m.json", '{"id": "m", "old": "a.pdf", "new": "b.pdf"}\n'),                      # JSON Lines
    ("m.json", '[{"id": "m", "old": "a.pdf", "new": "b.pdf"},\n {"series": ["a", "b", "c"]}]\n'),   # an array
    ("m.json", '{\n  "id": "m",\n  "old": "a.pdf",\n  "new": "b.pdf"\n}\n'),             # one object, indented
    ("manifest", '# made by a script\n{"id": "m", "old": "a.pdf", "new": "b.pdf"}\n'),  # told by its content
    # a comment before an array (code review: it was told JSON, then read as JSON Lines: "line 2 is not JSON")
    ("m.json", '# my batch\n[\n {"id": "m", "old": "a.pdf", "new": "b.pdf"}\n]\n'),
])
def test_json_manifests(tmp_path, name, text):
    m = tmp_path / name
    m.write_text(text)
    items = read_manifest(m)
    assert (items[0].id, items[0].kind) == ("m", "pair")
    assert items[0].editions == (str(tmp_path / "a.pdf"), str(tmp_path / "b.pdf"))
    assert [i.kind for i in items[1:]] in ([], ["series"])


@pytest.mark.parametrize("name,text,words", [
    ("m.json", '[{"old": "a.pdf", "new": "b.pdf"}\n {"old": "c.pdf", "new": "d.pdf"}]\n',
     ["m.json", "not valid JSON", "line 2"]),                                          # a comma missing
    ("m.json", '[{"old": "a.pdf", "new": "b.pdf"}, "c.pdf"]\n', ["m.json item 2", "not an object"]),
    ("m.json", '{"old": "a.pdf", "new": "b.pdf"}\n{"old": \n', ["m.json line 2", "not JSON"]),
    ("m.txt", "[" * 100000, ["m.txt", "not valid JSON"]),      # not *.json: the schema hook would choke on it
    ("m.jsonl", '\n\n{\n "old": "a.pdf",\n "new": 5\n}\n', ["m.jsonl line 3"]),      # where the object starts
])
def test_bad_json_manifests_are_one_line(tmp_path, name, text, words):
    m = tmp_path / name
    m.write_text(text)
    assert_clean_error(run_cli("batch", m, "-o", tmp_path / "o"), *words)
    assert not (tmp_path / "o").exists()


def test_a_manifest_that_is_an_output_is_refused(gen, tmp_path):
    """`out/x.json` listing the item `x`, run into `out/`: x's JSON would replace the manifest."""
    out = tmp_path / "out"
    out.mkdir()
    manifest = out / "x.json"
    text = json.dumps({"id": "x", "old": str(gen["report"]), "new": str(gen["report2"])}) + "\n"
    manifest.write_text(text)
    assert_clean_error(run_cli("batch", manifest, "-o", out, "-j", "1"), "refusing to overwrite input", "x.json")
    assert manifest.read_text() == text and [p.name for p in out.iterdir()] == ["x.json"]


def test_a_manifest_on_a_pipe_is_read_once(gen, tmp_path):
    """A code review: the command read the manifest, then `run` read it again; a pipe (`<(…)`, /dev/stdin) was
    empty the second time ("lists no pairs or series", exit 2)."""
    rows = f"id,old,new\nok,{gen['report']},{gen['report2']}\n"
    proc = subprocess.run(cli_command() + ["batch", "/dev/stdin", "-o", str(tmp_path / "out"), "-j", "1",
                                           "--table", "jsonl"], input=rows, capture_output=True, text=True,
                          env=CLI_ENV, timeout=300)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("1 items: 1 compared") and (tmp_path / "out" / "ok.html").is_file()


def test_an_output_over_an_input_is_refused_before_a_cluster_starts(gen, tmp_path, monkeypatch):
    """A code review: `--scheduler local` started its Dask cluster before run() refused the overwrite."""
    from typer.testing import CliRunner
    from reportdiff import cli

    def no_cluster(*args, **kwargs):
        raise AssertionError("a cluster was started")

    monkeypatch.setattr(cli, "_dask_executor", no_cluster)
    out = tmp_path / "out"
    out.mkdir()
    (out / "x.html").write_bytes(gen["report"].read_bytes())
    manifest = out / "m.csv"
    manifest.write_text(f"id,old,new\nx,x.html,{gen['report2']}\n")
    result = CliRunner().invoke(cli.app, ["batch", str(manifest), "-o", str(out), "--scheduler", "local"])
    assert result.exit_code == 2 and "refusing to overwrite input" in result.output, result.output


def _listener(reply: bytes | None):
    """A port on 127.0.0.1 that accepts connections and says nothing (reply None) or answers `reply` to whatever
    it is sent; (port, stop). `stop` ends its thread: a thread left running makes this test process one that no
    longer forks (reportdiff._fork then uses forkserver, which cannot take later tests' monkeypatched targets)."""
    import socket
    import threading

    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(8)
    server.settimeout(0.1)            # closing a socket does not wake a thread blocked in accept(): poll instead
    held, done = [], threading.Event()

    def serve():
        while not done.is_set():
            try:
                conn, _ = server.accept()
            except (socket.timeout, OSError):
                continue
            held.append(conn)
            if reply is not None:
                try:
                    conn.settimeout(5)
                    conn.recv(1024)
                    conn.sendall(reply)
                except OSError:
                    pass

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()

    def stop():
        done.set()
        thread.join(10)
        server.close()
        for conn in held:
            conn.close()
    return server.getsockname()[1], stop


# Run as a subprocess: the probe starts Dask's threads (its offload pool stays), and a test process with threads
# forks no more (reportdiff._fork then uses forkserver, which cannot take the later tests' monkeypatched targets).
@pytest.mark.parametrize("reply", [pytest.param(None, marks=pytest.mark.slow),
                                   b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<html>a web page</html>"],
                         ids=["silent", "web-server"])
def test_a_scheduler_address_that_is_no_dask_scheduler_is_refused_in_time(gen, tmp_path, reply):
    """A robustness sweep: a port that accepts and never speaks Dask held `batch --scheduler` for good (Client's
    timeout bounds the connection only), and a web server's reply, read as a Dask frame, ended as "out of memory
    while reading the input". Both are one line within the scheduler timeout (10 s), and nothing is written."""
    import time

    from reportdiff import cli

    port, stop = _listener(reply)
    started = time.monotonic()
    try:
        proc = run_cli("batch", _pairs(tmp_path, gen), "-o", tmp_path / "out", "--scheduler",
                       f"tcp://127.0.0.1:{port}", timeout=120)
    finally:
        stop()
    assert time.monotonic() - started < cli.SCHEDULER_TIMEOUT + 20
    line = assert_clean_error(proc, f"could not reach the Dask scheduler at tcp://127.0.0.1:{port}")
    assert ("not as a Dask scheduler" in line) == (reply is not None)
    assert not (tmp_path / "out").exists()


def test_a_tls_scheduler_without_tls_settings_is_told_so(gen, tmp_path):
    """tls:// with no certificates in Dask's configuration: said in words, not "not a Dask scheduler" (a code
    review: the probe first connected without Dask's TLS settings at all, and refused every TLS scheduler)."""
    port, stop = _listener(None)
    try:
        proc = run_cli("batch", _pairs(tmp_path, gen), "-o", tmp_path / "out", "--scheduler",
                       f"tls://127.0.0.1:{port}", timeout=120)
    finally:
        stop()
    assert_clean_error(proc, "tls:// needs Dask's TLS settings")


def test_a_stray_quote_in_a_csv_manifest_is_refused_at_its_line(tmp_path):
    """A robustness sweep: an unterminated quote made the rest of a CSV manifest one cell, and the batch ran on
    garbled items. It is refused at the line where the quote opens; a quote doubled inside a quoted cell is kept."""
    manifest = tmp_path / "m.csv"
    manifest.write_text('old,new\na.pdf,b.pdf\n"c.pdf,d.pdf\ne.pdf,f.pdf\n')
    with pytest.raises(UsageError, match=r"m\.csv line 3: a quote"):
        read_manifest(manifest)
    # with more than 128 KiB after it, the csv module gives up first ("field larger than field limit")
    manifest.write_text('old,new\n"c.pdf,d.pdf\n' + "".join(f"e{k}.pdf,f{k}.pdf\n" for k in range(10_000)))
    with pytest.raises(UsageError, match=r"m\.csv line 2: a quote"):
        read_manifest(manifest)
    manifest.write_text('old,new\n# a note\n\n"x ""y"".pdf",b.pdf\n')
    [item] = read_manifest(manifest)
    assert Path(item.editions[0]).name == 'x "y".pdf'
