"""HTTP entry points: the Twilio webhook."""
