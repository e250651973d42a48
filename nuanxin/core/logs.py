"""Logging that keeps personal data out of the log files: a filter on every handler masks
phone and ID numbers in what is written (settings.LOGGING), whoever logged them."""

import logging

from nuanxin.core.masking import mask_in_text


class MaskPersonalData(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        masked = mask_in_text(message)
        if masked != message:
            record.msg, record.args = masked, None
        return True
