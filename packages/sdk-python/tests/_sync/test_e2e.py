# Generated from tests/_async/test_e2e.py by scripts/unasync.py: edit that file, then `npm run generate`.
"""Every operation of the spec through the SDK, against the real API (the coverage test checks none is left out)."""

from __future__ import annotations

import datetime
import re
from typing import Any
from uuid import UUID

import pytest

from messaging_app_sdk import (
    AuthenticationError,
    ConflictError,
    MessagingClient,
    MessagingError,
    NotFoundError,
    PermissionDeniedError,
    RequestOptions,
    SessionTokens,
    ValidationError,
)
from messaging_app_sdk.models import ConversationKind, Message, MessageOrderingParam, ReactionSummary

from ..support.api_server import PASSWORD, unique_name
from ..support.recording import RECORDER
from .conftest import People, Person

UNKNOWN_ID = "00000000-0000-4000-8000-000000000000"
REQUEST_ID = re.compile(r"^[0-9a-f-]{36}$")


def group_of(alice: Person, *others: Person, title: str | None = None) -> UUID:
    """A new group conversation (alice and bob's direct conversation is one and shared between tests)."""
    ids = [other.user.user_id for other in others]
    created = alice.client.conversations.create(ids, kind=ConversationKind.GROUP, title=title)
    return created.conversation_id


def oldest_first(messages: list[Message]) -> list[Message]:
    """The API's order: by sent time, ties broken by id (two sends can share a millisecond)."""
    return sorted(messages, key=lambda message: (message.sent_at, str(message.message_id)))


# --- auth ---------------------------------------------------------------------------------------------


def test_signing_in_explicitly_returns_the_user_and_tokens_that_verify(people: People) -> None:
    username = unique_name()
    anonymous = people.client()
    anonymous.users.register(
        username=username, email=f"{username}@example.com", password=PASSWORD, first_name="Ann", last_name="Lee"
    )

    signed_in = anonymous.auth.sign_in(username.upper(), PASSWORD)

    assert (signed_in.user.username, signed_in.user.first_name, signed_in.user.last_name) == (username, "Ann", "Lee")
    assert anonymous.auth.tokens == SessionTokens(access=signed_in.access, refresh=signed_in.refresh)
    assert anonymous.auth.verify() is True
    assert anonymous.auth.verify(signed_in.refresh) is True
    assert anonymous.auth.verify("not-a-token") is False


def test_a_client_given_saved_tokens_uses_them_without_signing_in(people: People, alice: Person) -> None:
    signed_in = alice.client.auth.sign_in()
    client = people.client(access_token=signed_in.access, refresh_token=signed_in.refresh)

    me = client.users.me()

    assert me.user_id == alice.user.user_id


def test_refreshing_rotates_the_pair_and_kills_the_old_refresh_token(alice: Person) -> None:
    alice.client.users.me()
    before = alice.client.auth.tokens

    after = alice.client.auth.refresh()

    assert after.refresh != before.refresh
    assert alice.client.auth.tokens == SessionTokens(access=after.access, refresh=after.refresh)
    assert alice.client.auth.verify(before.refresh) is False


def test_logging_out_revokes_the_refresh_token_and_forgets_the_tokens(alice: Person) -> None:
    alice.client.users.me()
    refresh = alice.client.auth.tokens.refresh

    alice.client.auth.logout()

    assert alice.client.auth.tokens == SessionTokens(access=None, refresh=None)
    assert alice.client.auth.verify(refresh) is False
    with pytest.raises(AuthenticationError):
        alice.client.users.me()


def test_logging_out_ends_that_sign_ins_access_token_at_once(people: People, alice: Person) -> None:
    alice.client.users.me()
    tokens = alice.client.auth.tokens
    same_sign_in = people.client(access_token=tokens.access)
    laptop = people.client().auth.sign_in(alice.username, PASSWORD)

    alice.client.auth.logout()

    assert alice.client.auth.verify(tokens.access) is False
    assert alice.client.auth.verify(tokens.refresh) is False
    with pytest.raises(AuthenticationError):
        same_sign_in.users.me()
    assert alice.client.auth.verify(laptop.access) is True


