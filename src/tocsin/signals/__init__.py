"""Signals: dyad series, tension index, escalation detection."""

from .detect import Alert, Settings, detect, save_alerts
from .series import PERIODS, active_dyads, dyad_series

__all__ = ["PERIODS", "Alert", "Settings", "active_dyads", "detect", "dyad_series", "save_alerts"]
