"""What guards the public actions (nominate, status lookup, vote): captchas, rate limits, upload limits."""
