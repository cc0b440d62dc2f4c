"""One message end to end (classify, dialogue, one store write, log), the journal of messages
the store could not take, bulk imports, and the settings the app is built from."""
from service.optout import SERVICE_EXTENSION, Inbound, OptOutService, Result, current_service

__all__ = ["SERVICE_EXTENSION", "Inbound", "OptOutService", "Result", "current_service"]
