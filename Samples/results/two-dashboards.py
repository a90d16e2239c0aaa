"""Writes two-dashboards.csv: the first two weeks of daily readings of the two-dashboards sample
(launch 10 June 2026), as a dashboard export would give them. The brand reads its reach in Google Ads
and new players in its game analytics; Kai reads his reach in YouTube Studio, his installs in
AppsFlyer, and on the check-in's day new players in AppsFlyer too, where they count differently.
Run: python3 Samples/results/two-dashboards.py"""
import datetime
import pathlib

rows = ["date,metric,value,by,source"]
launch = datetime.date(2026, 6, 10)
for day in range(1, 15):
    date = launch + datetime.timedelta(days=day)
    rows.append(f"{date},Reach,{int(5_000_000 * day / 30 * 0.97)},brand,Google Ads")
    rows.append(f"{date},Reach,{int(1_200_000 * day / 30 * 1.6)},kai,YouTube Studio")
    # Exported with thousands separators, so quoted.
    rows.append(f"{date},New players,\"{int(150_000 * day / 30 * 0.55):,}\",brand,Game analytics")
    if day % 7 == 0:
        rows.append(f"{date},Installs through Kai's link,{int(20_000 * day / 30 * 1.05)},kai,AppsFlyer")
rows.append(f"{launch + datetime.timedelta(days=14)},new players,61200,kai,AppsFlyer")
out = pathlib.Path(__file__).with_name("two-dashboards.csv")
out.write_text("\r\n".join(rows) + "\r\n", encoding="utf-8", newline="")
