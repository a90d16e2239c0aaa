#!/usr/bin/env python3
"""Writes Rules/core/data/holidays/<market>.toml: each market's public holidays and non-working days
for 2025-2030, from the `holidays` package (PyPI, MIT licence, https://github.com/vacanza/holidays),
which follows each country's law and its announced transfers. Accord reads the generated files and
never needs Python at run time.

    pip install holidays==0.109
    python3 Rules/core/generate/market_holidays.py           # rewrite the files
    python3 Rules/core/generate/market_holidays.py --check   # exit 1 if a file differs from the package

A period is a run of days off (holidays and the weekend days joining them) holding at least one
holiday; data/days_off.toml lists the markets off on each date (a period's weekend days only when
it runs four days or more), so a rule asks one look-up whether anyone is off that day before it
searches a market's periods.
Each market's peak seasons, defined in data/calendar.toml, are dated here too (`peaks`), so rules
and the timeline read a date range instead of working one out.
A year is "announced" when the package has that year's own decisions (transfers, extra days off,
China's and Russia's yearly schedules), else "computed" from the law's fixed rules; in a market that
announces transfers every year (`transfers = true`), a computed year may still change. Days of the
Islamic and other lunar calendars that the package only estimates are marked `estimated`.
"""
import datetime
import difflib
import os
import re
import sys
import tomllib

import holidays

PINNED = "0.109"
GATHERED = "2026-12-04"  # bump with PINNED
YEARS = range(2025, 2031)
# The G20's countries, the EU's largest economies and the markets Accord's data already names.
MARKETS = ["AE", "AR", "AT", "AU", "BE", "BR", "CA", "CH", "CN", "DE", "ES", "FR", "GB", "ID", "IE",
           "IN", "IT", "JP", "KR", "KZ", "MX", "NL", "PL", "PT", "RU", "SA", "SE", "TR", "UA", "US",
           "ZA"]
