"""Redis: the connection, every key, subscriber records and the intent log."""
