"""Fixing identifiers in the case form without JavaScript: each "Apply" button posts the whole
form back, the page returns with that fix applied and every other word and choice the author
made kept, nothing saved; the Day 0 the first converted date sets rides along until the save
stores it on the case. The same panel serves the submit page, replies and the outcome."""

from __future__ import annotations

from datetime import date
from html.parser import HTMLParser

import pytest

from cases.models import Case, CaseStatus
from forums.models import Post
from tests.cases.conftest import CASE_VALUES, make_case

pytestmark = pytest.mark.django_db

FORM = {
    **CASE_VALUES,
    "tags": "ECG, syncope",
    "hide_diagnosis": "",  # unticked on purpose: a fix must not tick it again
    "history": "Collapsed on 12/03/2024 at a race.\r\nSeen by Dr Okafor.",
    "timeline": "Echo on 15/03/2024, discharged 20/03/2024.",
}


class Node:
    """An element of a parsed page: enough of a DOM for these assertions."""

    def __init__(self, tag: str, attrs: dict[str, str], parent: Node | None):
        self.tag, self.attrs, self.parent, self.children = tag, attrs, parent, []

    def __getitem__(self, name: str) -> str:
        return self.attrs[name]

    def get(self, name: str, default: str | None = None) -> str | None:
        return self.attrs.get(name, default)

    def get_text(self) -> str:
        return "".join(c if isinstance(c, str) else c.get_text() for c in self.children)

    text = property(get_text)

    def find_all(self, tag: str | None = None, **attrs: object) -> list[Node]:
        """Descendants with the tag and every attribute given (a value, True for present, or a
        callable on the value); ``class_`` matches one class."""
        found = []
        for child in self.children:
            if isinstance(child, str):
                continue
            if (tag is None or child.tag == tag) and all(
                _matches(child, name, want) for name, want in attrs.items()
            ):
                found.append(child)
            found.extend(child.find_all(tag, **attrs))
        return found

    def find(self, tag: str | None = None, **attrs: object) -> Node | None:
        return next(iter(self.find_all(tag, **attrs)), None)


def _matches(node: Node, name: str, want: object) -> bool:
    if name == "class_":
        return want in node.attrs.get("class", "").split()
    name = name.rstrip("_").replace("_", "-")
    if name not in node.attrs:
        return False
    value = node.attrs[name]
    return want is True or (want(value) if callable(want) else value == want)


VOID = {"input", "br", "meta", "link", "img", "hr", "source", "wbr"}


def _page(response) -> Node:
    root = Node("#document", {}, None)

    class Builder(HTMLParser):
        current = root

        def handle_starttag(self, tag, attrs):
            node = Node(tag, {k: v or "" for k, v in attrs}, self.current)
            self.current.children.append(node)
            if tag not in VOID:
                self.current = node

        def handle_startendtag(self, tag, attrs):
            self.current.children.append(Node(tag, {k: v or "" for k, v in attrs}, self.current))

        def handle_endtag(self, tag):
            node = self.current
            while node is not root and node.tag != tag:
                node = node.parent
            if node is not root:
                self.current = node.parent

        def handle_data(self, data):
            self.current.children.append(data)

    Builder(convert_charrefs=True).feed(response.content.decode())
    return root


def _form(soup: Node) -> Node:
    return soup.find("form", class_="case-form")


def _apply_buttons(soup: Node) -> dict[str, str]:
    """Apply button value by the text its fix replaces."""
    return {
        b["data-from"]: b["value"] for b in soup.find_all("button", name="apply", data_from=True)
    }


def _values(soup: Node) -> dict[str, str]:
    """What the form would post, as a browser would send it (submit buttons aside)."""
    form = _form(soup)
    fields = {t["name"]: t.get_text().removeprefix("\n") for t in form.find_all("textarea")}
    for i in form.find_all("input", name=True):
        if i.get("type") == "checkbox":
            if "checked" in i.attrs:
                fields[i["name"]] = i.get("value") or "on"
        elif i.get("type") != "submit":
            fields[i["name"]] = i.get("value", "")
    for select in form.find_all("select"):
        chosen = select.find("option", selected=True)
        fields[select["name"]] = chosen["value"] if chosen else ""
    return fields