# Languages a period is named in, beside English, when the package has them: those Accord's rules
# are written in, and the market's own.
LANGUAGES = ["ru", "de", "fr", "es", "pt", "ja", "zh"]  # and each market's own
# Names people use for some runs of holidays, by market and a holiday the run holds (English name).
PERIOD_NAMES = {
    ("RU", "New Year Holidays"): {"en": "the New Year holidays", "ru": "новогодние каникулы",
                                  "de": "Neujahrsferien", "fr": "Congés du Nouvel An",
                                  "es": "Vacaciones de Año Nuevo", "pt": "Férias de Ano-Novo",
                                  "ja": "新年休暇", "zh": "新年假期"},
    ("JP", "Constitution Day"): {"en": "Golden Week", "ja": "ゴールデンウィーク", "ru": "Золотая неделя",
                                 "de": "Golden Week", "fr": "Golden Week", "es": "Golden Week",
                                 "pt": "Golden Week", "zh": "黄金周"},
    ("CN", "Chinese New Year (Spring Festival)"): {"en": "the Spring Festival holiday", "zh": "春节假期",
                                                   "ru": "праздник Весны (китайский Новый год)",
                                                   "de": "Frühlingsfest (chinesisches Neujahr)",
                                                   "fr": "Fête du Printemps (Nouvel An chinois)",
                                                   "es": "Fiesta de la Primavera (Año Nuevo chino)",
                                                   "pt": "Festa da Primavera (Ano-Novo chinês)",
                                                   "ja": "春節（旧正月）"},
    ("CN", "National Day"): {"en": "the National Day Golden Week", "zh": "国庆黄金周",
                             "ru": "«золотая неделя» Дня образования КНР",
                             "de": "Goldene Woche zum Nationalfeiertag",
                             "fr": "Semaine d'or de la fête nationale",
                             "es": "Semana Dorada del Día Nacional",
                             "pt": "Semana Dourada do Dia Nacional", "ja": "国慶節の大型連休"},
    ("KR", "Korean New Year"): {"en": "Seollal", "ko": "설날 연휴"},
    ("KR", "Chuseok"): {"en": "Chuseok", "ko": "추석 연휴"},
}
# Markets whose government sets each year's days off by decree (transfers, bridge days, the dates
# of the Eids): a year the package only computes may still change there. Elsewhere the law fixes
# the days and a year-specific entry is a one-off (an election day, a day of mourning).
TRANSFERS = {"AE", "AR", "CN", "ID", "KZ", "RU", "SA", "UA"}
# Each market's name in the sentences of the rules: English (with its article, as it stands in a
# sentence), then bare names in Russian, German, French, Spanish, Portuguese, Japanese and Chinese,
# the languages Accord's rules are written in.
NAME_LANGUAGES = ["en", "ru", "de", "fr", "es", "pt", "ja", "zh"]
NAMES = {
    "AE": ("the United Arab Emirates", "ОАЭ", "Vereinigte Arabische Emirate", "Émirats arabes unis",
           "Emiratos Árabes Unidos", "Emirados Árabes Unidos", "アラブ首長国連邦", "阿联酋"),
    "AR": ("Argentina", "Аргентина", "Argentinien", "Argentine", "Argentina", "Argentina", "アルゼンチン", "阿根廷"),
    "AT": ("Austria", "Австрия", "Österreich", "Autriche", "Austria", "Áustria", "オーストリア", "奥地利"),
    "AU": ("Australia", "Австралия", "Australien", "Australie", "Australia", "Austrália", "オーストラリア", "澳大利亚"),
    "BE": ("Belgium", "Бельгия", "Belgien", "Belgique", "Bélgica", "Bélgica", "ベルギー", "比利时"),
    "BR": ("Brazil", "Бразилия", "Brasilien", "Brésil", "Brasil", "Brasil", "ブラジル", "巴西"),
    "CA": ("Canada", "Канада", "Kanada", "Canada", "Canadá", "Canadá", "カナダ", "加拿大"),
    "CH": ("Switzerland", "Швейцария", "Schweiz", "Suisse", "Suiza", "Suíça", "スイス", "瑞士"),
    "CN": ("China", "Китай", "China", "Chine", "China", "China", "中国", "中国"),
    "DE": ("Germany", "Германия", "Deutschland", "Allemagne", "Alemania", "Alemanha", "ドイツ", "德国"),
    "ES": ("Spain", "Испания", "Spanien", "Espagne", "España", "Espanha", "スペイン", "西班牙"),
    "FR": ("France", "Франция", "Frankreich", "France", "Francia", "França", "フランス", "法国"),
    "GB": ("the United Kingdom", "Великобритания", "Vereinigtes Königreich", "Royaume-Uni", "Reino Unido",
           "Reino Unido", "イギリス", "英国"),
    "ID": ("Indonesia", "Индонезия", "Indonesien", "Indonésie", "Indonesia", "Indonésia", "インドネシア", "印度尼西亚"),
    "IE": ("Ireland", "Ирландия", "Irland", "Irlande", "Irlanda", "Irlanda", "アイルランド", "爱尔兰"),
    "IN": ("India", "Индия", "Indien", "Inde", "India", "Índia", "インド", "印度"),
    "IT": ("Italy", "Италия", "Italien", "Italie", "Italia", "Itália", "イタリア", "意大利"),
    "JP": ("Japan", "Япония", "Japan", "Japon", "Japón", "Japão", "日本", "日本"),
    "KR": ("South Korea", "Южная Корея", "Südkorea", "Corée du Sud", "Corea del Sur", "Coreia do Sul", "韓国", "韩国"),
    "KZ": ("Kazakhstan", "Казахстан", "Kasachstan", "Kazakhstan", "Kazajistán", "Cazaquistão", "カザフスタン", "哈萨克斯坦"),
    "MX": ("Mexico", "Мексика", "Mexiko", "Mexique", "México", "México", "メキシコ", "墨西哥"),
    "NL": ("the Netherlands", "Нидерланды", "Niederlande", "Pays-Bas", "Países Bajos", "Países Baixos", "オランダ", "荷兰"),
    "PL": ("Poland", "Польша", "Polen", "Pologne", "Polonia", "Polônia", "ポーランド", "波兰"),
    "PT": ("Portugal", "Португалия", "Portugal", "Portugal", "Portugal", "Portugal", "ポルトガル", "葡萄牙"),
    "RU": ("Russia", "Россия", "Russland", "Russie", "Rusia", "Rússia", "ロシア", "俄罗斯"),
    "SA": ("Saudi Arabia", "Саудовская Аравия", "Saudi-Arabien", "Arabie saoudite", "Arabia Saudí",
           "Arábia Saudita", "サウジアラビア", "沙特阿拉伯"),
    "SE": ("Sweden", "Швеция", "Schweden", "Suède", "Suecia", "Suécia", "スウェーデン", "瑞典"),
    "TR": ("Türkiye", "Турция", "Türkei", "Turquie", "Turquía", "Turquia", "トルコ", "土耳其"),
    "UA": ("Ukraine", "Украина", "Ukraine", "Ukraine", "Ucrania", "Ucrânia", "ウクライナ", "乌克兰"),
    "US": ("the United States", "США", "USA", "États-Unis", "Estados Unidos", "Estados Unidos", "アメリカ", "美国"),
    "ZA": ("South Africa", "ЮАР", "Südafrika", "Afrique du Sud", "Sudáfrica", "África do Sul", "南アフリカ", "南非"),
}
NOTES = {
    "UA": "no public days off while martial law lasts (since 24 February 2022; Labour Code art. 73 "
          "suspended): holidays are working days",
}
ENGLISH = ["en_US", "en_GB", "en_IN", "en_AU", "en_CA"]


