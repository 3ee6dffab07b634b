"""Paragraph numbers against lists numbered afresh, an OCR'd masthead date and a bold paragraph's last line, on
generated pages."""
from __future__ import annotations

from contextlib import contextmanager

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

import reportdiff
from reportdiff.pdf.masthead import parse_date

from pdfgen import free_layout

T, TB, C = "Times-Roman", "Times-Bold", "Courier"


def _compilation(path):
    """Two parts of a compilation (E/C.2/2025/2/Add.3's layout): part 1 has a list 1.-2. where paragraph numbers
    would stand, part 2 (next page) a list 1.-4. set at the same place: its "3." and "4." are the list's."""
    page1 = [(72, 780, 10, T, "United Nations                                   E/C.2/2099/1"),
             (72, 760, 10, T, "Distr.: General  1 January 2099"),
             (72, 700, 12, TB, "1.   First organization"),
             (100, 670, 10, T, "The organization has initiated several projects:"),
             (100, 650, 10, T, "1.    Madagascar: a local pact on commitment to sustainable development."),
             (100, 635, 10, T, "2.    All entities: social pacts on voluntary community engagement.")]
    page2 = [(72, 780, 12, TB, "2.   Second organization"),
             (100, 750, 10, T, "1.    The organization has continued its project of football tournaments."),
             (100, 735, 10, T, "2.    Each year, the organization distributes footballs in villages."),
             (100, 720, 10, T, "3.    The organization has established a football team for young people."),
             (100, 705, 10, T, "4.    The organization has launched a tree-planting project in the villages.")]
    return free_layout(path, [page1, page2], pagesize=A4)


def test_a_list_numbered_afresh_keeps_its_numbers(tmp_path):
    ed = reportdiff.load(_compilation(tmp_path / "c.pdf"), cache=False, workers=1)
    assert [p.number for p in ed.paragraphs if p.number] == ["1", "2"]
    text = " ".join(p.text for p in ed.paragraphs if not p.number)
    assert "3. The organization has established" in text and "4. The organization has launched" in text


def test_ocr_letters_in_a_masthead_day():
    """An OCR'd typescript reads "l6 avril 1980" (E/ICEF/672 (Part II)); the month between day and year makes it
    a date. A letter with no digit beside it is no day."""
    assert parse_date("l6 avril 1980") == "1980-04-16"
    assert parse_date("2O June 1948") == "1948-06-20"
    assert parse_date("Il June 1948") is None


def _justified(c, x: float, y: float, text: str, width: float, font: str, size: float = 10,
               number: str | None = None, runs_on: bool = False) -> float:
    """Draw `text` as a justified paragraph (its last line ragged), the number in the margin; the y below it.
    `runs_on`: the paragraph goes on in another type on the next line (the last line is justified too, and no
    space follows)."""
    from reportlab.lib.utils import simpleSplit

    if number:
        c.setFont(T, size)
        c.drawString(x - 36, y, f"{number}.")
    c.setFont(font, size)
    lines = simpleSplit(text, font, size, width)
    for k, line in enumerate(lines):
        words = line.split()
        if (k == len(lines) - 1 and not runs_on) or len(words) == 1:
            c.drawString(x, y, line)
        else:
            gap = (width - sum(c.stringWidth(w, font, size) for w in words)) / (len(words) - 1)
            xx = x
            for w in words:
                c.drawString(xx, y, w)
                xx += c.stringWidth(w, font, size) + gap
        y -= size * 1.2
    return y if runs_on else y - size * 0.8


def _heading_lines(c, x: float, y: float, lines: list[str], size: float, leading: float) -> None:
    """Bold lines one under the other, `leading` points apart (baseline to baseline)."""
    c.setFont(TB, size)
    for k, line in enumerate(lines):
        c.drawString(x, y - k * leading, line)


def _heading(c, y: float, label: str, title: str) -> None:
    c.setFont(TB, 12)
    c.drawString(72, y, label)
    c.drawString(108, y, title)


@contextmanager
def _report_pages(path, symbol: str, title: str | None = None):
    """A report drawn in the body of the `with` block: a plain masthead (organ, symbol, distribution, date) on
    its first page, and the title in large bold type when given; the body may turn pages (`c.showPage()`); the
    last page is closed and the file saved after."""
    c = canvas.Canvas(str(path), invariant=1)
    c.setFont(T, 10)
    c.drawString(72, 780, "United Nations")
    c.drawString(420, 780, symbol)
    c.drawString(420, 766, "Distr.: General")
    c.drawString(420, 752, "2 May 2099")
    if title:
        c.setFont(TB, 16)
        c.drawString(108, 724, title)
    yield c
    c.showPage()
    c.save()


