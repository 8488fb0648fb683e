// While a solve runs, ask for its progress twice a second and show it; reload once it is done.
// Every text comes ready-made from the server, in the page language.
(() => {
  const live = document.getElementById("job-live");
  if (!live) return;
  const statusUrl = live.dataset.statusUrl;
  const progress = document.getElementById("job-progress");
  const fields = { state: "job-state", elapsed: "job-elapsed", objective: "job-objective",
                   bound: "job-bound", solutions: "job-solutions" };

  function show(status) {
    for (const [name, id] of Object.entries(fields)) {
      const element = document.getElementById(id);
      if (element && status.text[name] !== undefined) element.textContent = status.text[name];
    }
    document.getElementById("job-state").dataset.state = status.state;
    if (progress && status.elapsed_s !== null) {
      progress.value = Math.min(status.elapsed_s, status.time_limit);
    }
  }

  async function poll() {
    try {
      const answer = await fetch(statusUrl, { headers: { Accept: "application/json" }, cache: "no-store" });
      // Signed out or the job forgotten: the page itself says so.
      if (!answer.ok || answer.redirected) { window.location.reload(); return; }
      const status = await answer.json();
      show(status);
      if (status.done) { window.location.reload(); return; }
    } catch (error) {
      // A missed answer (the server restarting, a network blip): try again at the next tick.
    }
    window.setTimeout(poll, 500);
  }

  window.setTimeout(poll, 500);
})();
