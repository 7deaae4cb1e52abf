import { html, raw, type HtmlFragment } from './html.js';
import { cookieOf } from './console-session.js';

/** The themes of Teams (the tab passes `?tema=`); a browser follows the system's. */
export type ConsoleTheme = 'default' | 'dark' | 'contrast';

export function themeOf(value: unknown): ConsoleTheme {
  return value === 'dark' || value === 'contrast' ? value : 'default';
}

/** The cookie that keeps the theme Teams gave the tab's first page for the pages after it. */
export const themeCookie = 'sportello_tema';

/** A request's theme: `?tema=` when given, else the one kept in the cookie. */
export function themeFor(request: {
  query: Record<string, unknown>;
  headers: { cookie?: string | undefined };
}): ConsoleTheme {
  if (request.query['tema'] !== undefined) return themeOf(request.query['tema']);
  return themeOf(cookieOf(request, themeCookie));
}

// Fluent UI's neutral palette and type ramp, without its scripts: pages are server-rendered.
const styles = `
:root{--bg:#fff;--fg:#242424;--muted:#616161;--line:#e0e0e0;--accent:#5b5fc7;--accent-fg:#fff;--row:#f5f5f5;--warn:#c4314b;--ok:#0e700e}
@media (prefers-color-scheme:dark){:root:not([data-tema=default]){--bg:#1f1f1f;--fg:#fff;--muted:#adadad;--line:#3d3d3d;--accent:#7f85f5;--accent-fg:#000;--row:#292929;--warn:#f9526b;--ok:#54b054}}
:root[data-tema=dark]{--bg:#1f1f1f;--fg:#fff;--muted:#adadad;--line:#3d3d3d;--accent:#7f85f5;--accent-fg:#000;--row:#292929;--warn:#f9526b;--ok:#54b054}
:root[data-tema=contrast]{--bg:#000;--fg:#fff;--muted:#fff;--line:#fff;--accent:#ffff00;--accent-fg:#000;--row:#000;--warn:#ffff00;--ok:#3ff23f}
*{box-sizing:border-box}body{margin:0;font:14px/1.43 "Segoe UI",system-ui,sans-serif;background:var(--bg);color:var(--fg)}
header{display:flex;gap:16px;align-items:center;padding:8px 20px;border-bottom:1px solid var(--line)}
header strong{font-size:16px}header nav{display:flex;gap:12px;align-items:center}header nav:last-child{margin-left:auto}
main{padding:16px 20px;max-width:1200px}h1{font-size:20px;font-weight:600;margin:8px 0 16px}
a{color:var(--accent)}table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:6px 8px;border-bottom:1px solid var(--line);vertical-align:top}
th{font-weight:600}tbody tr:nth-child(even){background:var(--row)}
form.filtri{display:flex;flex-wrap:wrap;gap:8px 12px;align-items:end;margin-bottom:16px}
label{display:flex;flex-direction:column;font-size:12px;color:var(--muted);gap:2px}
input,select,button{font:inherit;color:var(--fg);background:var(--bg);border:1px solid var(--line);border-radius:4px;padding:4px 8px}
button,.pulsante{background:var(--accent);color:var(--accent-fg);border-color:var(--accent);cursor:pointer;text-decoration:none;border-radius:4px;padding:4px 12px}
.muted{color:var(--muted)}.avviso{color:var(--warn);font-weight:600}.fatto{color:var(--ok);font-weight:600}
ol.storia{list-style:none;padding:0}ol.storia li{border-left:2px solid var(--accent);padding:4px 12px;margin:0 0 8px}
:focus-visible{outline:2px solid var(--accent);outline-offset:2px}
.barra{height:10px;background:var(--accent);margin:2px 0;min-width:2px}.barra.spesa{background:var(--warn)}table.grafico td{width:80%}
`;

/** A whole console page: Italian, the theme, the signed-in person and the navigation. */
export function consolePage(input: {
  title: string;
  body: HtmlFragment;
  theme: ConsoleTheme;
  person?: { name: string; role: string; staff?: boolean; budget?: boolean } | null;
}): string {
  const sections = input.person
    ? html`<nav aria-label="Sezioni"><a href="/console/pratiche">Pratiche</a>${input.person.budget ? html`<a href="/console/budget">Budget</a>` : ''}${input.person.staff ? html`<a href="/console/da-verificare">Da verificare</a><a href="/console/quarantena">Quarantena</a><a href="/console/previsioni">Previsioni</a><a href="/console/calendario">Calendario e posta</a><a href="/console/accessi">Accessi ai dati</a><a href="/console/scarto">Scarto</a>` : ''}</nav>`
    : '';
  const person = input.person
    ? html`<nav aria-label="Sessione"><span>${input.person.name} <span class="muted">(${input.person.role})</span></span><a href="/console/esci">Esci</a></nav>`
    : '';
  return html`<!doctype html>
<html lang="it" data-tema="${input.theme}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${input.title} – Sportello</title><style>${raw(styles)}</style></head>
<body><header><strong>Sportello</strong><span class="muted">Comunità Sociale Cremasca</span>${sections}${person}</header>
<main id="contenuto">${input.body}</main></body></html>`.toString();
}