def test_a_bold_paragraph_keeps_its_short_last_line(tmp_path):
    """CEB/2025/4 sets each "Conclusion" paragraph in bold: its short last line ("organized crime.") stands close
    below a full bold line and is that paragraph's end, not a heading."""
    path = tmp_path / "bold.pdf"
    with _report_pages(path, "CEB/2099/4") as c:
        _heading(c, 700, "I.", "Transnational organized crime")
        x, width = 108, 360
        y = _justified(c, x, 676, "The Committee heard a presentation on the dimensions of transnational organized "
                       "crime and on how the entities of the system could prevent it together, drawing on the work "
                       "of the regional commissions and of the Office on Drugs and Crime.", width, T, number="1")
        c.setFont(TB, 10)
        c.drawString(x, y - 4, "Conclusion")
        y = _justified(c, x, y - 22, "The Committee decided to convene a virtual intersessional meeting in June to "
                       "consider the draft conceptual framework capturing the dimensions of transnational organized "
                       "crime and the outline of a common approach to prevent and address transnational "
                       "organized crime.", width, TB, number="2")
        _heading(c, y - 16, "II.", "Climate change")
        _justified(c, x, y - 40, "The Committee considered the common messages of the system for the sessions of the "
                   "Conference of the Parties and thanked the working group that had prepared them.",
                   width, T, number="3")
    ed = reportdiff.load(path, cache=False, workers=1)
    assert [s.title for s in ed.sections] == ["Transnational organized crime", "Conclusion", "Climate change"]
    assert [p.number for p in ed.paragraphs] == ["1", "2", "3"]
    assert ed.paragraphs[1].text.endswith("to prevent and address transnational organized crime.")


def test_a_bold_lettered_list_after_a_colon_stays_in_its_paragraph(tmp_path):
    """The Advisory Committee's conclusion (A/79/7/Add.13): "… recommends that the General Assembly:" and then the
    items "(a) Take note …;" "(b) Approve …;" in bold. They are the paragraph's list, not headings "(a)", "(b)"."""
    path = tmp_path / "acabq.pdf"
    with _report_pages(path, "A/99/7/Add.1") as c:
        _heading(c, 700, "V.", "Conclusion")
        x, width = 108, 360
        y = _justified(c, x, 676, "The recommendations of the Secretary-General on proposed actions to be taken by "
                       "the General Assembly are contained in paragraph 107 of his report.", width, T, number="1",
                       runs_on=True)
        y = _justified(c, x, y, "Subject to its observations above, the Advisory Committee recommends that the "
                       "General Assembly:", width, TB)
        y = _justified(c, x + 24, y, "(a) Take note of the report of the Secretary-General;", width - 24, TB)
        y = _justified(c, x + 24, y, "(b) Approve the establishment of three additional temporary positions for "
                       "project management under section 29D of the proposed programme budget for 2099.",
                       width - 24, TB)
        _justified(c, x, y - 10, "The Committee trusts that the Secretary-General will report on the project in his "
                   "next progress report.", width, T, number="2")
    ed = reportdiff.load(path, cache=False, workers=1)
    assert [s.title for s in ed.sections] == ["Conclusion"]
    assert [p.number for p in ed.paragraphs] == ["1", "2"]
    assert ed.paragraphs[0].text.endswith("recommends that the General Assembly: (a) Take note of the report of the "
                                          "Secretary-General; (b) Approve the establishment of three additional "
                                          "temporary positions for project management under section 29D of the "
                                          "proposed programme budget for 2099.")


def _bold_lines(c, x: float, y: float, lines: list[str], leading: float = 12) -> None:
    c.setFont(TB, 10)
    for k, text in enumerate(lines):
        c.drawString(x, y - k * leading, text)