def test_signing_out_everywhere_ends_every_sign_in_and_forgets_the_tokens(people: People, alice: Person) -> None:
    alice.client.users.me()
    access = alice.client.auth.tokens.access
    laptop = people.client().auth.sign_in(alice.username, PASSWORD)
    token_only = people.client(access_token=laptop.access, refresh_token=laptop.refresh)
    token_only.users.me()

    alice.client.auth.sign_out_everywhere()

    assert alice.client.auth.tokens == SessionTokens(access=None, refresh=None)
    assert alice.client.auth.verify(access) is False
    assert alice.client.auth.verify(laptop.refresh) is False
    with pytest.raises(AuthenticationError):
        token_only.users.me()
    with pytest.raises(AuthenticationError):
        alice.client.users.me()


# --- users --------------------------------------------------------------------------------------------


def test_a_user_reads_updates_and_lists_themselves(alice: Person) -> None:
    me = alice.client.users.me()
    assert me.user_id == alice.user.user_id
    assert (alice.client.users.get(str(me.user_id))).username == alice.username

    updated = alice.client.users.update(me.user_id, first_name="Alice", phone_number="+44 20 7946 0000")
    assert (updated.first_name, updated.last_name, updated.phone_number) == ("Alice", me.last_name, "+44 20 7946 0000")
    cleared = alice.client.users.update(me.user_id, phone_number=None)
    assert cleared.phone_number is None

    page = alice.client.users.list().first_page()
    assert [user.user_id for user in page.results] == [me.user_id]
    assert (page.count, page.next, page.previous, page.has_next_page()) == (1, None, None, False)


def test_the_unread_summary_follows_what_was_read(alice: Person, bob: Person) -> None:
    conversation_id = group_of(alice, bob)
    first = alice.client.messages.send(conversation_id, "one")
    second = alice.client.messages.send(conversation_id, "two")

    summary = bob.client.users.unread()
    assert (summary.unread_count, summary.unread_conversations) == (2, 1)
    conversation = bob.client.conversations.get(conversation_id)
    assert (conversation.unread_count, conversation.last_read_message_id) == (2, None)

    read = bob.client.conversations.mark_read(conversation_id, first.message_id)
    assert (read.conversation_id, read.last_read_message_id, read.unread_count) == (
        conversation_id,
        first.message_id,
        1,
    )
    read = bob.client.conversations.mark_read(conversation_id)
    assert (read.last_read_message_id, read.unread_count) == (second.message_id, 0)
    summary = bob.client.users.unread()
    assert (summary.unread_count, summary.unread_conversations) == (0, 0)


# --- conversations ------------------------------------------------------------------------------------


def test_a_direct_conversation_exists_once_per_pair_and_both_see_it(alice: Person, bob: Person) -> None:
    first = alice.client.conversations.create([bob.user.user_id])
    again = bob.client.conversations.create([str(alice.user.user_id)])

    assert first.kind == ConversationKind.DIRECT
    assert first.title is None
    assert again.conversation_id == first.conversation_id
    assert {participant.user_id for participant in first.participants} == {alice.user.user_id, bob.user.user_id}
    listed = [conversation.conversation_id for conversation in bob.client.conversations.list()]
    assert listed == [first.conversation_id]
    with pytest.raises(ConflictError):
        alice.client.conversations.leave(first.conversation_id)


def test_group_membership_adding_removing_and_leaving(people: People, alice: Person, bob: Person) -> None:
    carol = people.new()
    conversation_id = group_of(alice, bob, title="Trip")

    grown = bob.client.conversations.add_participants(conversation_id, [carol.user.user_id])
    assert {p.user_id for p in grown.participants} == {alice.user.user_id, bob.user.user_id, carol.user.user_id}
    assert (carol.client.conversations.get(conversation_id)).title == "Trip"

    with pytest.raises(PermissionDeniedError):
        bob.client.conversations.remove_participant(conversation_id, carol.user.user_id)
    alice.client.conversations.remove_participant(conversation_id, carol.user.user_id)
    with pytest.raises(NotFoundError):
        carol.client.conversations.get(conversation_id)

    bob.client.conversations.leave(conversation_id)
    left = alice.client.conversations.get(conversation_id)
    assert [p.user_id for p in left.participants] == [alice.user.user_id]


