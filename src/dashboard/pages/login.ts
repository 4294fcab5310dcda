// The login form: the dashboard token, once; a session cookie afterwards.
import { html, type SafeHtml } from '../html.js';

export function loginPage(problem?: string): { title: string; body: SafeHtml } {
  return {
    title: 'Log in',
    body: html`${problem ? html`<p class="error" id="login-problem">${problem}</p>` : ''}
<form method="post" action="/login" class="login">
<label>Dashboard token <input type="password" name="token" autocomplete="current-password" required autofocus></label>
<button type="submit">Log in</button>
</form>
<p class="muted">The token is DASHBOARD_TOKEN in the bot's configuration.</p>`,
  };
}
