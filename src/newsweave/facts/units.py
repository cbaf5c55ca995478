"""Unit symbols read the same way in every language (case-sensitive), to canonical form."""

from __future__ import annotations

# Written symbol → canonical symbol. Word forms of units ("mégawatts", "ميجاوات") are in
# each language's tables; these are the abbreviations shared by all of them.
UNIT_SYMBOLS: dict[str, str] = {
    "MW": "MW", "GW": "GW", "kW": "kW", "KW": "kW", "TW": "TW", "MWh": "MWh", "GWh": "GWh",
    "kWh": "kWh", "TWh": "TWh", "km": "km", "Km": "km", "KM": "km", "m": "m", "cm": "cm",
    "mm": "mm", "kg": "kg", "Kg": "kg", "g": "g", "mg": "mg", "t": "t", "Mt": "Mt", "l": "l",
    "L": "l", "ml": "ml", "ha": "ha", "km²": "km2", "m²": "m2", "m³": "m3", "bcm": "bcm",
    "bbl": "bbl", "bpd": "bbl/d", "°C": "°C", "°F": "°F", "mph": "mph", "km/h": "km/h",
    "GB": "GB", "TB": "TB", "MB": "MB", "Mbps": "Mbps", "Gbps": "Gbps", "TH/s": "TH/s",
    "EH/s": "EH/s", "МВт": "MW", "ГВт": "GW", "кВт": "kW", "км": "km", "кг": "kg",
}
