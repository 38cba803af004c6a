from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_body import ErrorBody
from ...models.message_ordering_param import MessageOrderingParam
from ...models.message_page import MessagePage
from ...types import UNSET, Response, Unset


def _get_kwargs(
    conversation_id: UUID,
    message_id: UUID,
    *,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    before: str | Unset = UNSET,
    after: str | Unset = UNSET,
    ordering: MessageOrderingParam | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["page"] = page

    params["page_size"] = page_size

    params["before"] = before

    params["after"] = after

    json_ordering: str | Unset = UNSET
    if not isinstance(ordering, Unset):
        json_ordering = ordering.value

    params["ordering"] = json_ordering

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/conversations/{conversation_id}/messages/{message_id}/replies".format(
            conversation_id=quote(str(conversation_id), safe=""),
            message_id=quote(str(message_id), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorBody | MessagePage | None:
    if response.status_code == 200:
        response_200 = MessagePage.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = ErrorBody.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = ErrorBody.from_dict(response.json())

        return response_401

    if response.status_code == 404:
        response_404 = ErrorBody.from_dict(response.json())

        return response_404

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[ErrorBody | MessagePage]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    conversation_id: UUID,
    message_id: UUID,
    *,
    client: AuthenticatedClient,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    before: str | Unset = UNSET,
    after: str | Unset = UNSET,
    ordering: MessageOrderingParam | Unset = UNSET,
) -> Response[ErrorBody | MessagePage]:
    """The replies in a message's thread, oldest first unless `ordering=-sent_at`; paginated like the
    message list (`page`, or a `before`/`after` cursor).

    Args:
        conversation_id (UUID): Stringified UUID. Example: 6f1c2a9e-4b7d-4c1e-9a3f-2d8e5b7c9a10.
        message_id (UUID): Stringified UUID. Example: 6f1c2a9e-4b7d-4c1e-9a3f-2d8e5b7c9a10.
        page (int | Unset):
        page_size (int | Unset):
        before (str | Unset):
        after (str | Unset):
        ordering (MessageOrderingParam | Unset): `-sent_at`: newest first (the default);
            `sent_at`: oldest first.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorBody | MessagePage]
    """

    kwargs = _get_kwargs(
        conversation_id=conversation_id,
        message_id=message_id,
        page=page,
        page_size=page_size,
        before=before,
        after=after,
        ordering=ordering,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    conversation_id: UUID,
    message_id: UUID,
    *,
    client: AuthenticatedClient,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    before: str | Unset = UNSET,
    after: str | Unset = UNSET,
    ordering: MessageOrderingParam | Unset = UNSET,
) -> ErrorBody | MessagePage | None:
    """The replies in a message's thread, oldest first unless `ordering=-sent_at`; paginated like the
    message list (`page`, or a `before`/`after` cursor).

    Args:
        conversation_id (UUID): Stringified UUID. Example: 6f1c2a9e-4b7d-4c1e-9a3f-2d8e5b7c9a10.
        message_id (UUID): Stringified UUID. Example: 6f1c2a9e-4b7d-4c1e-9a3f-2d8e5b7c9a10.
        page (int | Unset):
        page_size (int | Unset):
        before (str | Unset):
        after (str | Unset):
        ordering (MessageOrderingParam | Unset): `-sent_at`: newest first (the default);
            `sent_at`: oldest first.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorBody | MessagePage
    """

    return sync_detailed(
        conversation_id=conversation_id,
        message_id=message_id,
        client=client,
        page=page,
        page_size=page_size,
        before=before,
        after=after,
        ordering=ordering,
    ).parsed


async def asyncio_detailed(
    conversation_id: UUID,
    message_id: UUID,
    *,
    client: AuthenticatedClient,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    before: str | Unset = UNSET,
    after: str | Unset = UNSET,
    ordering: MessageOrderingParam | Unset = UNSET,
) -> Response[ErrorBody | MessagePage]:
    """The replies in a message's thread, oldest first unless `ordering=-sent_at`; paginated like the
    message list (`page`, or a `before`/`after` cursor).

    Args:
        conversation_id (UUID): Stringified UUID. Example: 6f1c2a9e-4b7d-4c1e-9a3f-2d8e5b7c9a10.
        message_id (UUID): Stringified UUID. Example: 6f1c2a9e-4b7d-4c1e-9a3f-2d8e5b7c9a10.
        page (int | Unset):
        page_size (int | Unset):
        before (str | Unset):
        after (str | Unset):
        ordering (MessageOrderingParam | Unset): `-sent_at`: newest first (the default);
            `sent_at`: oldest first.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorBody | MessagePage]
    """

    kwargs = _get_kwargs(
        conversation_id=conversation_id,
        message_id=message_id,
        page=page,
        page_size=page_size,
        before=before,
        after=after,
        ordering=ordering,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    conversation_id: UUID,
    message_id: UUID,
    *,
    client: AuthenticatedClient,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    before: str | Unset = UNSET,
    after: str | Unset = UNSET,
    ordering: MessageOrderingParam | Unset = UNSET,
) -> ErrorBody | MessagePage | None:
    """The replies in a message's thread, oldest first unless `ordering=-sent_at`; paginated like the
    message list (`page`, or a `before`/`after` cursor).

    Args:
        conversation_id (UUID): Stringified UUID. Example: 6f1c2a9e-4b7d-4c1e-9a3f-2d8e5b7c9a10.
        message_id (UUID): Stringified UUID. Example: 6f1c2a9e-4b7d-4c1e-9a3f-2d8e5b7c9a10.
        page (int | Unset):
        page_size (int | Unset):
        before (str | Unset):
        after (str | Unset):
        ordering (MessageOrderingParam | Unset): `-sent_at`: newest first (the default);
            `sent_at`: oldest first.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorBody | MessagePage
    """

    return (
        await asyncio_detailed(
            conversation_id=conversation_id,
            message_id=message_id,
            client=client,
            page=page,
            page_size=page_size,
            before=before,
            after=after,
            ordering=ordering,
        )
    ).parsed
