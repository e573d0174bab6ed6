"""Widgets of the main screen: kanban, roadmap, detail panel, status and key lines."""
