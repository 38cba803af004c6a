from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.conversation import Conversation
from ...models.create_conversation_request import CreateConversationRequest
from ...models.error_body import ErrorBody
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    body: CreateConversationRequest,
    idempotency_key: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/conversations",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Conversation | ErrorBody | None:
    if response.status_code == 200:
        response_200 = Conversation.from_dict(response.json())

        return response_200

    if response.status_code == 201:
        response_201 = Conversation.from_dict(response.json())

        return response_201

    if response.status_code == 400:
        response_400 = ErrorBody.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = ErrorBody.from_dict(response.json())

        return response_401

    if response.status_code == 409:
        response_409 = ErrorBody.from_dict(response.json())

        return response_409

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[Conversation | ErrorBody]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: CreateConversationRequest,
    idempotency_key: str | Unset = UNSET,
) -> Response[Conversation | ErrorBody]:
    """Starts a conversation between the caller and the given users (unknown user ids are a 400 naming
    them). With exactly one other person it is `direct` unless `kind: group` is asked for; a direct
    conversation exists once per pair, so starting it again answers the existing one with 200.

    Args:
        idempotency_key (str | Unset):
        body (CreateConversationRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Conversation | ErrorBody]
    """

    kwargs = _get_kwargs(
        body=body,
        idempotency_key=idempotency_key,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    body: CreateConversationRequest,
    idempotency_key: str | Unset = UNSET,
) -> Conversation | ErrorBody | None:
    """Starts a conversation between the caller and the given users (unknown user ids are a 400 naming
    them). With exactly one other person it is `direct` unless `kind: group` is asked for; a direct
    conversation exists once per pair, so starting it again answers the existing one with 200.

    Args:
        idempotency_key (str | Unset):
        body (CreateConversationRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Conversation | ErrorBody
    """

    return sync_detailed(
        client=client,
        body=body,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: CreateConversationRequest,
    idempotency_key: str | Unset = UNSET,
) -> Response[Conversation | ErrorBody]:
    """Starts a conversation between the caller and the given users (unknown user ids are a 400 naming
    them). With exactly one other person it is `direct` unless `kind: group` is asked for; a direct
    conversation exists once per pair, so starting it again answers the existing one with 200.

    Args:
        idempotency_key (str | Unset):
        body (CreateConversationRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Conversation | ErrorBody]
    """

    kwargs = _get_kwargs(
        body=body,
        idempotency_key=idempotency_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: CreateConversationRequest,
    idempotency_key: str | Unset = UNSET,
) -> Conversation | ErrorBody | None:
    """Starts a conversation between the caller and the given users (unknown user ids are a 400 naming
    them). With exactly one other person it is `direct` unless `kind: group` is asked for; a direct
    conversation exists once per pair, so starting it again answers the existing one with 200.

    Args:
        idempotency_key (str | Unset):
        body (CreateConversationRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Conversation | ErrorBody
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
            idempotency_key=idempotency_key,
        )
    ).parsed