def language_code(package_language):
    code = package_language.split("_")[0]
    return "zh" if package_language == "zh_CN" else (None if package_language == "zh_TW" else code)


def static_years(calendar):
    """Years for which the package holds the country's own decisions, and whether it has any."""
    module = sys.modules[type(calendar).__module__]
    years = set()
    for name in dir(module):
        cls = getattr(module, name)
        if not (isinstance(cls, type) and name.endswith("StaticHolidays") and name != "StaticHolidays"):
            continue
        for key, value in vars(cls).items():
            if key.startswith("special_") or key in ("substituted_holidays", "weekend_workdays"):
                if isinstance(value, dict):
                    years.update(value.keys())
    return years


def clean(name):
    """A holiday's name without the package's markers; None for a day off moved from elsewhere."""
    parts = []
    for part in name.split("; "):
        for marker in (" (estimated)", " (observed)", " (observed, estimated)"):
            part = part.replace(marker, "")
        if part.endswith(" Holiday"):
            part = part[: -len(" Holiday")]
        if part.startswith("Day off (substituted") or part.startswith("Substitute Holiday") \
                or part.startswith("Bridge") or part in ("Sunday",):
            continue
        parts.append(part)
    return parts


def local_names(english, local):
    """A day's names in another language, without the marks of an observed or estimated day (the
    day's own parenthesis, in that language's words) and without days off moved from elsewhere."""
    names = []
    for en, name in zip(english.split("; "), local.split("; ")):
        if not clean(en):
            continue
        if "(observed" in en or "(estimated" in en:
            name = re.sub(r"\s*[(（][^()（）]*[)）]\s*$", "", name)
        names.append(name)
    return names


def yearly_day(spec, year):
    """A day of `year` from a yearly date of data/calendar.toml: month and day, or the n-th weekday
    (0 = Sunday) of a month, with `add` days after it."""
    if "day" in spec:
        day = datetime.date(year, spec["month"], spec["day"])
    else:
        weekday = (spec["weekday"] - 1) % 7  # Python: 0 = Monday
        if spec["n"] > 0:
            first = datetime.date(year, spec["month"], 1)
            day = first + datetime.timedelta(days=(weekday - first.weekday()) % 7 + 7 * (spec["n"] - 1))
        else:
            following = datetime.date(year + spec["month"] // 12, spec["month"] % 12 + 1, 1)
            last = following - datetime.timedelta(days=1)
            day = last - datetime.timedelta(days=(last.weekday() - weekday) % 7 + 7 * (-spec["n"] - 1))
    return day + datetime.timedelta(days=spec.get("add", 0))


def peak_windows(code, seasons, days_off):
    """The dated windows of the market's peak seasons, in date order."""
    windows = []
    for key, season in seasons.items():
        if season["market"] != code:
            continue
        if "holiday" in season:
            held = sorted(d for d in days_off if d.year in YEARS and season["holiday"] in days_off[d])
            clusters = []
            for d in held:
                if clusters and (d - clusters[-1][-1]).days <= 3:
                    clusters[-1].append(d)
                else:
                    clusters.append([d])
            for c in clusters:
                windows.append((c[0] - datetime.timedelta(days=season["before"]),
                                c[-1] + datetime.timedelta(days=season["after"]), key))
        else:
            for year in YEARS:
                windows.append((yearly_day(season["from"], year), yearly_day(season["to"], year), key))
    return sorted(windows)


MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]
MONTHS_RU = ["января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября",
             "октября", "ноября", "декабря"]


