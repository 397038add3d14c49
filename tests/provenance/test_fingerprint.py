from byline.provenance.fingerprint import claim_features, extract_amounts, number_features
from byline.provenance.text import shingles, words
from byline.textkit import sentences


def test_ranges_normalise_the_same_way() -> None:
    forms = ["profits of $10m-$15m", "profits of $10-15 million", "profits of between $10m and $15m"]
    expected = {"n:10000000", "n:15000000", "n:10000000|usd", "n:15000000|usd"}
    for text in forms:
        assert set(number_features(text)) == expected, text


def test_unit_and_bare_value_both_present() -> None:
    feats = number_features("The army sent 11,000 soldiers.")
    assert "n:11000" in feats and "n:11000|soldier" in feats


def test_days_of_month_zip_codes_street_numbers_and_times_are_not_claims() -> None:
    text = (
        "On March 17 the office at 450 Elm Street, Austin, TX 78701 opened at 10:30 am. It closed on 5 June."
    )
    amounts, _ = extract_amounts(text)
    assert amounts == []


def test_dates_give_year_and_year_month() -> None:
    feats = number_features("The raid came in September 2023, a year after 2022.")
    assert {"ym:2023-09", "y:2023", "y:2022"} <= set(feats)
    assert feats["ym:2023-09"] > feats["y:2023"]  # a month-year is rarer than a year


def test_specific_numbers_weigh_more_than_round_ones() -> None:
    feats = number_features("They counted 313,500 people and 100 cars.")
    assert feats["n:313500"] > feats["n:100"]


def test_name_words_are_single_folded_tokens() -> None:
    feats = claim_features("Officials said Héctor Guerrero Flores escaped with the help of MS-13.")
    assert {"w:hector", "w:guerrero", "w:flores", "w:ms-13"} <= set(feats)
    assert "n:13" not in feats  # a digit inside a name is not an amount
    plural = claim_features("The hosts said the Golden Globes' red carpet was wet.")
    assert "w:globes" in plural and "w:globes'" not in plural  # plural possessive: the name alone


def test_sentences_and_shingles() -> None:
    text = "The first one is here. The second one follows!\nA third line"
    assert len(sentences(text)) == 3
    tokens = words("a b c d e f")
    assert shingles(tokens, 5) == {"a b c d e", "b c d e f"}
    assert shingles(["a", "b"], 5) == {"a b"}
