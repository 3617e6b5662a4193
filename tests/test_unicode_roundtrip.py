"""Whatever a clerk types comes back exactly, in every text field."""

from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from secretariat_app.core.services.decisions import DecisionInput, create_decision, get_decision
from secretariat_app.core.services.forums import ForumInput, create_forum, get_forum
from secretariat_app.core.services.progress import NoteInput, ProgressInput, add_progress_entry
from secretariat_app.core.validation import clean_text

# Any printable text (no surrogates; control characters are dropped by clean_text on purpose).
texts = st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=300).filter(
    lambda t: clean_text(t) != ""
)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(city=texts, theme=texts, ru=texts, kk=texts, note=texts, letter=texts.map(lambda t: t[:200]))
def test_arbitrary_unicode_round_trips_through_every_text_field(database, city, theme, ru, kk, note, letter):
    with database.session() as s:
        forum, _ = create_forum(
            s,
            ForumInput(
                number=1,
                city_ru=city[:200],
                city_kk=city[:200],
                country="KZ",
                start_date=dt.date(2020, 1, 1),
                theme_ru=theme,
                theme_kk=theme,
                notes=note,
            ),
        )
        decision, _ = create_decision(
            s, DecisionInput(forum.id, "1", {"ru": ru, "kk": kk, "en": note}, "other")
        )
        add_progress_entry(
            s,
            decision.id,
            ProgressInput(
                "2020-02-01", None, None, {"ru": NoteInput(note, theme, ru), "kk": NoteInput(kk)}, letter
            ),
        )
        ids = forum.id, decision.id
    with database.reader() as s:
        forum, decision = get_forum(s, ids[0]), get_decision(s, ids[1])
        assert (forum.city_ru, forum.theme_kk, forum.notes) == (
            clean_text(city[:200]),
            clean_text(theme),
            clean_text(note),
        )
        assert (decision.text("ru"), decision.text("kk"), decision.text("en")) == (
            clean_text(ru),
            clean_text(kk),
            clean_text(note),
        )
        entry = decision.progress[0]
        ru_note = entry.notes["ru"]
        assert (ru_note.done, ru_note.obstacles, ru_note.next_steps) == (
            clean_text(note),
            clean_text(theme),
            clean_text(ru),
        )
        assert entry.letter_number == clean_text(letter)
    with database.session() as s:
        from secretariat_app.core.services.decisions import delete_decision
        from secretariat_app.core.services.forums import delete_forum

        delete_decision(s, ids[1])
        delete_forum(s, ids[0])
