"""One message end to end (classify, dialogue, one store write, log), the journal of messages
the store could not take, bulk imports, links, the settings the app is built from, and how the
service is handed to the edge."""

from domain.messages import Inbound
from service.binding import ServiceProvider, bound, bound_command, current_service, service_of
from service.optout import OptOutService, Result

__all__ = ["Inbound", "OptOutService", "Result", "ServiceProvider", "bound", "bound_command", "current_service", "service_of"]