def test_checking_a_new_case_shows_each_finding_with_its_fix_and_saves_nothing(client, reader):
    client.force_login(reader)
    response = client.post("/cases/new/", {**FORM, "action": "scan"})
    assert response.status_code == 200
    soup = _page(response)
    buttons = _apply_buttons(soup)
    assert set(buttons) >= {"12/03/2024", "15/03/2024", "20/03/2024", "Dr Okafor"}
    assert "Replace with “Day 0”" in soup.get_text()
    assert soup.find("p", id="fix-summary").find("a")["href"] == "#findings-heading"
    assert not Case.objects.exists()
    # Every control in the panel has a label.
    panel = soup.find("div", id="case-fixes")
    for control in panel.find_all("select") + panel.find_all("input"):
        assert soup.find("label", for_=control["id"]), control.attrs


def test_applying_one_fix_keeps_all_the_text_and_choices_and_sets_day_zero(client, reader):
    client.force_login(reader)
    soup = _page(client.post("/cases/new/", {**FORM, "action": "scan"}))
    key = _apply_buttons(soup)["12/03/2024"]
    response = client.post("/cases/new/", {**FORM, "apply": key})
    assert response.status_code == 200
    soup = _page(response)
    values = _values(soup)
    assert values["history"].strip() == "Collapsed on Day 0 at a race.\nSeen by Dr Okafor."
    assert values["timeline"].strip() == FORM["timeline"], "the other field is untouched"
    for name in ("title", "presenting_complaint", "examination", "diagnosis", "question"):
        assert values[name].strip() == FORM[name]
    assert values["tags"] == "ECG, syncope"
    assert (values["specialty"], values["age_band"]) == ("cardiology", "30-39")
    assert "hide_diagnosis" not in values, "an unticked box stays unticked"
    assert values["day_zero"] == "2024-03-12"
    assert (
        "Replaced “12/03/2024” with “Day 0” in History." in soup.find("p", class_="fix-status").text
    )
    assert not soup.find(class_="field-error"), "a fix is not a save: no form errors"
    assert not Case.objects.exists()

    # The other field's dates now count from that Day 0; then saving stores it.
    buttons = _apply_buttons(soup)
    data = {**values, "apply": buttons["15/03/2024"]}
    soup = _page(client.post("/cases/new/", data))
    values = _values(soup)
    assert values["timeline"].strip() == "Echo on Day +3, discharged 20/03/2024."
    values.pop("apply", None)
    response = client.post("/cases/new/", values)
    assert response.status_code == 302
    case = Case.objects.get(author=reader)
    assert case.day_zero == date(2024, 3, 12)
    assert case.history == "Collapsed on Day 0 at a race.\nSeen by Dr Okafor."


def test_a_name_becomes_the_role_picked_beside_it(client, reader):
    client.force_login(reader)
    data = {**FORM, "history": "John Smith collapsed. His wife, Mary Smith, called us."}
    soup = _page(client.post("/cases/new/", {**data, "action": "scan"}))
    buttons = _apply_buttons(soup)
    patient, wife = buttons["John Smith"], buttons["Mary Smith"]
    assert _values(soup)[f"role:{wife}"] == "name"
    assert _values(soup)[f"role:{patient}"] == "patient"
    response = client.post("/cases/new/", {**data, "apply": patient, f"role:{patient}": "patient"})
    history = _values(_page(response))["history"].strip()
    assert history == "The patient collapsed. His wife, Mary Smith, called us."


def test_apply_all_fixes_every_field_from_one_day_zero_and_fills_the_age_band(client, reader):
    client.force_login(reader)
    data = {
        **FORM,
        "age_band": "",
        "history": "DOB 03/04/1950. Admitted 12/03/2024, MRN: 12345678.",
        "timeline": "Discharged 10/03/2024 after a first visit.",
    }
    values = _values(_page(client.post("/cases/new/", {**data, "apply": "all"})))
    assert values["history"].strip() == "Aged 70 to 79 years. Admitted Day 0, [removed]."
    assert values["timeline"].strip() == "Discharged Day -2 after a first visit."
    assert values["age_band"] == "70-79"
    assert values["day_zero"] == "2024-03-12"


