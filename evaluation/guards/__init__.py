"""Guards of the public actions, below the services: the captcha and the rate limits.

Services, the public views and the API import them from here; they import only
portal's counters and captcha, never a view or a service.
"""
