"""Signals: dyad series, tension index, escalation detection."""

from .detect import Alert, Settings, detect, save_alerts
from .series import PERIODS, all_series, dyad_series

__all__ = ["PERIODS", "Alert", "Settings", "all_series", "detect", "dyad_series", "save_alerts"]
