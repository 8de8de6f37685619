import pytest

from danvan.lib.text import fold, search_terms


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Xã Trường Sơn", "xa truong son"),
        ("ĐẶC KHU Côn Đảo", "dac khu con dao"),
        ("  Phường   Hoàn\tKiếm ", "phuong hoan kiem"),
        ("Thừa Thiên Huế", "thua thien hue"),
        ("", ""),
    ],
)
def test_fold_removes_diacritics_and_case(text, expected):
    assert fold(text) == expected


def test_fold_handles_precomposed_and_decomposed_forms_alike():
    import unicodedata

    word = "Trường Sơn"
    assert fold(unicodedata.normalize("NFC", word)) == fold(unicodedata.normalize("NFD", word))


def test_search_terms_drops_punctuation_and_bounds_size():
    assert search_terms("  Trường-Sơn!! ") == ["truong", "son"]
    assert search_terms("a " * 50) == ["a"] * 8
    assert search_terms("%_\\") == []