def test_a_bold_lead_in_over_its_list_is_no_heading(tmp_path):
    """The Monitoring Team's "The Monitoring Team recommends:" in bold over the recommendations it opens was read
    as a section of its own; a bold heading that goes on past its colon on the next line stays a heading."""
    path = tmp_path / "leadin.pdf"
    with _report_pages(path, "S/2099/482") as c:
        _heading(c, 700, "V.", "Recommendations")
        x, width = 108, 360
        _bold_lines(c, x, 680, ["The Monitoring Team recommends:"])
        y = _justified(c, x, 664, "The Committee should write to Member States to remind them of the exemption "
                       "procedures set out in its guidelines.", width, T, number="1")
        _bold_lines(c, x, y - 14, ["Economic and environmental questions:", "geospatial information"])
        _justified(c, x, y - 46, "The Group of Experts met in New York and adopted twenty decisions.", width, T,
                   number="2")
    ed = reportdiff.load(path, cache=False, workers=1)
    assert [s.title for s in ed.sections] == ["Recommendations", "Economic and environmental questions: geospatial "
                                                                 "information"]
    assert ed.paragraphs[0].text == "The Monitoring Team recommends:"
    assert [p.number for p in ed.paragraphs] == [None, "1", "2"]


def test_bold_bullets_are_items_not_headings(tmp_path):
    """The system's common messages (CEB/2025/4, annex III) and UNDP's highlights (DP/2025/12) set bulleted items
    in bold: a line that starts with a bullet is a list's item, never a heading."""
    path = tmp_path / "bullets.pdf"
    with _report_pages(path, "CEB/2099/4", title="Common messages of the system") as c:
        c.setFont(TB, 12)
        c.drawString(72, 680, "Key messages")
        x, width = 108, 360
        y = 656
        for item in ("Climate action yields significant returns, creating jobs, investment and business "
                     "opportunities in every region.", "Building resilience and reducing emissions means "
                     "independence and security for countries that import their fuel."):
            c.setFont(TB, 10)
            c.drawString(x - 14, y, "•")
            y = _justified(c, x, y, item, width, TB)
    ed = reportdiff.load(path, cache=False, workers=1)
    assert [s.title for s in ed.sections] == ["Key messages"]
    starts = ["• Climate action yields signif", "• Building resilience and redu"]
    assert [p.text[:30] for p in ed.paragraphs] == starts


def test_a_heading_line_in_small_letters_continues_the_heading(tmp_path):
    """No heading starts with a small letter: a bold heading set with double spacing (TD/B/CN.4/36, 1970s) and an
    italic one whose first line ends with a comma (E/HLPF/2025/6) are one heading each, not two."""
    TI = "Times-Italic"
    path = tmp_path / "wraps.pdf"
    with _report_pages(path, "TD/B/CN.99/36", title="Report of the Committee on Shipping") as c:
        x, width = 108, 360
        _heading_lines(c, x, 680, ["Review of activities in the fields of shipping, ports,",
                                   "maritime legislation and multimodal transport"], size=10, leading=20)
        y = _justified(c, x, 636, "The Committee reviewed the activities of the secretariat in the fields of "
                       "shipping, ports and multimodal transport since its last session.", width, T, number="1")
        c.setFont(TI, 10)
        c.drawString(x, y - 6, "Special event of the inter-agency task team to celebrate a decade of science,")
        c.drawString(x, y - 18, "technology and innovation for the Sustainable Development Goals")
        _justified(c, x, y - 36, "Participants in this special event marked the tenth anniversary of the forum and "
                   "its contribution to the work of the Committee.", width, T, number="2")
    ed = reportdiff.load(path, cache=False, workers=1)
    assert [s.title for s in ed.sections] == [
        "Review of activities in the fields of shipping, ports, maritime legislation and multimodal transport",
        "Special event of the inter-agency task team to celebrate a decade of science, technology and innovation "
        "for the Sustainable Development Goals"]
    assert [(p.number, p.section) for p in ed.paragraphs] == [("1", ed.sections[0].id), ("2", ed.sections[1].id)]


