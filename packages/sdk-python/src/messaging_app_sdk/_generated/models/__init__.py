"""Contains all the data models used in inputs/outputs"""

from .add_participants_request import AddParticipantsRequest
from .admin_conversation import AdminConversation
from .admin_conversation_page import AdminConversationPage
from .admin_stats import AdminStats
from .admin_user import AdminUser
from .admin_user_page import AdminUserPage
from .conversation import Conversation
from .conversation_kind import ConversationKind
from .conversation_page import ConversationPage
from .create_conversation_request import CreateConversationRequest
from .error_body import ErrorBody
from .error_body_error import ErrorBodyError
from .error_body_error_details import ErrorBodyErrorDetails
from .logout_request import LogoutRequest
from .mark_read_request import MarkReadRequest
from .message import Message
from .message_ordering_param import MessageOrderingParam
from .message_page import MessagePage
from .message_version import MessageVersion
from .message_version_page import MessageVersionPage
from .reaction_summary import ReactionSummary
from .read_state import ReadState
from .realtime_event import RealtimeEvent
from .realtime_event_data import RealtimeEventData
from .realtime_event_type import RealtimeEventType
from .refresh_request import RefreshRequest
from .register_user_request import RegisterUserRequest
from .role import Role
from .send_message_request import SendMessageRequest
from .sign_in_request import SignInRequest
from .sign_in_response import SignInResponse
from .token_pair import TokenPair
from .unread_summary import UnreadSummary
from .update_message_request import UpdateMessageRequest
from .update_user_request import UpdateUserRequest
from .user import User
from .user_page import UserPage
from .user_summary import UserSummary
from .verify_request import VerifyRequest
from .verify_response import VerifyResponse

__all__ = (
    "AddParticipantsRequest",
    "AdminConversation",
    "AdminConversationPage",
    "AdminStats",
    "AdminUser",
    "AdminUserPage",
    "Conversation",
    "ConversationKind",
    "ConversationPage",
    "CreateConversationRequest",
    "ErrorBody",
    "ErrorBodyError",
    "ErrorBodyErrorDetails",
    "LogoutRequest",
    "MarkReadRequest",
    "Message",
    "MessageOrderingParam",
    "MessagePage",
    "MessageVersion",
    "MessageVersionPage",
    "ReactionSummary",
    "ReadState",
    "RealtimeEvent",
    "RealtimeEventData",
    "RealtimeEventType",
    "RefreshRequest",
    "RegisterUserRequest",
    "Role",
    "SendMessageRequest",
    "SignInRequest",
    "SignInResponse",
    "TokenPair",
    "UnreadSummary",
    "UpdateMessageRequest",
    "UpdateUserRequest",
    "User",
    "UserPage",
    "UserSummary",
    "VerifyRequest",
    "VerifyResponse",
)
