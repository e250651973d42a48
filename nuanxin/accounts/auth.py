"""Bearer-token authentication for the API (tokens from POST /auth/token or issue_token)."""

from ninja.security import HttpBearer

from nuanxin.accounts.services import token_lookup


class BearerAuth(HttpBearer):
    def authenticate(self, request, token):
        found = token_lookup(token)
        if found is None:
            return None
        request.user = found.user
        request.nuanxin_token = found  # "My devices" marks this one as the current device
        return found.user


bearer = BearerAuth()
