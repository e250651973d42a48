"""Bearer-token authentication for the API (tokens from POST /auth/token or issue_token)."""

from ninja.security import HttpBearer

from nuanxin.accounts.services import token_user


class BearerAuth(HttpBearer):
    def authenticate(self, request, token):
        user = token_user(token)
        if user is not None:
            request.user = user
        return user


bearer = BearerAuth()
