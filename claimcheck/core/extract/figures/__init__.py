"""Figures in English and French claims: counts, dates, quantities, money, percentages and
durations, normalised so that two outlets' figures can be compared ("1,200" = "1 200",
"60 kilometers" = "37 miles", "hundreds" vs "300", "January 17" vs "janvier").

Decisions worth knowing:

* Digits follow the claim's language for the one ambiguous case, a single separator followed by
  exactly three digits: "1,200" is 1200 in English and 1.2 in French, "1.200" is 1.2 in English
  and 1200 in French. Everything else is read the same way in both ("12,5" and "12.5" are 12.5;
  "1 200" with a space, NBSP or narrow NBSP is 1200).
* Not counts: ordinals ("1st", "2e", "Louis XIV" - Roman numerals are never read), numbers glued
  to letters or a letter and hyphen ("S-300", "F-16", "COVID-19", "MH17"), numbers right after
  a capitalised word in mid-sentence ("Resolution 2254", "Boeing 737"), phone-like digit groups,
  and the words "one"/"un"/"une"/"a" on their own ("one soldier" is not counted; "one million",
  "an hour" and "a dozen" are).
* A bare four-digit number from 1800 to 2100 is a year unless a unit, currency, percent sign,
  qualifier ("some 1500") or a counted noun from the lexicon ("1500 soldiers") says otherwise.
* A conversion in parentheses belongs to the figure before it: "60 kilometers (37 miles)" is one
  quantity.

How the :class:`Figure` fields are used (they must carry everything :func:`compare_figures` needs):

* counts: ``unit`` is the counted thing, a lexicon concept shared by both languages ("dead",
  "soldier", "strike") or ``~stem`` for a noun outside the lexicon; ``None`` when nothing is
  counted.
* quantities: ``unit`` is the canonical unit of the dimension (km, km2, kg, l, km/h, degC, W) and
  values are converted to it; durations are in seconds (``s``); money carries an ISO currency code
  in lowercase; percentages ``percent`` or ``pp`` (percentage points).
* approximations: "about 400" is value 400, low 360, high 440, approximate; "nearly 400" low 340,
  high 400; "over 400" low 400, high ``None``; "under 400" low ``None``, high 400; magnitudes
  ("hundreds") have no value and low..high 100..999; a range ("5 to 20") is not approximate,
  value is the midpoint.
* dates: ``unit`` ``date`` with low/high the proleptic ordinals (``datetime.date.toordinal``) of
  the first and last day covered; when the year is unknown ``date:md`` with low/high coded as
  month*100+day (a month alone is m*100+1..m*100+31); an unresolved weekday ``date:wd`` (value
  0 = Monday); an unresolved relative date ``date:rel:<day|week|month|year>`` (value = offset);
  clock times ``time`` (value = minutes after midnight).
"""

from __future__ import annotations

from claimcheck.core.extract.figures.calendar import parse_reference_date
from claimcheck.core.extract.figures.compare import (
    compare_figures,
    dates_differ_as_written,
    figure_affinity,
    figure_granularity,
    is_label,
    month_and_day,
    writes_day_numbers,
)
from claimcheck.core.extract.figures.recognise import extract_figures

__all__ = [
    "compare_figures",
    "dates_differ_as_written",
    "extract_figures",
    "figure_affinity",
    "figure_granularity",
    "is_label",
    "month_and_day",
    "parse_reference_date",
    "writes_day_numbers",
]