def spans(start, end):
    """A period's dates as people write them, in English and Russian."""
    def en(d):
        return f"{d.day} {MONTHS[d.month - 1]} {d.year}"

    def ru(d):
        return f"{d.day} {MONTHS_RU[d.month - 1]} {d.year}"
    if start == end:
        return en(start), ru(start)
    return f"{en(start)} to {en(end)}", f"с {ru(start)} по {ru(end)}"


def toml_string(text):
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def market_file(code, seasons, off_by_day):
    probe = holidays.country_holidays(code)
    english = next((l for l in ENGLISH if l in probe.supported_languages), None)
    names = {"en": holidays.country_holidays(code, years=YEARS, language=english)}
    for package_language in probe.supported_languages:
        lang = language_code(package_language)
        own = package_language == probe.default_language
        if (lang in LANGUAGES or own) and lang and lang != "en" and lang not in names:
            names[lang] = holidays.country_holidays(code, years=YEARS, language=package_language)
    days_off = names["en"]
    weekend = sorted((d + 1) % 7 for d in probe.weekend)  # the package: 0 = Monday; CEL: 0 = Sunday
    announced = static_years(probe)
    transfers = code in TRANSFERS
    working_weekends = sorted(d for d in getattr(days_off, "weekend_workdays", set()) if d.year in YEARS)

    def is_off(day):
        return day in days_off or ((day.weekday() + 1) % 7 in weekend and day not in working_weekends)

    periods = []
    for day in sorted(d for d in days_off if d.year in YEARS):
        if periods and periods[-1]["to"] >= day:
            continue
        start, end = day, day
        while is_off(start - datetime.timedelta(days=1)):
            start -= datetime.timedelta(days=1)
        while is_off(end + datetime.timedelta(days=1)):
            end += datetime.timedelta(days=1)
        periods.append({"from": start, "to": end})
    lines = []
    for p in periods:
        run = [p["from"] + datetime.timedelta(days=i) for i in range((p["to"] - p["from"]).days + 1)]
        held = [d for d in run if d in days_off]
        english_names = []
        for d in held:
            for n in clean(days_off[d]):
                if n not in english_names:
                    english_names.append(n)
        label = next((PERIOD_NAMES[(code, n)] for n in english_names if (code, n) in PERIOD_NAMES), None)
        p["name"] = {"en": label["en"] if label else ", ".join(english_names) or "a day off moved by decree"}
        if label:  # the name people use, in every language it is written in here
            p["name"].update(label)
        for lang, calendar in names.items():
            if lang in p["name"]:
                continue
            local = []
            for d in held:
                for n in local_names(days_off[d], calendar[d]):
                    if n not in local:
                        local.append(n)
            if local:
                p["name"][lang] = ", ".join(local)
        p["estimated"] = any("estimated" in days_off[d] for d in held)

    country = type(probe).__mro__[1].__name__ if type(probe).__mro__[1] is not holidays.HolidayBase else code
    out = [
        f"# Public holidays and non-working days, {YEARS[0]}-{YEARS[-1]}: {code}.",
        f"# Generated by Rules/core/generate/market_holidays.py from the `holidays` package {PINNED} (PyPI, MIT",
        "# licence, https://github.com/vacanza/holidays); do not edit by hand. To regenerate:",
        f"#   pip install holidays=={PINNED} && python3 Rules/core/generate/market_holidays.py",
        f"market = {toml_string(code)}",
        f"name = {toml_string(NAMES[code][0])}",
        *(f"name_{lang} = {toml_string(name)}" for lang, name in zip(NAME_LANGUAGES[1:], NAMES[code][1:])),
        f"source = {toml_string(f'holidays {PINNED} (vacanza/holidays, MIT licence), {country}')}",
        f"gathered = {GATHERED}",
        "# Days of the weekend, 0 = Sunday ... 6 = Saturday.",
        f"weekend = [{', '.join(str(d) for d in weekend)}]",
        "# Weekend days made working days by a transfer.",
        f"working_weekends = [{', '.join(d.isoformat() for d in working_weekends)}]",
        "# Whether the government moves days off by decree most years: then a computed year may change.",
        f"transfers = {'true' if transfers else 'false'}",
    ]
    if code in NOTES:
        out.append(f"note = {toml_string(NOTES[code])}")
    if not periods:
        out.append("periods = []")
    out.append("")
    for year in YEARS:
        status = "announced" if year in announced else "computed"
        count = sum(1 for d in days_off if d.year == year)
        estimated = any("estimated" in days_off[d] for d in days_off if d.year == year)
        out.append(f"[years.{year}]")
        out.append(f"status = {toml_string(status)}")
        out.append(f"holidays = {count}")
        out.append(f"estimated = {'true' if estimated else 'false'}")
        out.append("")
    for p in periods:
        # A weekend day counts as a day off of its own only inside a run of four days or more (the
        # New Year holidays, Golden Week, Easter): a key date on the Saturday of a long weekend is
        # no more off than on any other Saturday.
        long_run = (p["to"] - p["from"]).days >= 3
        day = p["from"]
        while day <= p["to"]:
            if long_run or day in days_off:
                off_by_day.setdefault(day, []).append(code)
            day += datetime.timedelta(days=1)
        out.append("[[periods]]")
        out.append(f"from = {p['from'].isoformat()}")
        out.append(f"to = {p['to'].isoformat()}")
        out.append(f"name = {toml_string(p['name']['en'])}")
        span, span_ru = spans(p["from"], p["to"])
        out.append(f"span = {toml_string(span)}")
        out.append(f"span_ru = {toml_string(span_ru)}")
        for lang in sorted(p["name"]):
            if lang != "en":
                out.append(f"name_{lang} = {toml_string(p['name'][lang])}")
        if p["estimated"]:
            out.append("estimated = true")
        out.append("")
    for start, end, key in peak_windows(code, seasons, days_off):
        out.append("[[peaks]]")
        out.append(f"season = {toml_string(key)}")
        out.append(f"from = {start.isoformat()}")
        out.append(f"to = {end.isoformat()}")
        out.append("")
    return "\n".join(out) + "\n"


