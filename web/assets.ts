/** The console's style sheet and its one script, served by the app itself: government networks are often offline, so no CDN. */
export const STYLE_CSS = `
:root { --ink: #1b1f24; --muted: #5b6470; --line: #d5dae0; --brand: #a4161a; --ok: #e3f4e6; --late: #fff1d6; --over: #fde2e1; --ext: #e5eefc; --decl: #efe6fb; --off: #f1f2f4; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.45 "Segoe UI", Roboto, "Noto Sans", Arial, sans-serif; color: var(--ink); background: #fafbfc; }
header { display: flex; flex-wrap: wrap; gap: .5rem 1.5rem; align-items: center; padding: .6rem 1rem; background: var(--brand); color: #fff; }
header a { color: #fff; }
header .who { margin-left: auto; display: flex; gap: .75rem; align-items: center; }
header .lang { margin-left: auto; }
header .lang + .who { margin-left: 0; }
main { padding: 1rem; max-width: 100%; }
h1 { font-size: 1.3rem; margin: .2rem 0 1rem; }
h2 { font-size: 1.1rem; margin: 1.5rem 0 .5rem; }
table { border-collapse: collapse; background: #fff; }
th, td { border: 1px solid var(--line); padding: .35rem .5rem; text-align: left; vertical-align: top; }
th { background: #f3f5f7; font-weight: 600; }
.scroll { overflow-x: auto; max-width: 100%; -webkit-overflow-scrolling: touch; }
tr.group th { background: #e9ecef; }
tfoot th, tfoot td { font-weight: 700; }
.matrix td a { display: block; color: inherit; text-decoration: none; min-width: 6rem; }
/* A column as wide as its short name: the sample's seven items and nine units fit 1366 x 768 without scrolling. */
.matrix { font-size: 14px; }
.matrix thead th { max-width: 10rem; }
.matrix td, .matrix tbody th { white-space: nowrap; }
.next { background: #fff8e1; border: 1px solid #f0d68a; padding: .3rem .75rem; margin: 0 0 .5rem; }
.next ul { margin: .1rem 0 0; padding-left: 1.2rem; }
p.filters { margin: 0 0 .4rem; }
[data-live] > p.muted { margin: .3rem 0 .5rem; }
.matrix td a:hover, .matrix td a:focus { text-decoration: underline; }
.matrix th small { display: block; font-weight: 400; color: var(--muted); }
.s-submitted-on-time, .s-reported { background: var(--ok); }
.s-submitted-late { background: var(--late); }
.s-overdue { background: var(--over); font-weight: 600; }
.s-extended { background: var(--ext); }
.s-declared, .r-pending { background: var(--decl); }
.r-rejected { background: var(--over); }
.s-cancelled, .s-not-applicable, .s-retired { background: var(--off); color: var(--muted); }
form.inline { display: inline; }
form.box { background: #fff; border: 1px solid var(--line); padding: 1rem; max-width: 32rem; margin: .5rem 0 1rem; }
form.box label { display: block; margin: .6rem 0 .2rem; font-weight: 600; }
form.box input, form.box select, form.box textarea { width: 100%; padding: .4rem; font: inherit; }
form.box input[type=checkbox] { width: auto; }
/* A self-score figure: wide enough for "100,25", its criterion wide enough to read as a line, not a word a line. */
form.box input.figure { width: 5.5rem; }
#score-form td.criterion { min-width: 16rem; }
form.box.wide { max-width: 48rem; }
form.box textarea[name=decisions] { font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: 13px; }
p a, td a { overflow-wrap: anywhere; }
.filters { display: flex; flex-wrap: wrap; gap: .5rem 1rem; align-items: center; margin-bottom: .75rem; }
button { font: inherit; padding: .4rem .9rem; border: 1px solid var(--brand); background: var(--brand); color: #fff; border-radius: 3px; cursor: pointer; }
header button { background: transparent; border-color: #fff; }
.error { background: var(--over); border: 1px solid #e0a3a0; padding: .5rem .75rem; margin: .5rem 0; }
.notice { background: var(--ok); border: 1px solid #a8d5b0; padding: .5rem .75rem; margin: .5rem 0; }
.muted { color: var(--muted); }
/* A phone (390 px): the page never scrolls sideways; wide tables scroll inside their .scroll, forms take the width. */
@media (max-width: 640px) {
  main { padding: .5rem; }
  header { padding: .5rem; }
  header .who { margin-left: 0; flex-wrap: wrap; }
  form.box, form.box.wide { max-width: none; width: 100%; padding: .75rem; }
  .filters { align-items: stretch; }
  .filters select { max-width: 100%; }
  main > table { display: block; overflow-x: auto; }
}
`;

/**
 * Live matrix, by polling: every `data-live-ms` milliseconds the page fetches its own address and, when the part
 * marked `data-live` has changed, swaps it in place; no reload, no state of its own. A failed fetch waits for the
 * next turn.
 */
export const LIVE_JS = `(function () {
  var live = document.querySelector('[data-live]');
  if (!live) return;
  var every = Number(live.getAttribute('data-live-ms')) || 15000;
  setInterval(function () {
    fetch(location.href, { credentials: 'same-origin' })
      .then(function (r) { return r.ok ? r.text() : null; })
      .then(function (text) {
        if (!text) return;
        var fresh = new DOMParser().parseFromString(text, 'text/html').querySelector('[data-live]');
        var current = document.querySelector('[data-live]');
        if (fresh && current && fresh.innerHTML !== current.innerHTML) current.innerHTML = fresh.innerHTML;
      })
      .catch(function () {});
  }, every);
})();
`;
