"""A report made by another producer: Chromium's print to PDF (Skia/PDF), the way a web page or an HTML-built
report reaches readers. Justified lines stretch the spaces between words, the footer holds a job number and a
page marker, a running symbol heads pages after the first; the edition must read back exactly what was laid out,
by both engines."""
from __future__ import annotations

import html

import pytest

from reportdiff.pdf.extract import read_pages
from reportdiff.pdf.structure import build_edition

pytestmark = pytest.mark.browser

SYMBOL, DATE = "S/2099/55", "14 March 2099"
TITLE = "Situation in Examplestan Report of the Secretary-General"
SECTIONS = [("I.", "Introduction"), ("II.", "Political developments"), ("III.", "Security situation"),
            ("IV.", "Observations")]
PARAGRAPHS = [
    "The present report is submitted pursuant to resolution 2999 (2098), by which the Security Council requested "
    "me to report every four months on the situation in Examplestan.",
    "It covers developments from 1 November 2098 to 28 February 2099 and the activities of the United Nations "
    "Integrated Office in Examplestan (UNIOE).",
    "On 3 December, the Presidential Council and the House of Representatives agreed on a road map towards "
    "elections, the first such agreement since 2091. The road map sets out 14 steps, including a unified budget "
    "of $106 million for the electoral commission.",
    "Tensions within the coalition persisted, however. On 19 January, the Minister of the Interior resigned, citing "
    "“irreconcilable differences” over the command of the north-east security forces.",
    "My Special Representative engaged with all parties, including in Port Azure, Al-Qamar and Dar es-Salem, to "
    "encourage them to implement the road map in good faith and without delay.",
    "The security situation remained volatile. The Office recorded 338 incidents affecting civilians, compared "
    "with 284 in the previous period, an increase of 19 per cent.",
    "Armed clashes between the Examplestan Armed Forces and the Coastal Brigades displaced an estimated 12,500 "
    "people in Wadi Sirr district, where access for humanitarian actors remained restricted.",
    "On 7 February, an improvised explosive device killed two peacekeepers near Camp Horizon. I condemn this "
    "attack in the strongest terms and call for those responsible to be brought to justice.",
    "Unexploded ordnance continued to pose a threat in the south-west: 41 civilians, including 17 children, were "
    "killed or injured by explosive remnants of war during the period.",
    "I welcome the agreement on the road map, which is a crucial step towards an inclusive, Examplestani-led and "
    "Examplestani-owned political process.",
    "I remain deeply concerned about the rise in violence against civilians and urge all parties to comply with "
    "their obligations under international humanitarian law.",
    "I call on Member States to fund the humanitarian response plan, which was only 22 per cent funded at the end "
    "of February, and I thank the staff of UNIOE for their dedication.",
]
STARTS = {0: 0, 2: 1, 5: 2, 9: 3}        # paragraph index -> the section that opens before it
JOB, PAGE_MARK = "99-01234", "Page marks"


def _html(font: str) -> str:
    body = []
    for k, text in enumerate(PARAGRAPHS):
        if k in STARTS:
            label, title = SECTIONS[STARTS[k]]
            body.append(f'<h2><span class="lab">{label}</span>{html.escape(title)}</h2>')
        body.append(f'<p><span class="num">{k + 1}.</span>{html.escape(text)}</p>')
    return f"""<!doctype html><html><head><meta charset="utf-8"><style>
@page {{ size: A4; margin: 25mm 22mm;
  @bottom-left {{ content: "{JOB}"; font-size: 8pt; }}
  @bottom-right {{ content: counter(page) "/" counter(pages); font-size: 8pt; }}
  @top-left {{ content: "{SYMBOL}"; font-size: 9pt; }} }}
@page :first {{ @top-left {{ content: none; }} }}
body {{ font-family: {font}; font-size: 12pt; line-height: 1.7; }}
.mast {{ display: flex; justify-content: space-between; border-bottom: 2px solid #000; font-size: 11pt; }}
.dist {{ text-align: right; }}
h1 {{ font-size: 14pt; margin: 18pt 0 12pt 0; }}
h2 {{ font-size: 11pt; margin: 14pt 0 6pt 36pt; }}
.lab, .num {{ display: inline-block; width: 36pt; margin-left: -36pt; }}
p {{ text-align: justify; margin: 0 0 12pt 36pt; }}
</style></head><body>
<div class="mast"><span>United Nations</span><span>{SYMBOL}</span></div>
<div class="dist">Security Council<br>Distr.: General<br>{DATE}<br><br>Original: English</div>
<h1>Situation in Examplestan<br>Report of the Secretary-General</h1>
{"".join(body)}
</body></html>"""


@pytest.fixture(scope="module", params=["serif", "sans-serif"])
def printed(browser, tmp_path_factory, request):
    """The report printed by Chromium, in the font family the system gives for `serif` or `sans-serif`."""
    d = tmp_path_factory.mktemp("skia")
    page = browser.new_page()
    try:
        page.set_content(_html(request.param))
        path = d / f"S_2099_55_{request.param}.pdf"
        page.pdf(path=str(path), prefer_css_page_size=True)
    finally:
        page.close()
    return path


@pytest.mark.parametrize("engine", ["pdfium", "pdfplumber"])
def test_a_chromium_printed_report_reads_back_exactly(printed, engine):
    ed = build_edition(read_pages(printed, engine=engine, workers=1), source=printed.name)
    assert ed.pages >= 2                               # the footer's marker, and the running symbol, recur
    assert (ed.symbol, ed.date, ed.title) == (SYMBOL, "2099-03-14", TITLE)
    assert [(s.label, s.title) for s in ed.sections] == SECTIONS
    assert [(p.number, p.text) for p in ed.paragraphs] == [(str(k), t) for k, t in enumerate(PARAGRAPHS, 1)]
    opens = {p.number: p.section for p in ed.paragraphs}
    assert [opens[str(k + 1)] for k in STARTS] == [s.id for s in ed.sections]
