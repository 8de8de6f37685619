"""Account pages: two-factor steps and profile (``otp``), managing people (``users``)."""
