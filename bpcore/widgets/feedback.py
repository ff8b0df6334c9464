"""What the dashboards and the playground show instead of a traceback.

``guarded(action, say, resync)`` wraps a widget callback: a ValueError or
TypeError (a setting that makes no sense) becomes the message itself, anything
else a short "something went wrong"; either way the controls are put back to
the last good state first.  ``message_html`` is how a message looks, and
``html_table`` how their tables of numbers look.  ``with_still_picture`` is what
a dashboard or the playground shows where its widgets cannot run.
"""
import html

from .strings import text


def message_html(text, kind="info"):
    """A message box: blue ℹ️ for information, vermillion ⚠️ for a refusal; "" for no message."""
    if not text:
        return ""
    colour, icon = {"info": ("#0072B2", "ℹ️"), "error": ("#D55E00", "⚠️")}[kind]
    return (f"<div style='border-left:4px solid {colour};padding:4px 8px;max-width:360px'>{icon} "
            f"{html.escape(text)}</div>")


def guarded(action, say, resync, lang="en"):
    """A callback running ``action()`` that never lets an exception reach the notebook.

    lang: the language of the "something went wrong" message (see ``strings.py``)."""
    def run(*_):
        try:
            action()
        except (ValueError, TypeError) as exc:
            resync()
            say(str(exc), "error")
        except Exception as exc:  # a learner never sees a traceback
            resync()
            say(text("msg.unexpected", lang, error=f"{type(exc).__name__}: {exc}"), "error")
    return run


def html_table(header, rows, limit=None, align="left", lang="en"):
    """A compact monospace HTML table; past ``limit`` rows it says how many more there are."""
    shown = rows if limit is None else rows[:limit]
    pad = "padding:0 10px 0 0" if align == "left" else "padding:0 8px"
    head = "".join(f"<th style='text-align:{align};{pad}'>{html.escape(h)}</th>" for h in header)
    body = "".join("<tr>" + "".join(f"<td style='text-align:{align};{pad}'>{c}</td>" for c in row) + "</tr>"
                   for row in shown)
    more = f"<p>{html.escape(text('table.more_rows', lang, n=len(rows) - len(shown)))}</p>" if len(shown) < len(rows) else ""
    return f"<table style='font-family:monospace;font-size:12px;max-width:100%'><tr>{head}</tr>{body}</table>{more}"


def with_still_picture(bundle, plain, html_text, png):
    """A widget's MIME bundle (as ``_repr_mimebundle_`` returns it, alone or with its metadata) with
    a line of text, a line of HTML and a still picture (PNG: it survives in a notebook that is not
    trusted, as a student's freshly opened one is) beside the live view."""
    if isinstance(bundle, tuple):
        bundle = bundle[0]
    return {**(bundle or {}), "text/plain": plain, "text/html": html_text, "image/png": png}