def test_a_status_line_above_a_heading_is_not_its_first_line(tmp_path):
    """E/C.2/2025/2/Add.3 sets each organization's consultative status in bold ("Special, 2020") half a line
    above its first heading ("Introduction"): two lines of one style, but further apart than a heading's wrapped
    lines stand, so two headings, not "Special, 2020 Introduction". A heading that wraps stays one."""
    path = tmp_path / "status.pdf"
    with _report_pages(path, "E/C.99/2099/2", title="Quadrennial reports of organizations") as c:
        x, width = 108, 360
        c.setFont(TB, 12)
        c.drawString(72, 690, "1.   First organization")
        _heading_lines(c, x, 664, ["Special, 2020", "Introduction"], size=10, leading=18)
        y = _justified(c, x, 630, "The board of the organization met at its headquarters to finalize the "
                       "quadrennial report. The meeting was attended by the President of the organization, the "
                       "Vice-President, the Secretary-General and the other members of the board of directors, "
                       "who reviewed the activities of the period and the accounts of each of its four years, "
                       "and adopted the report for transmission to the Committee.", width, T)
        c.setFont(TB, 10)
        c.drawString(x, y - 8, "Contribution of the organization to the work of the United Nations and of")
        c.drawString(x, y - 20, "its specialized agencies")
        _justified(c, x, y - 36, "The organization took part in the sessions of the Commission on the Status of "
                   "Women and of the Human Rights Council, where its representatives made oral statements on the "
                   "rights of disadvantaged children and on the education of girls, and organized two side events "
                   "with the support of the permanent missions of several Member States.", width, T)
    ed = reportdiff.load(path, cache=False, workers=1)
    assert [s.title for s in ed.sections] == [
        "First organization", "Special, 2020", "Introduction",
        "Contribution of the organization to the work of the United Nations and of its specialized agencies"]


def test_a_heading_in_larger_type_wraps_at_its_own_leading(tmp_path):
    """A heading in 12 pt set on 18 pt lines, its second line capitalised, is one heading: the space that parts two
    headings is measured against the heading's own size, not only the body's (a code review of the rule above)."""
    path = tmp_path / "wrap12.pdf"
    with _report_pages(path, "S/2099/3", title="Report of the Secretary-General") as c:
        x, width = 108, 360
        _heading_lines(c, x, 680, ["Situation concerning the Democratic Republic of the",
                                   "Congo and the Great Lakes Region"], size=12, leading=18)
        _justified(c, x, 640, "The Council was briefed on the situation in the east of the country, where armed "
                   "groups continued to attack civilians, and on the efforts of the region's leaders to agree on "
                   "a framework for peace, security and cooperation, which the Special Envoy supported throughout "
                   "the period under review with visits to the capitals concerned.", width, T, number="1")
    ed = reportdiff.load(path, cache=False, workers=1)
    assert [s.title for s in ed.sections] == [
        "Situation concerning the Democratic Republic of the Congo and the Great Lakes Region"]


def _masthead_1948(path):
    """A 1948 masthead: the organ's name in large type, and at its right, one above the other in smaller type, the
    date and "ORIGINAL: ENGLISH" within the height of the large line; no symbol the OCR could read."""
    page = [(424, 792, 10, T, "TfflEESTSICEED"),          # "UNRESTRICTED" as the OCR read it
            (69, 770, 19, TB, "United Nations        Nations Unies"),
            (69, 740, 19, TB, "ECONOMIC        CONSEIL"),
            (424, 748, 13, T, "3 June 19k8"),
            (424, 737, 13, T, "OBIGIHALS EMSLISI"),      # "ORIGINAL: ENGLISH", misread
            (69, 715, 19, TB, "SOCIAL COUNCIL        ET SOCIAL"),
            (72, 660, 12, T, "COMMISSION ON HUMAN RIGHTS"),
            (72, 630, 12, T, "1. Every one charged with a penal offence is presumed to be innocent until proved"),
            (72, 616, 12, T, "guilty in a public trial at which he has had the guarantees necessary to his defence.")]
    return free_layout(path, [page])


def test_a_masthead_column_beside_large_type_is_read_line_by_line(tmp_path):
    """The date and the "ORIGINAL" line beside the large "ECONOMIC CONSEIL" are two lines, not letters interleaved
    with it; the OCR's "19k8" is 1948; the file's name gives the symbol the page does not; the misread distribution
    stamp above the masthead is the masthead's, not text."""
    ed = reportdiff.load(_masthead_1948(tmp_path / "E_CN.4_999.pdf"), cache=False, workers=1)
    assert ed.date == "1948-06-03" and ed.symbol == "E/CN.4/999"
    assert ed.paragraphs[-1].text.startswith("Every one charged with a penal offence")
    assert not any("Tffl" in p.text or "United Nations" in p.text for p in ed.paragraphs)   # the masthead's
    unnamed = reportdiff.load(_masthead_1948(tmp_path / "scan.pdf"), cache=False, workers=1)
    assert unnamed.symbol is None and unnamed.date == "1948-06-03"


def test_ocr_marks_in_a_masthead_year():
    assert parse_date("3 June 19k8") == "1948-06-03"
    assert parse_date("17 June 19^8") == "1948-06-17"
    assert parse_date("12 March 1801") is None          # no UN document is that old: a misread, not a date


