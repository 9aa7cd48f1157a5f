"""PNG plots of a dyad's series (matplotlib, Agg backend: no display needed)."""

from __future__ import annotations

from pathlib import Path


def plot_series(rows: list[dict], alerts, path: str | Path, *, title: str) -> Path:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    periods = [r["period"] for r in rows]
    fig, (ax1, ax2) = plt.subplots(2, 1, figsize=(11, 6), sharex=True,
                                   gridspec_kw={"height_ratios": [2, 1]})
    ax1.plot(periods, [r["tension"] for r in rows], color="#b22222", lw=1.6, label="tension index")
    for a in alerts:
        x = next((p for p in periods if str(p) == a.start), None)
        if x is not None:
            ax1.axvline(x, color="#444" if a.kind == "surge" else "#e69500", ls="--", lw=1)
            ax1.annotate(f"{a.kind} ({a.level})", (x, ax1.get_ylim()[1] * 0.92), rotation=90,
                         fontsize=7, va="top", ha="right")
    ax1.set_title(title)
    ax1.set_ylabel("tension")
    ax1.legend(loc="upper left")
    bottom = [0] * len(rows)
    for key, colour in (("verbal_coop", "#7fbf7f"), ("material_coop", "#2e8b57"),
                        ("verbal_conflict", "#f4a460"), ("material_conflict_quad", "#b22222")):
        vals = [r[key] for r in rows]
        ax2.bar(periods, vals, bottom=bottom, width=5, color=colour, label=key.replace("_quad", ""))
        bottom = [b + v for b, v in zip(bottom, vals)]
    ax2.set_ylabel("clusters")
    ax2.legend(loc="upper left", fontsize=7, ncol=4)
    fig.autofmt_xdate()
    fig.tight_layout()
    path = Path(path)
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return path
