"""Search backends for the portal's pre-segmented Chinese text."""
