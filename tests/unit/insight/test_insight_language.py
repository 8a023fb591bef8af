"""Language: detected offline; only English gets a sentiment, until a moderator adds a translation."""

import pytest

from engage.insight import analyse, detect_language


@pytest.mark.parametrize("text", ["Great", "ok", "Fine.", "None", "N/a", "Excellent service.", "Staff very caring."])
def test_short_english_is_english(text):
    assert detect_language(text) == "en"


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Personel był bardzo pomocny, ale czekaliśmy miesiącami", "pl"),
        ("Copilul meu nu primește ajutor la școală", "ro"),
        ("Mano sūnus negauna pagalbos mokykloje", "lt"),
        ("میرے بیٹے کو اسکول میں مدد نہیں ملتی", "ur"),
        ("আমার ছেলে স্কুলে সাহায্য পায় না", "bn"),
        ("ابني لا يحصل على مساعدة في المدرسة", "ar"),
        ("Ilmahaygu caawimaad kuma helo dugsiga", "so"),
        ("Mi hijo no recibe apoyo en la escuela", "es"),
    ],
)
def test_community_languages_are_recognised(text, code):
    assert detect_language(text) == code


@pytest.mark.parametrize("text", [None, "", "12345", "?!"])
def test_no_words_means_no_language(text):
    assert detect_language(text) is None


def test_other_language_gets_no_sentiment_until_translated():
    polish = "Personel był niemiły i nikt nas nie słuchał"
    untranslated = analyse(polish)
    assert untranslated.language == "pl"
    assert untranslated.sentiment is None and untranslated.sentiment_score is None
    assert "needs-translation" in untranslated.flags

    translated = analyse(polish, translation="The staff were unkind and nobody listened to us")
    assert translated.language == "pl"
    assert translated.sentiment == "negative"
    assert "listening" in translated.themes
    assert "needs-translation" not in translated.flags
