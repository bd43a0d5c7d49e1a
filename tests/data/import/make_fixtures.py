#!/usr/bin/env python3
"""Writes the encoded import fixtures (tests/import.rs reads them). Run from this folder:
`python3 make_fixtures.py`. The same Cyrillic text in UTF-8, UTF-16 LE (with BOM, CRLF),
Windows-1251 (CRLF) and KOI8-R; a CJK and an Arabic text; a Windows-1251 web page that
declares its charset. news-page.html and notes.md are written by hand."""

CYRILLIC = (
    "Минск, 22 июня. Власти Беларуси освободили 14 политических заключённых, "
    "в том числе Сергея Тихановского.\n"
    "\"Это важный день, но за решёткой остаются более 1100 человек\", - сказала Светлана Тихановская.\n"
    "По данным правозащитного центра \"Вясна\", с 2020 года по политическим мотивам осуждены свыше 3000 человек.\n"
    "Александр Лукашенко, который правит страной с 1994 года, освобождение не прокомментировал.\n"
)  # ASCII quotes and hyphen: KOI8-R has no « » or —.

CJK = (
    "北京，6月22日。白俄罗斯释放了14名政治犯，其中包括反对派人士季哈诺夫斯基。\n"
    "人权组织“春天”表示，仍有1100多人被关押。\n"
    "ミンスクで22日、政治犯14人が釈放された。「素晴らしい日だ」とチハノフスカヤ氏は語った。\n"
    "벨라루스는 정치범 14명을 석방했다.\n"
)

ARABIC = (
    "أفرجت السلطات في بيلاروسيا عن 14 سجينًا سياسيًا، من بينهم سيرغي تيخانوفسكي.\n"
    "وقالت سفيتلانا تيخانوفسكايا: «إنه يوم عظيم، لكن أكثر من 1100 شخص ما زالوا خلف القضبان».\n"
    "ويحكم ألكسندر لوكاشينكو البلاد منذ عام 1994.\n"
)

PAGE_1251 = (
    "<!DOCTYPE html>\n<html lang=\"ru\"><head>\n"
    "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1251\">\n"
    "<title>Освобождение политзаключённых</title></head>\n<body>\n"
    "<nav><a href=\"/\">Главная</a> | <a href=\"/news\">Новости</a></nav>\n"
    "<article><h1>Освобождение политзаключённых</h1>\n"
    "<p>Власти Беларуси освободили 14 политических заключённых, в том числе Сергея Тихановского. "
    "Это произошло после визита в Минск специального посланника США Кита Келлога.</p>\n"
    "<p>По данным правозащитного центра «Вясна», за решёткой по-прежнему остаются более 1100 человек, "
    "а с 2020 года по политическим мотивам осуждены свыше 3000 человек.</p>\n"
    "<p>Александр Лукашенко, который правит страной с 1994 года, освобождение не прокомментировал. "
    "Государственное агентство сообщило о помиловании.</p>\n"
    "</article>\n<footer>© 2025 Новости</footer>\n</body></html>\n"
)


def write(name, data):
    with open(name, "wb") as f:
        f.write(data)


crlf = CYRILLIC.replace("\n", "\r\n")
write("cyrillic-utf8.txt", CYRILLIC.encode("utf-8"))
write("cyrillic-utf16le.txt", b"\xff\xfe" + crlf.encode("utf-16-le"))
write("cyrillic-cp1251.txt", crlf.encode("cp1251"))
write("cyrillic-koi8r.txt", CYRILLIC.encode("koi8_r"))
write("cjk.txt", CJK.encode("utf-8"))
write("arabic.txt", ARABIC.encode("utf-8"))
write("news-cp1251.html", PAGE_1251.encode("cp1251"))
