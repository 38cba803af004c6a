from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_body import ErrorBody
from ...models.update_user_request import UpdateUserRequest
from ...models.user import User
from ...types import Response


def _get_kwargs(
    user_id: UUID,
    *,
    body: UpdateUserRequest,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "patch",
        "url": "/users/{user_id}".format(
            user_id=quote(str(user_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorBody | User | None:
    if response.status_code == 200:
        response_200 = User.from_dict(response.json())

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
) -> Response[ErrorBody | User]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    user_id: UUID,
    *,
    client: AuthenticatedClient,
    body: UpdateUserRequest,
) -> Response[ErrorBody | User]:
    """Updates a profile (the user themselves, or staff). Fields not sent are left unchanged.

    Args:
        user_id (UUID): Stringified UUID. Example: 6f1c2a9e-4b7d-4c1e-9a3f-2d8e5b7c9a10.
        body (UpdateUserRequest): Only the fields present are changed. Changing the password
            requires `current_password` (staff resetting someone else's excepted).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorBody | User]
    """

    kwargs = _get_kwargs(
        user_id=user_id,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    user_id: UUID,
    *,
    client: AuthenticatedClient,
    body: UpdateUserRequest,
) -> ErrorBody | User | None:
    """Updates a profile (the user themselves, or staff). Fields not sent are left unchanged.

    Args:
        user_id (UUID): Stringified UUID. Example: 6f1c2a9e-4b7d-4c1e-9a3f-2d8e5b7c9a10.
        body (UpdateUserRequest): Only the fields present are changed. Changing the password
            requires `current_password` (staff resetting someone else's excepted).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorBody | User
    """

    return sync_detailed(
        user_id=user_id,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    user_id: UUID,
    *,
    client: AuthenticatedClient,
    body: UpdateUserRequest,
) -> Response[ErrorBody | User]:
    """Updates a profile (the user themselves, or staff). Fields not sent are left unchanged.

    Args:
        user_id (UUID): Stringified UUID. Example: 6f1c2a9e-4b7d-4c1e-9a3f-2d8e5b7c9a10.
        body (UpdateUserRequest): Only the fields present are changed. Changing the password
            requires `current_password` (staff resetting someone else's excepted).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorBody | User]
    """

    kwargs = _get_kwargs(
        user_id=user_id,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    user_id: UUID,
    *,
    client: AuthenticatedClient,
    body: UpdateUserRequest,
) -> ErrorBody | User | None:
    """Updates a profile (the user themselves, or staff). Fields not sent are left unchanged.

    Args:
        user_id (UUID): Stringified UUID. Example: 6f1c2a9e-4b7d-4c1e-9a3f-2d8e5b7c9a10.
        body (UpdateUserRequest): Only the fields present are changed. Changing the password
            requires `current_password` (staff resetting someone else's excepted).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorBody | User
    """

    return (
        await asyncio_detailed(
            user_id=user_id,
            client=client,
            body=body,
        )
    ).parsed
