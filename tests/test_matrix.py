"""The answer matrix renders every pair of answer values."""

from tests.matrix import ANSWER_VALUES, COMBINATIONS, MARKER_WORDS, missing_pairs


def test_every_pair_of_answer_values_is_rendered() -> None:
    missing = missing_pairs()
    assert not missing, "no combination of tests/matrix.py renders " + "; ".join(missing)


def test_every_combination_answers_with_known_values() -> None:
    for name, combination in COMBINATIONS.items():
        for question, value in combination.value_classes().items():
            assert value in ANSWER_VALUES[question], f"{name}: {question}={value}"


def test_marker_words_name_known_answer_values() -> None:
    for question, value in MARKER_WORDS:
        assert value in ANSWER_VALUES[question], (question, value)
