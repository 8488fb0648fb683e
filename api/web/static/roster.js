// A click on a duty in the roster grid shows its details (hover shows them too, as a title).
document.addEventListener("click", (event) => {
  const duty = event.target.closest("button.duty[data-duty]");
  const info = document.getElementById("duty-info");
  if (!duty || !info) return;
  info.textContent = duty.dataset.duty + " · " + duty.title;
});
