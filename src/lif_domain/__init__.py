"""LIF's event-sourced core: aggregates, their events, and the framework's rules.

Pure: imports only the eventsourcing library, attrs and the standard library.
"""
