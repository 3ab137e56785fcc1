"""Staff sign-in: lockout after wrong passwords, two-factor codes, session limits."""
