"""When and where, over a whole document: the principal meeting sets the day and the place of what is said at it;
a government's own release places its meetings at home where it names no place; gatherings of known dates and
cities; recalled, announced and undated events get their own dates. The real coder, on texts written for these
tests."""

from __future__ import annotations

import pytest

from readout.records import Document


@pytest.fixture(scope="module")
def run(coder):
    def code(text: str, date: str, source: str | None = None, title: str = ""):
        return coder.code(Document(text=text, date=date, source=source, title=title)).events

    return code


def find(events, code: str, source: str | None = None):
    out = [e for e in events if e.cameo == code and (source is None or any(a.country == source for a in e.source))]
    assert out, f"no {code} event in {[(e.cameo, [a.country for a in e.source]) for e in events]}"
    return out[0]


READOUT = ("President Biden met with Prime Minister Kishida of Japan. The leaders discussed the security situation "
           "in the Indo-Pacific. President Biden praised Japan's leadership on climate.")


def test_a_release_places_its_own_meeting_at_home_where_it_names_no_place(run):
    events = run(READOUT, "2023-01-13", source="whitehouse.gov")
    visit = find(events, "042", "JPN")  # the guest's visit to the host
    assert visit.where.country == "USA"
    assert find(events, "043", "USA").where.country == "USA"
    assert find(events, "051", "USA").where.country == "USA"  # said at the meeting, where the meeting is


def test_without_a_known_publisher_an_unplaced_meeting_stays_unplaced(run):
    events = run(READOUT, "2023-01-13")
    meeting = find(events, "040")
    assert meeting.where is None


def test_a_call_has_no_place_even_in_a_release(run):
    events = run("President Biden spoke with Prime Minister Kishida of Japan. The leaders discussed the security "
                 "situation in the Indo-Pacific.", "2023-01-13", source="whitehouse.gov",
                 title="Readout of President Biden's Call with Prime Minister Kishida of Japan")
    assert find(events, "041")
    assert all(e.where is None for e in events)


@pytest.mark.parametrize("date, city, country, gathering", [
    ("2021-10-31", "Rome", "ITA", "g20-2021"),
    ("2022-11-15", "Bali", "IDN", "g20-2022"),
])
def test_a_summit_of_known_dates_places_the_meetings_on_its_margins(run, date, city, country, gathering):
    events = run("President Biden met with President Erdogan of Turkey on the margins of the G20 Summit.", date,
                 source="whitehouse.gov")
    meeting = find(events, "044")  # neither side's country: a third-location meeting
    assert (meeting.where.name, meeting.where.country) == (city, country)
    assert meeting.values["gathering"] == gathering


@pytest.mark.parametrize("name, region, geonames_id", [
    ("Rome", "IT.07", 3169070), ("Almaty", "KZ.02", 1526384), ("Glasgow", "GB.SCT", 2648579),
    ("Virginia", "US.VA", 6254928),
])
def test_places_carry_their_geonames_id_and_first_level_region(name, region, geonames_id):
    from readout.nlp.where import geocoder

    place = geocoder().lookup(name)
    assert (place.region, place.geonames_id) == (region, geonames_id)


def test_a_summit_outside_its_dates_places_nothing(run):
    events = run("President Biden met with President Erdogan of Turkey to prepare the G20 Summit.", "2021-03-02")
    assert all(e.values.get("gathering") is None for e in events)


def test_the_sidelines_of_a_named_conference_place_the_meeting(run):
    events = run("On the sidelines of the climate conference in Glasgow, the President of Ukraine met with the Prime "
                 "Minister of India.", "2021-11-02")
    meeting = find(events, "044")
    assert meeting.where.country == "GBR"


def test_an_announced_attendance_takes_the_gatherings_dates_and_city(run):
    events = run("President Xi Jinping will attend the BRICS Summit and meet President Ramaphosa.", "2018-05-30",
                 source="fmprc.gov.cn")
    attend = [e for e in events if e.values.get("gathering") == "brics-2018"]
    assert attend and attend[0].where.country == "ZAF"
    assert (attend[0].when.start, attend[0].when.end) == ("2018-07-25", "2018-07-27")


def test_the_meeting_the_text_dates_sets_the_day_of_what_follows(run):
    events = run("On April 13, 2023, U.S. Homeland Security Advisor Elizabeth Sherwood-Randall met Mexican Secretary "
                 "of Security Rosa Icela Rodriguez at the White House. The United States and Mexico agreed to share "
                 "intelligence on fentanyl trafficking.", "2023-04-14")
    agreed = [e for e in events if e.cameo.startswith("0") and e.cameo[:2] in ("03", "05", "06")]
    assert agreed
    assert {(e.when.start, e.where.country if e.where else None) for e in agreed} == {("2023-04-13", "USA")}


def test_a_place_written_with_its_state_or_district(run):
    events = run("Secretary Blinken met with Indonesian Foreign Minister Retno Marsudi today in Washington, D.C.",
                 "2021-08-03")
    assert find(events, "042", "IDN").where.country == "USA"