def test_a_fix_for_text_that_has_changed_is_refused_and_nothing_is_lost(client, reader):
    client.force_login(reader)
    response = client.post("/cases/new/", {**FORM, "apply": "history:999:1010"})
    assert response.status_code == 200
    soup = _page(response)
    assert "has changed since it was found" in soup.find("p", class_="fix-status").text
    assert _values(soup)["history"].strip() == FORM["history"].replace("\r\n", "\n")


def test_a_tampered_day_zero_is_no_day_zero_not_an_error(client, reader):
    client.force_login(reader)
    response = client.post("/cases/new/", {**FORM, "day_zero": "yesterday", "action": "scan"})
    assert response.status_code == 200
    assert _apply_buttons(_page(response))
    response = client.post("/cases/new/", {**FORM, "day_zero": "2024-02-30"})
    assert response.status_code == 302
    assert Case.objects.get(author=reader).day_zero is None


def test_save_errors_name_the_field_and_keep_the_text(client, reader):
    client.force_login(reader)
    response = client.post("/cases/new/", {**FORM, "title": ""})
    assert response.status_code == 200
    soup = _page(response)
    summary = soup.find("div", class_="errorlist", role="alert")
    link = summary.find("a", href="#id_title")
    assert link.text == "Title"
    assert "required" in summary.text
    assert _values(soup)["history"].replace("\r\n", "\n").strip() == FORM["history"].replace(
        "\r\n", "\n"
    )
    # The same empty title does not stop a fix, and shows no error while fixing.
    response = client.post("/cases/new/", {**FORM, "title": "", "apply": "all"})
    soup = _page(response)
    assert not soup.find(class_="errorlist")
    assert not soup.find(class_="field-error")


def test_the_page_script_gets_the_panel_alone_as_json(client, reader):
    client.force_login(reader)
    response = client.post(
        "/cases/new/", {**FORM, "apply": "all"}, headers={"X-Rounds-Fragment": "findings"}
    )
    assert response["Content-Type"] == "application/json"
    data = response.json()
    assert data["values"]["timeline"] == "Echo on Day +3, discharged Day +8."
    assert data["day_zero"] == "2024-03-12"
    assert data["values"]["history"] == "Collapsed on Day 0 at a race.\nSeen by [name]."
    assert data["count"] == 0
    assert "finds nothing" in data["html"]
    assert 'id="fix-summary" hidden' in data["summary"]


def test_editing_a_draft_shows_its_findings_counted_from_its_stored_day_zero(client, author):
    case = make_case(author, history="Relapsed 15/03/2024.")
    case.day_zero = date(2024, 3, 12)
    case.save()
    client.force_login(author)
    soup = _page(client.get(f"/cases/{case.pk}/edit/"))
    assert "Replace with “Day +3”" in soup.get_text()
    assert "Day 0 of this case is 12 March 2024" in soup.get_text()
    assert soup.find("input", name="day_zero")["value"] == "2024-03-12"
    assert not soup.find("input", name=lambda n: n.startswith("keep:")), (
        "a draft's reasons are asked on submit"
    )


def test_the_submit_page_counts_every_ticked_date_from_one_day_zero(client, author):
    case = make_case(
        author,
        history="Admitted 12/03/2024.",
        timeline="Echo 15/03/2024.",
        examination="Jane Doe was pale.",
    )
    client.force_login(author)
    soup = _page(client.get(f"/cases/{case.pk}/submit/"))
    ticks = [
        c["name"]
        for c in soup.find_all("input", type="checkbox", name=lambda n: n.startswith("fix:"))
    ]
    assert len(ticks) == 3
    role = soup.find("select", name=lambda n: n.startswith("role:"))
    response = client.post(
        f"/cases/{case.pk}/submit/",
        {**dict.fromkeys(ticks, "1"), role["name"]: "her-daughter"},
    )
    assert response.status_code == 200, "no consent yet: the page comes back"
    case.refresh_from_db()
    assert (case.history, case.timeline) == ("Admitted Day 0.", "Echo Day +3.")
    assert case.examination == "Her daughter was pale."
    assert case.day_zero == date(2024, 3, 12)
    assert case.status == CaseStatus.DRAFT


