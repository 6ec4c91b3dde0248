"""Patient-privacy flags hide at once; redaction reaches revisions, quotes, HTML and search."""

from __future__ import annotations

import pytest

from accounts.models import AuditEntry
from cases import authoring, moderation
from cases.authoring import finding_key
from cases.discussion import post_case_reply
from cases.models import Case, CaseStatus, PrivacyFlag
from cases.scanning import scan_text
from forums.models import Post, PostRevision, Thread
from forums.posting import create_reply, edit_post
from forums.search.query import search_posts
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

SECRET = "Zebulon Quarrington"


def test_flagging_a_case_hides_it_at_once_from_other_members(client, published, reader):
    client.force_login(reader)
    url = published.get_absolute_url()
    response = client.post(f"/cases/{published.pk}/flag/", {"reason": "The job is too rare"})
    assert response.status_code == 302
    assert client.get(url).status_code == 404
    assert published.title not in client.get("/cases/").content.decode()
    assert not Thread.objects.visible_to(reader).filter(pk=published.thread_id).exists()
    flag = PrivacyFlag.objects.get(case=published)
    assert flag.flagged_by == reader
    assert flag.resolved_at is None


def test_a_flagged_case_stays_visible_to_its_author_and_moderators(
    client, published, reader, author, moderator
):
    moderation.flag_case(published, by=reader, reason="rare job")
    for who in (author, moderator):
        client.force_login(who)
        assert (
            "Hidden while a moderator reviews"
            in client.get(published.get_absolute_url()).content.decode()
        )


def test_flagging_a_reply_hides_that_reply_at_once(client, published, reader):
    post = post_case_reply(published, by=reader, body="We saw one like this.")
    other = UserFactory(professional=True)
    client.force_login(other)
    response = client.post(
        f"/cases/{published.pk}/flag/", {"reason": "identifies the unit", "post": post.pk}
    )
    assert response.status_code == 302
    post.refresh_from_db()
    assert post.is_hidden
    html = client.get(published.get_absolute_url()).content.decode()
    assert "We saw one like this." not in html
    assert "This reply is hidden." in html


def test_members_who_are_not_verified_cannot_flag(client, published, member):
    client.force_login(member)
    assert client.post(f"/cases/{published.pk}/flag/", {"reason": "x"}).status_code == 404
    published.refresh_from_db()
    assert not published.is_hidden


def test_redaction_removes_text_from_fields_html_revisions_quotes_and_search(
    published, author, reader, moderator
):
    authoring.update_case(
        published,
        by=author,
        values={"history": f"Worked for {SECRET} (kept)."},
        kept={f"history:NAME:{SECRET}": "an invented name"},
    )
    authoring.update_case(published, by=author, values={"history": "Worked abroad."})
    body = f"> Worked for {SECRET}\n\nAgreed."
    # The reader quotes the kept name, and keeps it too (with a reason, as the case page asks).
    kept = {finding_key("reply", finding): "quoting the case" for finding in scan_text(body)}
    create_reply(thread=published.thread, author=reader, body=body, kept=kept)
    assert search_posts(user=reader, query="Quarrington")
    moderation.flag_case(published, by=reader, reason=f"{SECRET} is a real employer")

    moderation.redact_case(published, by=moderator, text=SECRET)

    published.refresh_from_db()
    assert SECRET not in published.history + published.history_html
    for revision in published.revisions.all():
        assert SECRET not in str(revision.content)
    assert any("[redacted]" in str(r.content) for r in published.revisions.all())
    assert not Post.objects.filter(source__contains=SECRET).exists()
    assert not Post.objects.filter(html__contains=SECRET).exists()
    assert not search_posts(user=moderator, query="Quarrington")
    assert SECRET not in PrivacyFlag.objects.get(case=published).reason
    assert not published.kept_findings.filter(text__contains=SECRET).exists()
    entry = AuditEntry.objects.get(action="case.redact")
    assert SECRET not in str(entry.details) + entry.reason


def test_redacting_a_reply_reaches_the_posts_that_quote_it(published, reader, moderator):
    original = create_reply(thread=published.thread, author=reader, body=f"Ask {SECRET}.")
    quote = create_reply(thread=published.thread, author=moderator, body=f"> Ask {SECRET}.\n\nNo.")
    moderation.flag_case(published, by=moderator, reason="a name", post=original)
    moderation.redact_reply(original, by=moderator, text=SECRET)
    original.refresh_from_db()
    quote.refresh_from_db()
    assert original.source == "Ask [redacted]."
    assert SECRET not in quote.source
    assert SECRET not in quote.html


def test_redacting_a_reply_reaches_its_earlier_versions_in_the_edit_history(
    client, published, reader, moderator
):
    reply = create_reply(thread=published.thread, author=reader, body=f"Ask {SECRET}.")
    edit_post(reply, by=reader, body=f"Ask {SECRET} on the ward.")
    moderation.redact_reply(reply, by=moderator, text=SECRET)
    for revision in PostRevision.objects.filter(post=reply):
        assert SECRET not in revision.source
        assert SECRET not in revision.html
    client.force_login(reader)
    history = client.get(f"{published.thread.get_absolute_url()}{reply.number}/history/")
    assert history.status_code == 200
    assert "[redacted]" in history.content.decode()
    assert SECRET not in history.content.decode()


def test_a_moderator_restores_a_case_after_review_and_closes_its_flags(
    client, published, reader, moderator
):
    moderation.flag_case(published, by=reader, reason="rare job")
    moderation.restore_case(published, by=moderator)
    client.force_login(reader)
    assert client.get(published.get_absolute_url()).status_code == 200
    flag = PrivacyFlag.objects.get(case=published)
    assert flag.resolution == "restored"
    assert flag.resolved_by == moderator
    assert AuditEntry.objects.filter(action="case.restore").exists()


def test_a_moderator_restores_a_flagged_reply(published, reader, moderator):
    post = post_case_reply(published, by=reader, body="Fine text.")
    moderation.flag_case(published, by=moderator, reason="check", post=post)
    moderation.restore_reply(post, by=moderator)
    post.refresh_from_db()
    assert not post.is_hidden
    assert Case.objects.get(pk=published.pk).status == CaseStatus.PUBLISHED


def test_a_case_reply_is_scanned_once_for_the_case_and_the_forums_check(
    published, reader, monkeypatch
):
    """The case's service and the forums' text check inside ``create_reply`` both ask for the
    reply's findings; the scanner runs once (it costs about 15 ms a 5,000-character post)."""
    from cases import scanning

    calls = []
    real = scanning.find_identifiers

    def counting(text):
        calls.append(text)
        return real(text)

    monkeypatch.setattr(scanning, "find_identifiers", counting)
    scanning._identifiers.cache_clear()
    body = "A reply with nothing identifying, about the second troponin in this case."
    post = post_case_reply(published, by=reader, body=body)
    assert post.source == body
    assert calls == [body]
