import re
import time

from django.core import mail
from django_otp.oath import TOTP


def totp_token(device, *, steps_ahead: int = 0) -> str:
    """The code an authenticator app shows for ``device`` now (or ``steps_ahead`` steps later)."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() + steps_ahead * device.step
    return f"{totp.token():0{device.digits}d}"


def link_in_last_mail() -> str:
    """The path of the first http(s) link in the last e-mail sent."""
    body = mail.outbox[-1].body
    match = re.search(r"https?://[^/\s]+(/\S+)", body)
    assert match, body
    return match.group(1)
