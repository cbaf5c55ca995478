"""Month names that CLDR and dateparser lack, shared by the date readers.

CLDR's Arabic months are the Egyptian/Gulf transliterations (يناير … ديسمبر). News in the
Levant and Iraq writes the Syriac names (كانون الثاني, شباط, …), the Maghreb writes the
French-derived ones (جانفي, فيفري, …), and Egyptian papers also spell some months their
own way (يونيه, يوليه, إبريل).
"""

from __future__ import annotations

EXTRA_MONTHS: dict[str, dict[str, int]] = {
    "ar": {
        # Levant and Iraq
        "كانون الثاني": 1,
        "شباط": 2,
        "آذار": 3,
        "نيسان": 4,
        "أيار": 5,
        "حزيران": 6,
        "تموز": 7,
        "آب": 8,
        "أيلول": 9,
        "تشرين الأول": 10,
        "تشرين الثاني": 11,
        "كانون الأول": 12,
        # Maghreb
        "جانفي": 1,
        "فيفري": 2,
        "أفريل": 4,
        "ماي": 5,
        "جوان": 6,
        "جويلية": 7,
        "أوت": 8,
        # Egyptian and other spellings
        "ابريل": 4,
        "إبريل": 4,
        "يونيه": 6,
        "يوليه": 7,
        "اغسطس": 8,
        "أغسطس": 8,
    },
}
