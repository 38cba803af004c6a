from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.admin_user_page import AdminUserPage
from ...models.error_body import ErrorBody
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    search: str | Unset = UNSET,
    is_active: bool | Unset = UNSET,
    is_staff: bool | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["page"] = page

    params["page_size"] = page_size

    params["search"] = search

    params["is_active"] = is_active

    params["is_staff"] = is_staff

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/admin/users",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> AdminUserPage | ErrorBody | None:
    if response.status_code == 200:
        response_200 = AdminUserPage.from_dict(response.json())

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

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[AdminUserPage | ErrorBody]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    search: str | Unset = UNSET,
    is_active: bool | Unset = UNSET,
    is_staff: bool | Unset = UNSET,
) -> Response[AdminUserPage | ErrorBody]:
    """Every user, inactive ones included, oldest account first; filter with `search` (case-insensitive
    text in the username, email, first or last name), `is_active` and `is_staff`.

    Args:
        page (int | Unset):
        page_size (int | Unset):
        search (str | Unset):
        is_active (bool | Unset):
        is_staff (bool | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AdminUserPage | ErrorBody]
    """

    kwargs = _get_kwargs(
        page=page,
        page_size=page_size,
        search=search,
        is_active=is_active,
        is_staff=is_staff,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    search: str | Unset = UNSET,
    is_active: bool | Unset = UNSET,
    is_staff: bool | Unset = UNSET,
) -> AdminUserPage | ErrorBody | None:
    """Every user, inactive ones included, oldest account first; filter with `search` (case-insensitive
    text in the username, email, first or last name), `is_active` and `is_staff`.

    Args:
        page (int | Unset):
        page_size (int | Unset):
        search (str | Unset):
        is_active (bool | Unset):
        is_staff (bool | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AdminUserPage | ErrorBody
    """

    return sync_detailed(
        client=client,
        page=page,
        page_size=page_size,
        search=search,
        is_active=is_active,
        is_staff=is_staff,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    search: str | Unset = UNSET,
    is_active: bool | Unset = UNSET,
    is_staff: bool | Unset = UNSET,
) -> Response[AdminUserPage | ErrorBody]:
    """Every user, inactive ones included, oldest account first; filter with `search` (case-insensitive
    text in the username, email, first or last name), `is_active` and `is_staff`.

    Args:
        page (int | Unset):
        page_size (int | Unset):
        search (str | Unset):
        is_active (bool | Unset):
        is_staff (bool | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AdminUserPage | ErrorBody]
    """

    kwargs = _get_kwargs(
        page=page,
        page_size=page_size,
        search=search,
        is_active=is_active,
        is_staff=is_staff,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    search: str | Unset = UNSET,
    is_active: bool | Unset = UNSET,
    is_staff: bool | Unset = UNSET,
) -> AdminUserPage | ErrorBody | None:
    """Every user, inactive ones included, oldest account first; filter with `search` (case-insensitive
    text in the username, email, first or last name), `is_active` and `is_staff`.

    Args:
        page (int | Unset):
        page_size (int | Unset):
        search (str | Unset):
        is_active (bool | Unset):
        is_staff (bool | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AdminUserPage | ErrorBody
    """

    return (
        await asyncio_detailed(
            client=client,
            page=page,
            page_size=page_size,
            search=search,
            is_active=is_active,
            is_staff=is_staff,
        )
    ).parsed