def test_a_reply_is_fixed_in_its_form_before_it_is_posted(client, published, reader):
    client.force_login(reader)
    body = "Saw the same in Mr John Smith, tel 0207 946 0958."
    response = client.post(f"/cases/{published.pk}/reply/", {"body": body})
    soup = _page(response)
    buttons = _apply_buttons(soup)
    assert buttons["Mr John Smith"].startswith("reply:")
    assert soup.find("button", value=buttons["Mr John Smith"])["data-input"] == "body"
    response = client.post(
        f"/cases/{published.pk}/reply/",
        {
            "body": body,
            "apply": buttons["Mr John Smith"],
            f"role:{buttons['Mr John Smith']}": "name",
        },
    )
    soup = _page(response)
    assert _values(soup)["body"].strip() == ("Saw the same in [name], tel 0207 946 0958.")
    assert published.thread.posts.count() == 1, "a fix posts nothing"
    response = client.post(
        f"/cases/{published.pk}/reply/", {"body": "Saw the same in [name].", "apply": "all"}
    )
    assert response.status_code == 200
    assert Post.objects.filter(thread=published.thread).count() == 1


def test_the_outcome_counts_from_the_case_day_zero(client, published, author):
    published.day_zero = date(2024, 3, 12)
    published.save()
    client.force_login(author)
    text = "Back at work by 12/04/2024."
    response = client.post(f"/cases/{published.pk}/outcome/", {"outcome": text, "apply": "all"})
    assert _values(_page(response))["outcome"].strip() == ("Back at work by Day +31.")


def test_the_forums_composer_names_the_fix_for_each_finding(client, published, reader):
    client.force_login(reader)
    body = "Like Mr John Smith on 12/03/2024, MRN 12345678, back on 15/03/2024."
    response = client.post(f"{published.thread.get_absolute_url()}reply/", {"body": body})
    assert response.status_code == 400
    html = response.content.decode()
    for finding, fix in [
        ("Mr John Smith", "the patient"),
        ("12/03/2024", "Day 0"),
        ("12345678", "[removed]"),
        ("15/03/2024", "Day +3"),
    ]:
        assert f"“{finding}” (suggested: “{fix}”)" in html, finding


def test_a_published_edit_offers_fixes_beside_the_reasons_and_saves_only_on_save(
    client, published, author
):
    client.force_login(author)
    url = f"/cases/{published.pk}/edit/"
    data = {**_values(_page(client.get(url))), "history": "Relapsed on 02/05/2024."}
    response = client.post(url, data)
    soup = _page(response)
    assert response.status_code == 200, "held: the date is neither fixed nor kept"
    assert soup.find("input", name="keep:history:DATE:02/05/2024")
    key = _apply_buttons(soup)["02/05/2024"]
    values = _values(_page(client.post(url, {**data, "apply": key})))
    assert values["history"] == "Relapsed on Day 0."
    published.refresh_from_db()
    assert published.history == CASE_VALUES["history"]
    assert client.post(url, values).status_code == 302
    published.refresh_from_db()
    assert published.history == "Relapsed on Day 0."
    assert published.day_zero == date(2024, 5, 2)
    assert published.revisions.count() == 1


def test_the_reply_script_gets_its_text_back_under_the_reply_input(client, published, reader):
    client.force_login(reader)
    response = client.post(
        f"/cases/{published.pk}/reply/",
        {"body": "Mr John Smith, seen 12/03/2024.", "apply": "all"},
        headers={"X-Rounds-Fragment": "findings"},
    )
    data = response.json()
    assert data["values"] == {"body": "The patient, seen Day 0."}
    assert data["day_zero"] == "2024-03-12"
    assert published.thread.posts.count() == 1