def main():
    check = "--check" in sys.argv[1:]
    if holidays.__version__ != PINNED:
        sys.exit(f"error: holidays {holidays.__version__} is installed; this data comes from "
                 f"{PINNED}: pip install holidays=={PINNED}")
    data = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "data")
    folder = os.path.join(data, "holidays")
    with open(os.path.join(data, "calendar.toml"), "rb") as f:
        seasons = tomllib.load(f)["peak_seasons"]
    os.makedirs(folder, exist_ok=True)
    drift = 0
    days_off = {}
    files = [(os.path.join(folder, code + ".toml"), market_file(code, seasons, days_off)) for code in MARKETS]
    lines = [
        f"# The markets off on each day, {YEARS[0]}-{YEARS[-1]}: a day of a period of data/holidays/<market>.toml.",
        "# Generated by Rules/core/generate/market_holidays.py with the market files; do not edit by hand.",
        "# One look-up tells a rule whether anyone is off on a date (a table keyed by dates is a",
        "# dictionary to the rules: data.days_off[\"2027-01-04\"] is [\"KZ\", \"RU\"]).",
    ]
    lines += [f"{day.isoformat()} = [{', '.join(toml_string(c) for c in sorted(codes))}]" for day, codes in sorted(days_off.items())]
    files.append((os.path.join(data, "days_off.toml"), "\n".join(lines) + "\n"))
    for path, text in files:
        old = open(path, encoding="utf-8").read() if os.path.exists(path) else ""
        if check:
            if old != text:
                drift += 1
                sys.stdout.writelines(difflib.unified_diff(old.splitlines(True), text.splitlines(True),
                                                           path, "holidays " + PINNED, n=1))
        elif old != text:
            with open(path + ".tmp", "w", encoding="utf-8") as f:
                f.write(text)
            os.replace(path + ".tmp", path)
    extra = sorted(set(f[:-5] for f in os.listdir(folder) if f.endswith(".toml")) - set(MARKETS))
    if extra:
        drift += len(extra)
        print(f"files for markets the generator does not write: {extra}")
    if check:
        print(f"{len(MARKETS)} markets, {YEARS[0]}-{YEARS[-1]}: "
              + ("the data matches holidays " + PINNED if drift == 0 else f"{drift} files differ"))
        sys.exit(1 if drift else 0)


if __name__ == "__main__":
    main()
