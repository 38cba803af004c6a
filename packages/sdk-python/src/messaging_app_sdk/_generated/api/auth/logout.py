from http import HTTPStatus
from typing import Any, cast

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_body import ErrorBody
from ...models.logout_request import LogoutRequest
from ...types import Response


def _get_kwargs(
    *,
    body: LogoutRequest,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/token/logout",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Any | ErrorBody | None:
    if response.status_code == 204:
        response_204 = cast(Any, None)
        return response_204

    if response.status_code == 400:
        response_400 = ErrorBody.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = ErrorBody.from_dict(response.json())

        return response_401

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[Any | ErrorBody]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: LogoutRequest,
) -> Response[Any | ErrorBody]:
    """Signs out of one sign-in (session): its access tokens stop working at once, and the refresh token
    and every token rotated from the same sign-in are revoked, so none of them can be refreshed again;
    its event streams end with `session_ended`. A token that is not live (expired, revoked, already
    logged out) is a 401. Other sign-ins of the user are untouched (to end them all:
    `DELETE /users/me/sessions/`).

    Args:
        body (LogoutRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | ErrorBody]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    body: LogoutRequest,
) -> Any | ErrorBody | None:
    """Signs out of one sign-in (session): its access tokens stop working at once, and the refresh token
    and every token rotated from the same sign-in are revoked, so none of them can be refreshed again;
    its event streams end with `session_ended`. A token that is not live (expired, revoked, already
    logged out) is a 401. Other sign-ins of the user are untouched (to end them all:
    `DELETE /users/me/sessions/`).

    Args:
        body (LogoutRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | ErrorBody
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: LogoutRequest,
) -> Response[Any | ErrorBody]:
    """Signs out of one sign-in (session): its access tokens stop working at once, and the refresh token
    and every token rotated from the same sign-in are revoked, so none of them can be refreshed again;
    its event streams end with `session_ended`. A token that is not live (expired, revoked, already
    logged out) is a 401. Other sign-ins of the user are untouched (to end them all:
    `DELETE /users/me/sessions/`).

    Args:
        body (LogoutRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | ErrorBody]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: LogoutRequest,
) -> Any | ErrorBody | None:
    """Signs out of one sign-in (session): its access tokens stop working at once, and the refresh token
    and every token rotated from the same sign-in are revoked, so none of them can be refreshed again;
    its event streams end with `session_ended`. A token that is not live (expired, revoked, already
    logged out) is a 401. Other sign-ins of the user are untouched (to end them all:
    `DELETE /users/me/sessions/`).

    Args:
        body (LogoutRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | ErrorBody
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
