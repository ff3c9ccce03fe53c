// Parallax: small progressive enhancements. Every page works without this file.

// A <select data-autosubmit> sends its form when changed (the form keeps a button without JS).
document.addEventListener("change", (event) => {
  const field = event.target;
  if (field instanceof HTMLSelectElement && field.dataset.autosubmit !== undefined && field.form) {
    field.form.requestSubmit();
  }
});