# --- messages -----------------------------------------------------------------------------------------


def test_a_message_is_sent_read_edited_searched_and_deleted(alice: Person, bob: Person) -> None:
    conversation_id = group_of(alice, bob)

    sent = alice.client.messages.send(conversation_id, "hi bob")
    assert (sent.conversation_id, sent.message_body, sent.edited_at, sent.sender.user_id) == (
        conversation_id,
        "hi bob",
        None,
        alice.user.user_id,
    )
    assert (bob.client.messages.get(conversation_id, sent.message_id)).message_body == "hi bob"

    edited = alice.client.messages.update(conversation_id, sent.message_id, "hi there bob")
    assert edited.edited_at is not None
    found = bob.client.messages.list(conversation_id, search="THERE").first_page()
    assert [message.message_id for message in found.results] == [sent.message_id]

    alice.client.messages.delete(conversation_id, sent.message_id)
    with pytest.raises(NotFoundError):
        bob.client.messages.get(conversation_id, sent.message_id)


def test_messages_filter_by_sender_and_by_dates_given_as_dates_or_datetimes(alice: Person, bob: Person) -> None:
    conversation_id = group_of(alice, bob)
    from_alice = alice.client.messages.send(conversation_id, "from alice")
    bob.client.messages.send(conversation_id, "from bob")
    today = from_alice.sent_at.date()

    def bodies_where(**filters: Any) -> list[str]:
        return [
            m.message_body
            for m in bob.client.messages.list(conversation_id, ordering=MessageOrderingParam.OLDEST_FIRST, **filters)
        ]

    assert bodies_where(sender=alice.username) == ["from alice"]
    assert bodies_where(sender=str(bob.user.user_id)) == ["from bob"]
    assert bodies_where(start_date=today, end_date=today) == ["from alice", "from bob"]
    assert bodies_where(end_date=today - datetime.timedelta(days=1)) == []
    assert bodies_where(start_date=from_alice.sent_at + datetime.timedelta(hours=1)) == []
    assert bodies_where(start_date=(from_alice.sent_at - datetime.timedelta(hours=1)).isoformat()) == [
        "from alice",
        "from bob",
    ]


def test_a_thread_counts_its_replies_and_lists_them_page_by_page(alice: Person, bob: Person) -> None:
    conversation_id = group_of(alice, bob)
    root = alice.client.messages.send(conversation_id, "Friday?")

    reply = bob.client.messages.send(conversation_id, "Yes", parent_message_id=root.message_id)
    alice.client.messages.send(conversation_id, "Great", parent_message_id=str(root.message_id))

    assert reply.parent_message_id == root.message_id
    parent = alice.client.messages.get(conversation_id, root.message_id)
    assert (parent.reply_count, parent.deleted, parent.last_reply_at is not None) == (2, False, True)
    replies = bob.client.messages.replies(conversation_id, root.message_id, page_size=1)
    assert (replies.first_page()).count == 2
    assert [message.message_body for message in replies] == ["Yes", "Great"]

    alice.client.messages.delete(conversation_id, root.message_id)
    tombstone = bob.client.messages.get(conversation_id, root.message_id)
    assert (tombstone.deleted, tombstone.message_body, tombstone.reply_count) == (True, "", 2)


def test_the_history_lists_every_version_oldest_first(alice: Person, bob: Person) -> None:
    conversation_id = group_of(alice, bob)
    sent = alice.client.messages.send(conversation_id, "v1")
    alice.client.messages.update(conversation_id, sent.message_id, "v2")

    versions = [version for version in bob.client.messages.history(conversation_id, sent.message_id)]

    assert [(v.version, v.message_body, v.replaced_at is None) for v in versions] == [(1, "v1", False), (2, "v2", True)]
    assert versions[0].written_at == sent.sent_at


