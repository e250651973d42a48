"""Schema building blocks shared by every app's API."""

from typing import Annotated

from django.core.exceptions import ValidationError
from pydantic import AfterValidator, Field

from nuanxin.core.validators import check_id_number, check_phone, check_uscc

MAX_ID = 2**63 - 1
MAX_OFFSET = 1_000_000_000


def django_check(fn):
    """Run a core validator inside pydantic, so the API names the field and says why."""

    def run(value):
        try:
            return fn(value)
        except ValidationError as exc:
            raise ValueError(" ".join(str(m) for m in exc.messages)) from None

    return AfterValidator(run)


Phone = Annotated[str, Field(max_length=20, examples=["13812345678"]), django_check(check_phone)]
IdNumber = Annotated[str, Field(max_length=18, examples=["32058319900307001X"]), django_check(check_id_number)]
Uscc = Annotated[str, Field(max_length=18, examples=["91320583MA1MXXXX0X"]), django_check(check_uscc)]
Limit = Annotated[int, Field(ge=1, le=1000)]
Offset = Annotated[int, Field(ge=0, le=MAX_OFFSET)]
