"""LIF's event-sourced core: aggregates, their events, and the framework's rules.

Pure: imports only the eventsourcing library and the standard library.
"""