def test_an_announced_visit_is_placed_at_its_destination(run):
    events = run("Vice Chairman Wang Yang will pay an official visit to Laos from November 16 to 19.", "2019-11-07")
    visit = find(events, "036")
    assert visit.where.country == "LAO"
    assert (visit.when.start, visit.when.end) == ("2019-11-16", "2019-11-19")


def test_a_month_without_a_year_is_the_next_one_for_an_intention(run):
    events = run("President Zelensky proposed to hold a summit with President Aliyev in Kyiv in February.",
                 "2021-12-15")
    summit = find(events, "036")
    assert summit.when.value == "2022-02"
    assert summit.where.country == "UKR"


def test_a_recent_event_is_dated_to_the_documents_month(run):
    events = run("Putin and Lukashenko discussed the results of the recent Russian-US talks in Geneva.",
                 "2022-01-21")
    talks = [e for e in events if e.cameo.startswith("04") and {"USA", "RUS"} <= {a.country for a in
                                                                               (*e.source, *e.target)}]
    assert talks and talks[0].when.value == "2022-01" and talks[0].when.precision == "month"


def test_an_anniversary_dates_the_event_it_marks(run):
    events = run("Today marks the 30th anniversary of Hungary's recognition of Ukraine's independence.", "2021-12-03")
    assert find(events, "054", "HUN").when.value == "1991-12-03"
    events = run("This year marks the 30th anniversary of Hungary's recognition of Ukraine's independence.",
                 "2021-06-30")
    assert find(events, "054", "HUN").when.value == "1991"


def test_a_document_that_dates_nothing_dates_the_acts_it_reports_to_its_month(run):
    text = ("Armenia and Azerbaijan agreed to open a new railway line. The United States condemns Russia's attack on "
            "the convoy.")
    events = run(text, "2021-07-16", source="state.gov")
    agreed = [e for e in events if e.cameo.startswith("03") and "ARM" in {a.country for a in e.source}]
    assert agreed and {e.when.value for e in agreed} == {"2021-07"}
    condemn = find(events, "111", "USA")
    assert condemn.when.value == "2021-07-16"  # the document's own statement is of its day
    dated = run(text.replace("agreed", "agreed today"), "2021-07-16", source="state.gov")
    assert {e.when.value for e in dated if e.cameo.startswith("03")} == {"2021-07-16"}


def test_a_host_the_text_names_places_the_meeting_abroad(run):
    events = run("President Biden met with President Parmelin of Switzerland. President Biden thanked President "
                 "Parmelin for hosting the summit.", "2021-06-15", source="whitehouse.gov")
    visit = find(events, "042", "USA")  # the guest's visit to the host
    assert visit.where.country == "CHE"


def test_leaders_named_by_title_and_apposition_meet(run):
    events = run("Today, the President of the United States, Joseph R. Biden, and the President of the Republic of "
                 "Korea, Yoon Suk Yeol, met at the White House.", "2023-04-26")
    visit = find(events, "042", "KOR")
    assert [a.country for a in visit.target] == ["USA"] and visit.where.country == "USA"


def test_an_appeal_called_a_call_does_not_make_a_meeting_remote(run):
    events = run("President Biden and President Petro of Colombia met today. They reiterated the urgent call for a "
                 "lasting peace.", "2023-04-20")
    assert not [e for e in events if e.cameo == "041"]
    assert [e for e in events if e.cameo.startswith("04")]


def test_a_visit_to_a_city_is_placed_in_the_city(run):
    events = run("In October, President Putin visited Beijing.", "2021-11-02")
    visit = find(events, "042", "RUS")
    assert (visit.where.name, visit.where.country, visit.when.value) == ("Beijing", "CHN", "2021-10")


def test_a_summit_recalled_without_a_date_is_dated_by_its_gathering(run):
    events = run("President Biden and Prime Minister Meloni both affirm that the NATO Summit in Vilnius was a success.",
                 "2023-07-27", source="whitehouse.gov")
    summit = [e for e in events if e.values.get("gathering") == "nato-2023"]
    assert summit and (summit[0].when.start, summit[0].when.end) == ("2023-07-11", "2023-07-12")
    assert summit[0].modality == "reported" and summit[0].where.country == "LTU"


def test_a_dateline_gives_the_document_its_date_and_place_but_never_todays_date(coder):
    coded = coder.code(Document(text="WASHINGTON, March 3, 2024 — Secretary Blinken met with Foreign Minister Wang Yi "
                                     "of China. The two discussed trade."))
    assert coded.when.value == "2024-03-03" and coded.when.text == "March 3, 2024"
    assert {(e.cameo, e.where.name) for e in coded.events if e.cameo.startswith("04")} == {("042", "Washington"),
                                                                                           ("043", "Washington")}
    yearless = coder.code(Document(text="MOSCOW, March 3 (Reuters) - Russia's foreign minister met his Chinese "
                                        "counterpart on Tuesday."))
    assert yearless.when is None and all(e.when is None for e in yearless.events)
    dated = coder.code(Document(text=yearless.document.text, date="2024-03-03"))
    assert {e.when.value for e in dated.events} == {"2024-02-27"}  # the Tuesday before that Sunday
    assert {e.where.name for e in dated.events} == {"Moscow"}