def test_reactions_count_per_emoji_with_reacted_by_me(alice: Person, bob: Person) -> None:
    conversation_id = group_of(alice, bob)
    sent = alice.client.messages.send(conversation_id, "party")

    alice.client.messages.add_reaction(conversation_id, sent.message_id, "🎉")
    both = bob.client.messages.add_reaction(conversation_id, sent.message_id, "🎉")
    assert both.reactions == [ReactionSummary(emoji="🎉", count=2, reacted_by_me=True)]

    bob.client.messages.remove_reaction(conversation_id, sent.message_id, "🎉")
    after = bob.client.messages.get(conversation_id, sent.message_id)
    assert after.reactions == [ReactionSummary(emoji="🎉", count=1, reacted_by_me=False)]
    with pytest.raises(ValidationError):
        bob.client.messages.add_reaction(conversation_id, sent.message_id, "not an emoji")


# --- pagination ---------------------------------------------------------------------------------------


def test_iterating_a_list_goes_through_every_page_once_in_order(alice: Person, bob: Person) -> None:
    conversation_id = group_of(alice, bob)
    sent = [alice.client.messages.send(conversation_id, f"m{i}{' needle' if i % 3 == 0 else ''}") for i in range(23)]
    requests_before = len(RECORDER.requests)

    oldest = bob.client.messages.list(conversation_id, page_size=5, ordering=MessageOrderingParam.OLDEST_FIRST)
    seen = [message.message_id for message in oldest]

    assert seen == [message.message_id for message in oldest_first(sent)]
    pages = [r for r in RECORDER.requests[requests_before:] if r.url.path.endswith(f"/{conversation_id}/messages")]
    assert [r.url.params["page"] for r in pages] == ["1", "2", "3", "4", "5"]

    # Filters and the page size hold on every page; newest first by default.
    needles = [m.message_body for m in bob.client.messages.list(conversation_id, search="needle", page_size=2)]
    assert needles == [m.message_body for m in reversed(oldest_first(sent)) if m.message_body.endswith("needle")]

    # By hand: the first page, then the next ones, until the last.
    pager = bob.client.messages.list(conversation_id, page_size=10)
    first = pager.first_page()
    assert (first.count, first.previous, len(first.results), first.has_next_page()) == (23, None, 10, True)
    third = (first.next_page()).next_page()
    assert (third.number, len(third.results), third.has_next_page()) == (3, 3, False)
    with pytest.raises(ValueError, match="last page"):
        third.next_page()
    assert [page.number for page in pager.pages()] == [1, 2, 3]

    # A page past the end is a NotFoundError.
    with pytest.raises(NotFoundError) as past_the_end:
        bob.client.messages.list(conversation_id, page=99).first_page()
    assert (past_the_end.value.status, past_the_end.value.code) == (404, "not_found")


def test_reading_by_cursor_neither_skips_nor_repeats_and_catches_up(alice: Person, bob: Person) -> None:
    conversation_id = group_of(alice, bob)
    sent = [alice.client.messages.send(conversation_id, f"c{i}") for i in range(7)]

    first = bob.client.messages.list_by_cursor(conversation_id, page_size=3).first_page()
    second = first.next_page()
    seen = [m.message_id for m in bob.client.messages.list_by_cursor(conversation_id, page_size=3)]

    assert seen == [m.message_id for m in reversed(oldest_first(sent))]
    assert (first.count, second.count, second.has_previous_page()) == (7, None, True)
    assert [m.message_id for m in (second.previous_page()).results] == [m.message_id for m in first.results]

    # New messages arrive: after=prev_cursor of the newest page catches up with exactly those.
    newest = bob.client.messages.list_by_cursor(conversation_id, page_size=2).first_page()
    assert newest.prev_cursor is not None
    arrived = [
        alice.client.messages.send(conversation_id, "late 1"),
        alice.client.messages.send(conversation_id, "late 2"),
    ]
    caught_up = [
        m.message_id
        for m in bob.client.messages.list_by_cursor(
            conversation_id, after=newest.prev_cursor, ordering=MessageOrderingParam.OLDEST_FIRST, page_size=1
        )
    ]
    assert caught_up == [m.message_id for m in arrived]

    with pytest.raises(ValidationError) as malformed:
        bob.client.messages.list_by_cursor(conversation_id, before="bogus").first_page()
    assert malformed.value.details is not None
    assert "before" in malformed.value.details


