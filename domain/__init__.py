"""The domain: subscriber records and states, phone numbers and scopes, masking, and the
domain's own errors. No Flask, no Redis: every other layer may use it."""
