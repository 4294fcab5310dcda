// The page frame: navigation, the CSRF token for forms, and the assets (one stylesheet, Chart.js
// and one script, all served by the dashboard itself: no CDN, and a CSP that allows nothing else).
import { html, type SafeHtml } from './html.js';

export const NAV = [
  { path: '/', label: 'Overview' },
  { path: '/questions', label: 'Questions' },
  { path: '/topics', label: 'Unanswered topics' },
  { path: '/feedback', label: 'Feedback' },
  { path: '/documents', label: 'Documents' },
  { path: '/escalations', label: 'Help requests' },
  { path: '/index', label: 'Index' },
] as const;

export interface PageFrame {
  title: string;
  path: string;
  /** The session's CSRF token (forms that POST include it); undefined on the login page. */
  csrf?: string;
  body: SafeHtml;
  /** Load Chart.js and the chart script. */
  charts?: boolean;
}

export function csrfField(csrf: string | undefined): SafeHtml {
  return html`<input type="hidden" name="csrf" value="${csrf ?? ''}">`;
}

export function page(frame: PageFrame): string {
  const nav = NAV.map((item) => html`<a href="${item.path}"${item.path === frame.path ? html` aria-current="page"` : ''}>${item.label}</a>`);
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${frame.title} · Footnote</title>
<link rel="stylesheet" href="/assets/dashboard.css">
${frame.charts ? html`<script src="/assets/chart.umd.js" defer></script><script src="/assets/dashboard.js" defer></script>` : ''}
</head>
<body>
<header>
<strong class="brand">Footnote</strong>
${frame.csrf !== undefined ? html`<nav>${nav}</nav><form method="post" action="/logout" class="logout">${csrfField(frame.csrf)}<button type="submit">Log out</button></form>` : ''}
</header>
<main>
<h1>${frame.title}</h1>
${frame.body}
</main>
</body>
</html>`.value;
}

/** A link to the same page with some query parameters changed. */
export function withQuery(path: string, query: Record<string, string | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value) params.set(key, value);
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}
