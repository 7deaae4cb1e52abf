// The console's Teams tab: asks Teams for the user's SSO token, opens a session with it, and shows
// «Pratiche» in Teams' theme. Runs inside Teams only (microsoftTeams is the Teams JS SDK).
/* global microsoftTeams, document, location, fetch */
(async () => {
  const status = document.getElementById('stato');
  try {
    await microsoftTeams.app.initialize();
    const context = await microsoftTeams.app.getContext();
    const theme = { dark: 'dark', contrast: 'contrast' }[context.app.theme] ?? 'default';
    const token = await microsoftTeams.authentication.getAuthToken();
    const response = await fetch('/console/sso', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token }),
    });
    if (response.status === 204) {
      location.replace(`/console/pratiche?tema=${theme}`);
      return;
    }
    status.textContent = (await response.json()).errore;
  } catch {
    status.textContent =
      'Accesso da Teams non riuscito: aprire la scheda Sportello dall’app Microsoft Teams.';
  }
})();