# --- typed errors -------------------------------------------------------------------------------------


def test_an_invalid_body_is_a_validation_error_with_fields_and_request_id(alice: Person, bob: Person) -> None:
    conversation_id = group_of(alice, bob)

    with pytest.raises(ValidationError) as raised:
        alice.client.messages.send(conversation_id, "")

    error = raised.value
    assert (error.status, error.code) == (400, "validation_failed")
    assert error.details is not None
    assert "message_body" in error.details
    assert error.request_id is not None
    assert REQUEST_ID.match(error.request_id)
    assert error.body == {"error": {"code": "validation_failed", "message": error.message, "details": error.details}}
    assert error.request_id in str(error)
    assert isinstance(error, MessagingError)


def test_a_wrong_password_fails_the_first_call(people: People, alice: Person) -> None:
    client = people.client(username=alice.username, password="wrong-password-123")

    with pytest.raises(AuthenticationError) as raised:
        client.users.me()

    assert (raised.value.status, raised.value.code) == (401, "unauthorized")


def test_editing_someone_elses_message_is_permission_denied(alice: Person, bob: Person) -> None:
    conversation_id = group_of(alice, bob)
    message = alice.client.messages.send(conversation_id, "mine")

    with pytest.raises(PermissionDeniedError) as raised:
        bob.client.messages.update(conversation_id, message.message_id, "yours")

    assert (raised.value.status, raised.value.code) == (403, "forbidden")


def test_a_conversation_that_does_not_exist_is_not_found(alice: Person) -> None:
    with pytest.raises(NotFoundError) as raised:
        alice.client.conversations.get(UNKNOWN_ID)

    assert (raised.value.status, raised.value.code) == (404, "not_found")


def test_a_taken_username_is_a_conflict(people: People, alice: Person) -> None:
    with pytest.raises(ConflictError) as raised:
        people.client().users.register(
            username=alice.username,
            email=f"other-{alice.username}@example.com",
            password=PASSWORD,
            first_name="Copy",
            last_name="Cat",
        )

    assert (raised.value.status, raised.value.code) == (409, "conflict")


# --- admin --------------------------------------------------------------------------------------------


def test_staff_use_every_admin_operation(people: People, alice: Person, bob: Person) -> None:
    staff = people.new()
    people.api.make_staff(staff.user.user_id)
    target = people.new()
    conversation_id = group_of(alice, bob)
    message = alice.client.messages.send(conversation_id, "to be moderated")

    found = staff.client.admin.list_users(search=target.username.upper()).first_page()
    assert [(user.user_id, user.is_active, user.is_staff) for user in found.results] == [
        (target.user.user_id, True, False)
    ]
    assert (staff.client.admin.deactivate_user(target.user.user_id)).is_active is False
    assert (staff.client.admin.reactivate_user(target.user.user_id)).is_active is True
    assert (staff.client.admin.promote_user(target.user.user_id)).is_staff is True

    conversations = [c for c in staff.client.admin.list_conversations(page_size=50)]
    assert [c.message_count for c in conversations if c.conversation_id == conversation_id] == [1]

    staff.client.admin.delete_message(message.message_id)
    with pytest.raises(NotFoundError):
        bob.client.messages.get(conversation_id, message.message_id)

    stats = staff.client.admin.stats()
    assert stats.users >= 4
    assert stats.messages_today >= 0


def test_someone_who_is_not_staff_is_denied_the_admin_area(alice: Person) -> None:
    with pytest.raises(PermissionDeniedError) as raised:
        alice.client.admin.stats(options=RequestOptions(timeout=10))

    assert (raised.value.status, raised.value.code) == (403, "forbidden")


def test_the_base_url_may_carry_the_api_prefix(people: People, alice: Person) -> None:
    client = MessagingClient(base_url=f"{people.api.url}/api/v1/", username=alice.username, password=PASSWORD)
    try:
        assert (client.users.me()).user_id == alice.user.user_id
    finally:
        client.close()
