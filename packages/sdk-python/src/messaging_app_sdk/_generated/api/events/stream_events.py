from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_body import ErrorBody
from ...models.realtime_event import RealtimeEvent
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    since: str | Unset = UNSET,
    last_event_id: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(last_event_id, Unset):
        headers["Last-Event-ID"] = last_event_id

    params: dict[str, Any] = {}

    params["since"] = since

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/events",
        "params": params,
    }

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorBody | RealtimeEvent | None:
    if response.status_code == 200:
        response_200 = RealtimeEvent.from_dict(response.text)

        return response_200

    if response.status_code == 400:
        response_400 = ErrorBody.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = ErrorBody.from_dict(response.json())

        return response_401

    if response.status_code == 429:
        response_429 = ErrorBody.from_dict(response.json())

        return response_429

    if response.status_code == 503:
        response_503 = ErrorBody.from_dict(response.json())

        return response_503

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[ErrorBody | RealtimeEvent]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    since: str | Unset = UNSET,
    last_event_id: str | Unset = UNSET,
) -> Response[ErrorBody | RealtimeEvent]:
    """The caller's realtime events as a server-sent-events stream (`text/event-stream`): one SSE event
    per RealtimeEvent (`id` = its id, `event` = its type, `data` = it as JSON), for the conversations
    the caller is in when each change happens. The stream starts with an `event: ready` naming the
    position it starts from (`last_event_id`) and whether events after the requested position are gone
    (`missed_events`: older than the retention, or a position this server never gave; reload through
    the REST API then), sends a `:` comment as a heartbeat, and ends with an `event: error`
    saying why (`token_expired`, `session_ended`, `user_inactive`, `slow_consumer`, `server_shutdown`,
    `server_error`); `session_ended` and `user_inactive` come as soon as the session ends (logout, sign
    out everywhere, a password change) or the account is deactivated.
    To resume without gaps or duplicates, reconnect with the last id seen in `Last-Event-ID` (what
    browsers' EventSource does) or `since`; events are kept for EVENTS_RETENTION (24 hours by default).
    Without either, the stream starts with what happens from now on.

    Args:
        since (str | Unset):
        last_event_id (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorBody | RealtimeEvent]
    """

    kwargs = _get_kwargs(
        since=since,
        last_event_id=last_event_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    since: str | Unset = UNSET,
    last_event_id: str | Unset = UNSET,
) -> ErrorBody | RealtimeEvent | None:
    """The caller's realtime events as a server-sent-events stream (`text/event-stream`): one SSE event
    per RealtimeEvent (`id` = its id, `event` = its type, `data` = it as JSON), for the conversations
    the caller is in when each change happens. The stream starts with an `event: ready` naming the
    position it starts from (`last_event_id`) and whether events after the requested position are gone
    (`missed_events`: older than the retention, or a position this server never gave; reload through
    the REST API then), sends a `:` comment as a heartbeat, and ends with an `event: error`
    saying why (`token_expired`, `session_ended`, `user_inactive`, `slow_consumer`, `server_shutdown`,
    `server_error`); `session_ended` and `user_inactive` come as soon as the session ends (logout, sign
    out everywhere, a password change) or the account is deactivated.
    To resume without gaps or duplicates, reconnect with the last id seen in `Last-Event-ID` (what
    browsers' EventSource does) or `since`; events are kept for EVENTS_RETENTION (24 hours by default).
    Without either, the stream starts with what happens from now on.

    Args:
        since (str | Unset):
        last_event_id (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorBody | RealtimeEvent
    """

    return sync_detailed(
        client=client,
        since=since,
        last_event_id=last_event_id,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    since: str | Unset = UNSET,
    last_event_id: str | Unset = UNSET,
) -> Response[ErrorBody | RealtimeEvent]:
    """The caller's realtime events as a server-sent-events stream (`text/event-stream`): one SSE event
    per RealtimeEvent (`id` = its id, `event` = its type, `data` = it as JSON), for the conversations
    the caller is in when each change happens. The stream starts with an `event: ready` naming the
    position it starts from (`last_event_id`) and whether events after the requested position are gone
    (`missed_events`: older than the retention, or a position this server never gave; reload through
    the REST API then), sends a `:` comment as a heartbeat, and ends with an `event: error`
    saying why (`token_expired`, `session_ended`, `user_inactive`, `slow_consumer`, `server_shutdown`,
    `server_error`); `session_ended` and `user_inactive` come as soon as the session ends (logout, sign
    out everywhere, a password change) or the account is deactivated.
    To resume without gaps or duplicates, reconnect with the last id seen in `Last-Event-ID` (what
    browsers' EventSource does) or `since`; events are kept for EVENTS_RETENTION (24 hours by default).
    Without either, the stream starts with what happens from now on.

    Args:
        since (str | Unset):
        last_event_id (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorBody | RealtimeEvent]
    """

    kwargs = _get_kwargs(
        since=since,
        last_event_id=last_event_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    since: str | Unset = UNSET,
    last_event_id: str | Unset = UNSET,
) -> ErrorBody | RealtimeEvent | None:
    """The caller's realtime events as a server-sent-events stream (`text/event-stream`): one SSE event
    per RealtimeEvent (`id` = its id, `event` = its type, `data` = it as JSON), for the conversations
    the caller is in when each change happens. The stream starts with an `event: ready` naming the
    position it starts from (`last_event_id`) and whether events after the requested position are gone
    (`missed_events`: older than the retention, or a position this server never gave; reload through
    the REST API then), sends a `:` comment as a heartbeat, and ends with an `event: error`
    saying why (`token_expired`, `session_ended`, `user_inactive`, `slow_consumer`, `server_shutdown`,
    `server_error`); `session_ended` and `user_inactive` come as soon as the session ends (logout, sign
    out everywhere, a password change) or the account is deactivated.
    To resume without gaps or duplicates, reconnect with the last id seen in `Last-Event-ID` (what
    browsers' EventSource does) or `since`; events are kept for EVENTS_RETENTION (24 hours by default).
    Without either, the stream starts with what happens from now on.

    Args:
        since (str | Unset):
        last_event_id (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorBody | RealtimeEvent
    """

    return (
        await asyncio_detailed(
            client=client,
            since=since,
            last_event_id=last_event_id,
        )
    ).parsed