def test_a_paragraph_that_ends_at_a_page_foot(tmp_path):
    """A paragraph whose last line stops short at the foot of a page has ended: the next page's first line starts
    a paragraph of its own (S/2025/194's "In addition, resolution 2753 requested …"; ICCD/COP(8)/CST/INF.1's
    "3.6 Dr Clarke …"). One whose full last line runs over the page goes on."""
    path = tmp_path / "pages.pdf"
    with _report_pages(path, "S/2099/194") as c:
        x, width = 108, 360
        _justified(c, x, 110, "The Mission was also mandated to complete, by 31 October, the transfer of some tasks "
                   "to the national authorities as set out in the table below.", width, T)
        c.showPage()
        _justified(c, x, 700, "In addition, the Council requested a road map for delivering the first phase of the "
                   "transition of the tasks to the national authorities and the country team.", width, T)
        _justified(c, x, 110, "The Mission continued to support the national authorities in planning the handover "
                   "of the remaining tasks and in preparing the", width, T, runs_on=True)
        c.showPage()
        _justified(c, x, 700, "Budget of the transition, which the Government presented to its partners in March.",
                   width, T)
    ed = reportdiff.load(path, cache=False, workers=1)
    starts = [p.text[:30] for p in ed.paragraphs]
    assert starts == ["The Mission was also mandated ", "In addition, the Council reque",
                      "The Mission continued to suppo"]
    assert ed.paragraphs[2].text.endswith("in preparing the Budget of the transition, which the Government presented "
                                          "to its partners in March.")



def _ragged_points(path):
    """A 1990s typescript's annex (A/52/826's layout): points set in from the margin, ragged on the right, with
    no space between a point's lines. Point 4's third line stops short because "relations" would not have fitted
    after "worsened"; under point 5, a short line whose successor's first word would have fitted after it: that
    one ended its paragraph."""
    def line(y, text, x=100):
        return (x, y, 10, C, text)

    point4 = ["4.   The involvement of outside powers in moral and material support to",
              "the objectives of various groups has exacerbated the tragedy of their",
              "country. It has raised suspicions among its people and worsened",
              "relations among outside powers. It has not led to any of the groups in",
              "achieving their objectives, however long the fighting has continued."]
    point5 = ["5.   Therefore, the Eight have concluded that the time has come for all",
              "Members to press their friends to recognize that there can never be a",
              "military solution to the conflict, which has lasted for far too long.",
              "Kabul, 3 March.",
              "The talks were held at the invitation of the Government of Pakistan."]
    shortest_full = min(len(t) for t in point4 + point5 if len(t) > 67)
    assert len(point4[2]) + 1 + len("relations") > shortest_full       # Courier: every letter 6 points wide
    page = [(72, 780, 10, T, "United Nations                                   A/52/999"),
            (72, 760, 10, T, "Distr.: General  1 January 1998"),
            (72, 700, 10, C, "Since October 1997, the Secretariat has convened in New York several")]
    intro = ["meetings of a group of eight countries, the six neighbours of the country",
             "and two other Member States. The group agreed that the United Nations",
             "and the eight Member States involved should be engaged with all of the",
             "parties, individually and collectively, and that in its meetings with",
             "these parties the following points should be made by the United Nations",
             "and by all the members of the group of eight countries concerned:"]
    intro += [""] + intro                          # the page's margin (x = 72) holds most of its lines
    page += [(72, 688 - 12 * k, 10, C, text) for k, text in enumerate(intro) if text]
    y = 520
    for block in (point4, point5):
        for text in block:
            page.append(line(y, text))
            y -= 12
        y -= 12
    return free_layout(path, [page], pagesize=A4)


def test_ragged_lines_set_in_wrap_where_the_next_word_would_not_fit(tmp_path):
    """A short line of ragged-right text set in from the margin ends its paragraph only where the next line's
    first word would have fitted after it: point 4 is one paragraph; the short "Kabul, 3 March." ends one."""
    ed = reportdiff.load(_ragged_points(tmp_path / "A_52_999.pdf"), cache=False, workers=1)
    texts = [p.text for p in ed.paragraphs]
    assert any(t.startswith("4. The involvement") and t.endswith("however long the fighting has continued.")
               for t in texts)
    assert texts[-1] == "The talks were held at the invitation of the Government of Pakistan."
    assert texts[-2].endswith("for far too long. Kabul, 3 March.")
