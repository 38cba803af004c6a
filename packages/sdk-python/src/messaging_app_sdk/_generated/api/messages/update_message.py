from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_body import ErrorBody
from ...models.message import Message
from ...models.update_message_request import UpdateMessageRequest
from ...types import Response


def _get_kwargs(
    conversation_id: UUID,
    message_id: UUID,
    *,
    body: UpdateMessageRequest,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "patch",
        "url": "/conversations/{conversation_id}/messages/{message_id}".format(
            conversation_id=quote(str(conversation_id), safe=""),
            message_id=quote(str(message_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorBody | Message | None:
    if response.status_code == 200:
        response_200 = Message.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = ErrorBody.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = ErrorBody.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = ErrorBody.from_dict(response.json())

        return response_403

    if response.status_code == 404:
        response_404 = ErrorBody.from_dict(response.json())

        return response_404

    if response.status_code == 409:
        response_409 = ErrorBody.from_dict(response.json())

        return response_409

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[ErrorBody | Message]:
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
    body: UpdateMessageRequest,
) -> Response[ErrorBody | Message]:
    """Edits a message's body; only its sender may (others in the conversation get 403). The body it
    replaces is kept in the message's history. A deleted message cannot be edited (409).

    Args:
        conversation_id (UUID): Stringified UUID. Example: 6f1c2a9e-4b7d-4c1e-9a3f-2d8e5b7c9a10.
        message_id (UUID): Stringified UUID. Example: 6f1c2a9e-4b7d-4c1e-9a3f-2d8e5b7c9a10.
        body (UpdateMessageRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorBody | Message]
    """

    kwargs = _get_kwargs(
        conversation_id=conversation_id,
        message_id=message_id,
        body=body,
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
    body: UpdateMessageRequest,
) -> ErrorBody | Message | None:
    """Edits a message's body; only its sender may (others in the conversation get 403). The body it
    replaces is kept in the message's history. A deleted message cannot be edited (409).

    Args:
        conversation_id (UUID): Stringified UUID. Example: 6f1c2a9e-4b7d-4c1e-9a3f-2d8e5b7c9a10.
        message_id (UUID): Stringified UUID. Example: 6f1c2a9e-4b7d-4c1e-9a3f-2d8e5b7c9a10.
        body (UpdateMessageRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorBody | Message
    """

    return sync_detailed(
        conversation_id=conversation_id,
        message_id=message_id,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    conversation_id: UUID,
    message_id: UUID,
    *,
    client: AuthenticatedClient,
    body: UpdateMessageRequest,
) -> Response[ErrorBody | Message]:
    """Edits a message's body; only its sender may (others in the conversation get 403). The body it
    replaces is kept in the message's history. A deleted message cannot be edited (409).

    Args:
        conversation_id (UUID): Stringified UUID. Example: 6f1c2a9e-4b7d-4c1e-9a3f-2d8e5b7c9a10.
        message_id (UUID): Stringified UUID. Example: 6f1c2a9e-4b7d-4c1e-9a3f-2d8e5b7c9a10.
        body (UpdateMessageRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorBody | Message]
    """

    kwargs = _get_kwargs(
        conversation_id=conversation_id,
        message_id=message_id,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    conversation_id: UUID,
    message_id: UUID,
    *,
    client: AuthenticatedClient,
    body: UpdateMessageRequest,
) -> ErrorBody | Message | None:
    """Edits a message's body; only its sender may (others in the conversation get 403). The body it
    replaces is kept in the message's history. A deleted message cannot be edited (409).

    Args:
        conversation_id (UUID): Stringified UUID. Example: 6f1c2a9e-4b7d-4c1e-9a3f-2d8e5b7c9a10.
        message_id (UUID): Stringified UUID. Example: 6f1c2a9e-4b7d-4c1e-9a3f-2d8e5b7c9a10.
        body (UpdateMessageRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorBody | Message
    """

    return (
        await asyncio_detailed(
            conversation_id=conversation_id,
            message_id=message_id,
            client=client,
            body=body,
        )
    ).parsed
